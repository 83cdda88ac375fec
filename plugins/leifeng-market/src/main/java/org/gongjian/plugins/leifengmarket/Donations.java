package org.gongjian.plugins.leifengmarket;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gongjian.plugin.api.Access;
import org.gongjian.plugin.api.AuditTrail;
import org.gongjian.plugin.api.Events;
import org.gongjian.plugin.api.Permission;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.PluginEvent;
import org.gongjian.plugin.api.PluginTransactions;

/** Donations received into stock: one IN movement per item, the donation row, audit and the event. */
final class Donations {

    static final String DONATED = "LEIFENG_MARKET_DONATION_RECEIVED";

    private final PluginContext context;
    private final Markets markets;

    Donations(PluginContext context) {
        this.context = context;
        this.markets = new Markets(context);
    }

    record Donation(long id, long marketId, String donor, long items) {}

    Donation receive(
            PluginCaller caller,
            long marketId,
            String donor,
            Optional<Long> donorMemberId,
            Optional<String> receiptNo,
            List<Line> requested) {
        Markets.Market market = markets.usable(caller, marketId, Permission.RECORD);
        String donorName = Text.name(donor, "donor", "MARKET_DONOR_INVALID", "error.donor");
        if (donorMemberId.isPresent()
                && !context.require(Access.class).mayOnMember(caller, Permission.RECORD, donorMemberId.get())) {
            throw new MarketRefused("MEMBER_NOT_FOUND", 404, "donorMemberId", "error.member-not-found");
        }
        List<Line> lines = Line.checked(requested);
        long id = context.newId();
        Instant now = context.clock().instant();
        long items = lines.stream().mapToLong(Line::quantity).sum();
        return context.require(PluginTransactions.class).inTransaction(caller, tx -> {
            Stock.lock(tx.connection(), marketId, lines);
            try (PreparedStatement s = tx.connection()
                    .prepareStatement("INSERT INTO leifeng_market_donation"
                            + " (id, market_id, donor, donor_member_id, receipt_no, at, by_user)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, id);
                s.setLong(2, marketId);
                s.setString(3, donorName);
                s.setObject(4, donorMemberId.orElse(null));
                s.setString(5, receiptNo.orElse(null));
                s.setTimestamp(6, Timestamp.from(now));
                s.setLong(7, caller.userId());
                s.executeUpdate();
            }
            for (Line line : lines) {
                Stock.move(
                        tx.connection(),
                        context.newId(),
                        line.itemId(),
                        "IN",
                        line.quantity(),
                        null,
                        id,
                        null,
                        now,
                        caller.userId());
            }
            if (donorMemberId.isPresent()) {
                context.require(Events.class)
                        .publish(
                                tx,
                                PluginEvent.of(DONATED, donorMemberId.get(), market.organizationId(), items, Map.of()));
            }
            context.require(AuditTrail.class)
                    .record(
                            tx,
                            "DONATION_RECEIVED",
                            "DONATION",
                            Long.toString(id),
                            Optional.of(market.organizationId()),
                            "收到捐赠：" + donorName + " 共 " + items + " 件",
                            Map.of());
            return new Donation(id, marketId, donorName, items);
        });
    }
}
