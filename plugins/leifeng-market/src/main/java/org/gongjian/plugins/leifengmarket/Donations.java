package org.gongjian.plugins.leifengmarket;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

/**
 * Donations received into stock: one IN movement per item (with its expiry date, if any), the
 * donation row with its donor's kind and an optional photo, audit and the event; and the market's
 * donations for the list and the printed receipt (捐赠收据).
 */
final class Donations {

    static final String DONATED = "LEIFENG_MARKET_DONATION_RECEIVED";

    private final PluginContext context;
    private final Markets markets;

    Donations(PluginContext context) {
        this.context = context;
        this.markets = new Markets(context);
    }

    /** Who gave: a merchant (商户), a unit (单位) or a resident (居民). */
    enum DonorKind {
        MERCHANT,
        UNIT,
        RESIDENT;

        String words(Locale locale) {
            return Messages.get(locale, "donor." + name().toLowerCase(Locale.ROOT));
        }
    }

    record Donation(long id, long marketId, String donor, long items) {}

    /** A received line as the receipt shows it. */
    record ReceiptLine(long itemId, String name, String unit, long quantity, Optional<LocalDate> expiresOn) {}

    /** A donation as the list and the receipt show it. */
    record Received(
            long id,
            long marketId,
            DonorKind kind,
            String donor,
            Optional<Long> donorMemberId,
            Optional<String> receiptNo,
            Instant at,
            List<ReceiptLine> lines,
            Optional<Long> photoId) {

        long items() {
            return lines.stream().mapToLong(ReceiptLine::quantity).sum();
        }
    }

    /** The request's donor kind: named, or RESIDENT when a member is given, else MERCHANT. */
    static DonorKind kind(Optional<String> kind, Optional<Long> donorMemberId) {
        if (kind.isEmpty()) {
            return donorMemberId.isPresent() ? DonorKind.RESIDENT : DonorKind.MERCHANT;
        }
        try {
            return DonorKind.valueOf(kind.get().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw MarketRefused.invalid("MARKET_DONOR_KIND_INVALID", "donorKind", "error.donor-kind");
        }
    }

    Donation receive(
            PluginCaller caller,
            long marketId,
            String donor,
            Optional<Long> donorMemberId,
            Optional<String> receiptNo,
            List<Line> requested) {
        return receive(
                caller,
                marketId,
                kind(Optional.empty(), donorMemberId),
                donor,
                donorMemberId,
                receiptNo,
                requested.stream()
                        .map(l -> new Intake(l.itemId(), l.quantity(), Optional.empty()))
                        .toList(),
                Optional.empty());
    }

    Donation receive(
            PluginCaller caller,
            long marketId,
            DonorKind kind,
            String donor,
            Optional<Long> donorMemberId,
            Optional<String> receiptNo,
            List<Intake> requested,
            Optional<byte[]> photo) {
        Markets.Market market = markets.usable(caller, marketId, Permission.RECORD);
        String donorName = Text.name(donor, "donor", "MARKET_DONOR_INVALID", "error.donor");
        if (donorMemberId.isPresent() && kind != DonorKind.RESIDENT) {
            throw MarketRefused.invalid("MARKET_DONOR_KIND_INVALID", "donorKind", "error.donor-kind-member");
        }
        if (donorMemberId.isPresent()
                && !context.require(Access.class).mayOnMember(caller, Permission.RECORD, donorMemberId.get())) {
            throw new MarketRefused("MEMBER_NOT_FOUND", 404, "donorMemberId", "error.member-not-found");
        }
        Optional<String> receipt = receipt(receiptNo);
        Optional<String> photoType = photo.map(Photos::check);
        Instant now = context.clock().instant();
        List<Intake> lines = Intake.checked(
                requested, LocalDate.ofInstant(now, context.clock().getZone()));
        long id = context.newId();
        long items = lines.stream().mapToLong(Intake::quantity).sum();
        return context.require(PluginTransactions.class).inTransaction(caller, tx -> {
            Stock.lock(
                    tx.connection(), marketId, lines.stream().map(Intake::line).toList());
            Long photoId = null;
            if (photo.isPresent()) {
                photoId = Photos.store(
                        tx.connection(),
                        context.newId(),
                        "DONATION",
                        id,
                        photoType.orElseThrow(),
                        photo.get(),
                        now,
                        caller.userId());
            }
            try (PreparedStatement s = tx.connection()
                    .prepareStatement("INSERT INTO leifeng_market_donation"
                            + " (id, market_id, donor, donor_member_id, receipt_no, at, by_user, donor_kind, photo_id)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, id);
                s.setLong(2, marketId);
                s.setString(3, donorName);
                s.setObject(4, donorMemberId.orElse(null));
                s.setString(5, receipt.orElse(null));
                s.setTimestamp(6, Timestamp.from(now));
                s.setLong(7, caller.userId());
                s.setString(8, kind.name());
                s.setObject(9, photoId);
                s.executeUpdate();
            }
            for (Intake line : lines) {
                Stock.receive(
                        tx.connection(),
                        context.newId(),
                        line.itemId(),
                        "IN",
                        line.quantity(),
                        id,
                        null,
                        line.expiresOn().orElse(null),
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
                            "收到捐赠：" + kind.words(Locale.SIMPLIFIED_CHINESE) + " " + donorName + " 共 " + items + " 件"
                                    + receipt.map(r -> "，收据 " + r).orElse(""),
                            Map.of());
            return new Donation(id, marketId, donorName, items);
        });
    }

    /** The market's donations, newest first, with their lines; at most {@code limit}. */
    List<Received> of(PluginCaller caller, long marketId, int limit) {
        markets.usable(caller, marketId, Permission.RECORD);
        try (Connection c = context.dataSource().getConnection()) {
            Map<Long, Received> found = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, donor_kind, donor, donor_member_id, receipt_no, at, photo_id FROM leifeng_market_donation"
                            + " WHERE market_id = ? ORDER BY at DESC, id DESC LIMIT ?")) {
                s.setLong(1, marketId);
                s.setInt(2, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.put(
                                r.getLong(1),
                                new Received(
                                        r.getLong(1),
                                        marketId,
                                        DonorKind.valueOf(r.getString(2)),
                                        r.getString(3),
                                        Optional.ofNullable(r.getObject(4, Long.class)),
                                        Optional.ofNullable(r.getString(5)),
                                        r.getTimestamp(6).toInstant(),
                                        new ArrayList<>(),
                                        Optional.ofNullable(r.getObject(7, Long.class))));
                    }
                }
            }
            if (found.isEmpty()) {
                return List.of();
            }
            String ids = String.join(
                    ",", found.keySet().stream().map(String::valueOf).toList());
            try (PreparedStatement s = c.prepareStatement("SELECT m.donation_id, i.id, i.name, i.unit, m.quantity,"
                            + " m.expires_on FROM leifeng_market_movement m JOIN leifeng_market_item i ON i.id = m.item_id"
                            + " WHERE m.kind = 'IN' AND m.donation_id IN (" + ids + ") ORDER BY i.category, i.name");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.get(r.getLong(1))
                            .lines()
                            .add(new ReceiptLine(
                                    r.getLong(2),
                                    r.getString(3),
                                    r.getString(4),
                                    r.getLong(5),
                                    Optional.ofNullable(r.getObject(6, LocalDate.class))));
                }
            }
            return found.values().stream()
                    .map(d -> new Received(
                            d.id(),
                            d.marketId(),
                            d.kind(),
                            d.donor(),
                            d.donorMemberId(),
                            d.receiptNo(),
                            d.at(),
                            List.copyOf(d.lines()),
                            d.photoId()))
                    .toList();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the donations", e);
        }
    }

    /** A receipt number: absent, or 1 to 40 characters without control characters. */
    static Optional<String> receipt(Optional<String> receiptNo) {
        Optional<String> text = receiptNo.map(String::strip).filter(r -> !r.isEmpty());
        if (text.isPresent()
                && (text.get().codePointCount(0, text.get().length()) > 40
                        || text.get().chars().anyMatch(Character::isISOControl))) {
            throw MarketRefused.invalid("MARKET_RECEIPT_INVALID", "receiptNo", "error.receipt");
        }
        return text;
    }
}
