package org.gongjian.plugins.leifengmarket;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.gongjian.plugin.api.Permission;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.PluginTransactions;
import org.gongjian.plugin.api.PointsLedger;

/**
 * The monthly 账物相符 statement of a market: per item, opening + donated + purchased − redeemed ±
 * adjusted = closing from the movements, and the closing against what is on hand; and the points the market
 * took in against its account in the host's ledger.
 */
final class Statements {

    private final PluginContext context;
    private final Markets markets;

    Statements(PluginContext context) {
        this.context = context;
        this.markets = new Markets(context);
    }

    record ItemLine(
            long itemId,
            String name,
            String unit,
            long opening,
            long donated,
            long purchased,
            long redeemed,
            long adjusted,
            long closing,
            long onHand,
            boolean balanced) {

        /** Everything that came in: donated and purchased. */
        long received() {
            return donated + purchased;
        }
    }

    /**
     * @param pointsRedeemedTenths the points taken in during the month
     * @param pointsTotalTenths all points ever taken in (this slice has no payouts out of the market)
     * @param accountTenths the market account's balance in the host's ledger
     */
    record Statement(
            long marketId,
            YearMonth month,
            List<ItemLine> items,
            long pointsRedeemedTenths,
            long pointsTotalTenths,
            long accountTenths,
            boolean balanced) {}

    Statement of(PluginCaller caller, long marketId, YearMonth month) {
        Markets.Market market = markets.usable(caller, marketId, Permission.READ);
        ZoneId zone = context.clock().getZone();
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        boolean current =
                !YearMonth.from(context.clock().instant().atZone(zone)).isAfter(month);
        List<ItemLine> items = new ArrayList<>();
        long redeemed;
        long total;
        try (Connection c = context.dataSource().getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT i.id, i.name, i.unit, i.on_hand,"
                    + " COALESCE(SUM(CASE WHEN m.at < ? THEN m.quantity END), 0),"
                    + " COALESCE(SUM(CASE WHEN m.at >= ? AND m.at < ? AND m.kind = 'IN' THEN m.quantity END), 0),"
                    + " COALESCE(SUM(CASE WHEN m.at >= ? AND m.at < ? AND m.kind = 'PURCHASE' THEN m.quantity END), 0),"
                    + " COALESCE(SUM(CASE WHEN m.at >= ? AND m.at < ? AND m.kind IN ('OUT', 'RETURN')"
                    + " THEN -m.quantity END), 0),"
                    + " COALESCE(SUM(CASE WHEN m.at >= ? AND m.at < ? AND m.kind IN ('ADJUST', 'COUNT')"
                    + " THEN m.quantity END), 0),"
                    + " COALESCE(SUM(CASE WHEN m.at < ? THEN m.quantity END), 0)"
                    + " FROM leifeng_market_item i LEFT JOIN leifeng_market_movement m ON m.item_id = i.id"
                    + " WHERE i.market_id = ? GROUP BY i.id, i.name, i.unit, i.on_hand, i.category"
                    + " ORDER BY i.category, i.name")) {
                Timestamp start = Timestamp.from(from);
                Timestamp end = Timestamp.from(to);
                s.setTimestamp(1, start);
                for (int i = 2; i <= 9; i += 2) {
                    s.setTimestamp(i, start);
                    s.setTimestamp(i + 1, end);
                }
                s.setTimestamp(10, end);
                s.setLong(11, marketId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long opening = r.getLong(5);
                        long donated = r.getLong(6);
                        long purchased = r.getLong(7);
                        long out = r.getLong(8);
                        long adjusted = r.getLong(9);
                        long closing = r.getLong(10);
                        long onHand = r.getLong(4);
                        boolean balanced = opening + donated + purchased - out + adjusted == closing
                                && (!current || closing == onHand);
                        items.add(new ItemLine(
                                r.getLong(1),
                                r.getString(2),
                                r.getString(3),
                                opening,
                                donated,
                                purchased,
                                out,
                                adjusted,
                                closing,
                                onHand,
                                balanced));
                    }
                }
            }
            redeemed = sum(c, marketId, from, to);
            total = sum(c, marketId, Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the statement", e);
        }
        PointsLedger ledger = context.require(PointsLedger.class);
        Redemptions redemptions = new Redemptions(context);
        long account = context.require(PluginTransactions.class)
                .inTransaction(caller, tx -> ledger.balance(redemptions.account(tx, market))
                        .amount());
        boolean balanced = total == account && items.stream().allMatch(ItemLine::balanced);
        return new Statement(marketId, month, items, redeemed, total, account, balanced);
    }

    private static long sum(Connection c, long marketId, Instant from, Instant to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COALESCE(SUM(total_tenths), 0)"
                        + " FROM leifeng_market_redemption WHERE market_id = ? AND at >= ? AND at < ? AND cancelled_at IS NULL")) {
            s.setLong(1, marketId);
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
