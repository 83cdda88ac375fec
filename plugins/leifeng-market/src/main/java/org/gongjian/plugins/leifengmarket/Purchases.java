package org.gongjian.plugins.leifengmarket;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gongjian.plugin.api.AuditTrail;
import org.gongjian.plugin.api.Permission;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.PluginTransactions;

/**
 * Purchases with the community's funds (采购入库): the supplier, the amount paid in yuan (cents in
 * the row), the receipt, and one PURCHASE movement per item, so the 账物相符 statement shows them
 * apart from donations.
 */
final class Purchases {

    /** The most one purchase may cost: ¥1,000,000.00. */
    static final long MAX_CENTS = 100_000_000L;

    private final PluginContext context;
    private final Markets markets;

    Purchases(PluginContext context) {
        this.context = context;
        this.markets = new Markets(context);
    }

    record Purchase(
            long id,
            long marketId,
            String supplier,
            long amountCents,
            Optional<String> receiptNo,
            Instant at,
            long items) {}

    /** Yuan with at most two decimals, above 0: {@code 12.345} is refused, not rounded. */
    static long cents(BigDecimal yuan) {
        if (yuan == null || yuan.signum() <= 0 || yuan.stripTrailingZeros().scale() > 2) {
            throw MarketRefused.invalid("MARKET_AMOUNT_INVALID", "amount", "error.amount");
        }
        try {
            long cents = yuan.movePointRight(2).longValueExact();
            if (cents > MAX_CENTS) {
                throw MarketRefused.invalid("MARKET_AMOUNT_INVALID", "amount", "error.amount");
            }
            return cents;
        } catch (ArithmeticException e) {
            throw MarketRefused.invalid("MARKET_AMOUNT_INVALID", "amount", "error.amount");
        }
    }

    /** Cents as yuan for people: 123456 → "1234.56". */
    static String yuan(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    Purchase record(
            PluginCaller caller,
            long marketId,
            String supplier,
            long amountCents,
            Optional<String> receiptNo,
            List<Intake> requested) {
        Markets.Market market = markets.usable(caller, marketId, Permission.RECORD);
        String name = Text.name(supplier, "supplier", "MARKET_SUPPLIER_INVALID", "error.supplier");
        if (amountCents <= 0 || amountCents > MAX_CENTS) {
            throw MarketRefused.invalid("MARKET_AMOUNT_INVALID", "amount", "error.amount");
        }
        Optional<String> receipt = Donations.receipt(receiptNo);
        Instant now = context.clock().instant();
        List<Intake> lines = Intake.checked(
                requested, LocalDate.ofInstant(now, context.clock().getZone()));
        long id = context.newId();
        long items = lines.stream().mapToLong(Intake::quantity).sum();
        return context.require(PluginTransactions.class).inTransaction(caller, tx -> {
            Stock.lock(
                    tx.connection(), marketId, lines.stream().map(Intake::line).toList());
            try (PreparedStatement s = tx.connection()
                    .prepareStatement(
                            "INSERT INTO leifeng_market_purchase"
                                    + " (id, market_id, supplier, amount_cents, receipt_no, at, by_user) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, id);
                s.setLong(2, marketId);
                s.setString(3, name);
                s.setLong(4, amountCents);
                s.setString(5, receipt.orElse(null));
                s.setTimestamp(6, Timestamp.from(now));
                s.setLong(7, caller.userId());
                s.executeUpdate();
            }
            for (Intake line : lines) {
                Stock.receive(
                        tx.connection(),
                        context.newId(),
                        line.itemId(),
                        "PURCHASE",
                        line.quantity(),
                        null,
                        id,
                        line.expiresOn().orElse(null),
                        now,
                        caller.userId());
            }
            context.require(AuditTrail.class)
                    .record(
                            tx,
                            "GOODS_PURCHASED",
                            "PURCHASE",
                            Long.toString(id),
                            Optional.of(market.organizationId()),
                            "采购入库：" + name + " 共 " + items + " 件，付款 " + yuan(amountCents) + " 元"
                                    + receipt.map(r -> "，收据 " + r).orElse(""),
                            Map.of());
            return new Purchase(id, marketId, name, amountCents, receipt, now, items);
        });
    }

    /** The market's purchases, newest first; at most {@code limit}. */
    List<Purchase> of(PluginCaller caller, long marketId, int limit) {
        markets.usable(caller, marketId, Permission.RECORD);
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT p.id, p.supplier, p.amount_cents, p.receipt_no, p.at,"
                                + " COALESCE((SELECT SUM(m.quantity) FROM leifeng_market_movement m WHERE m.purchase_id = p.id), 0)"
                                + " FROM leifeng_market_purchase p WHERE p.market_id = ? ORDER BY p.at DESC, p.id DESC LIMIT ?")) {
            s.setLong(1, marketId);
            s.setInt(2, limit);
            List<Purchase> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(new Purchase(
                            r.getLong(1),
                            marketId,
                            r.getString(2),
                            r.getLong(3),
                            Optional.ofNullable(r.getString(4)),
                            r.getTimestamp(5).toInstant(),
                            r.getLong(6)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the purchases", e);
        }
    }
}
