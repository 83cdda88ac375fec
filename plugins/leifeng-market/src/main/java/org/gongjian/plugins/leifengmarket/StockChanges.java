package org.gongjian.plugins.leifengmarket;

import java.time.Instant;
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
 * Adjustments (damaged, expired, found) and physical counts: each a movement, so that what is on
 * hand is always the sum of the movements and every difference has a reason and a person.
 */
final class StockChanges {

    static final int MAX_COUNTED = 999_999;

    private final PluginContext context;
    private final Markets markets;

    StockChanges(PluginContext context) {
        this.context = context;
        this.markets = new Markets(context);
    }

    static final int LATEST = 50;

    /** One movement of an item as the stock page lists it. */
    record Movement(
            String kind, long quantity, Optional<String> reason, Optional<java.time.LocalDate> expiresOn, Instant at) {}

    /** An item's latest movements, newest first. */
    List<Movement> movements(PluginCaller caller, long marketId, long itemId, int limit) {
        markets.usable(caller, marketId, Permission.RECORD);
        try (java.sql.Connection c = context.dataSource().getConnection();
                java.sql.PreparedStatement s = c.prepareStatement("SELECT m.kind, m.quantity, m.reason, m.expires_on,"
                        + " m.at FROM leifeng_market_movement m JOIN leifeng_market_item i ON i.id = m.item_id"
                        + " WHERE m.item_id = ? AND i.market_id = ? ORDER BY m.at DESC, m.id DESC LIMIT ?")) {
            s.setLong(1, itemId);
            s.setLong(2, marketId);
            s.setInt(3, limit);
            List<Movement> found = new ArrayList<>();
            try (java.sql.ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(new Movement(
                            r.getString(1),
                            r.getLong(2),
                            Optional.ofNullable(r.getString(3)),
                            Optional.ofNullable(r.getObject(4, java.time.LocalDate.class)),
                            r.getTimestamp(5).toInstant()));
                }
            }
            if (found.isEmpty()) {
                new Goods(context).item(caller, marketId, itemId); // an unknown item is refused, not empty
            }
            return found;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot read the movements", e);
        }
    }

    /** The difference a count found for one item (0: the books were right). */
    record Difference(long itemId, long before, long counted, long difference) {}

    /** Adds or takes away {@code quantity} of an item, with the reason. */
    Goods.Item adjust(PluginCaller caller, long marketId, long itemId, long quantity, String reason) {
        Markets.Market market = markets.usable(caller, marketId, Permission.RECORD);
        if (quantity == 0 || Math.abs(quantity) > Text.MAX_QUANTITY) {
            throw MarketRefused.invalid("MARKET_ADJUST_QUANTITY_INVALID", "quantity", "error.adjust-quantity");
        }
        String why = reason(reason);
        Instant now = context.clock().instant();
        return context.require(PluginTransactions.class).inTransaction(caller, tx -> {
            Goods.Item item = Stock.lock(tx.connection(), marketId, List.of(new Line(itemId, 1)))
                    .get(itemId);
            if (item.onHand() + quantity < 0) {
                throw MarketRefused.conflict(
                        "MARKET_ADJUST_BELOW_ZERO",
                        "quantity",
                        "error.adjust-below-zero",
                        item.name(),
                        item.onHand(),
                        item.unit(),
                        -quantity);
            }
            Stock.move(
                    tx.connection(),
                    context.newId(),
                    itemId,
                    "ADJUST",
                    quantity,
                    null,
                    null,
                    why,
                    now,
                    caller.userId());
            context.require(AuditTrail.class)
                    .record(
                            tx,
                            "STOCK_ADJUSTED",
                            "ITEM",
                            Long.toString(itemId),
                            Optional.of(market.organizationId()),
                            "库存调整：" + item.name() + " " + (quantity > 0 ? "+" : "") + quantity + "（" + why + "）",
                            Map.of());
            return item.withOnHand(item.onHand() + quantity);
        });
    }

    /** Books what a physical count found: a COUNT movement for every item whose count differs. */
    List<Difference> count(PluginCaller caller, long marketId, List<Line> counted) {
        Markets.Market market = markets.usable(caller, marketId, Permission.RECORD);
        if (counted == null || counted.isEmpty()) {
            throw MarketRefused.invalid("MARKET_NO_LINES", "lines", "error.no-lines");
        }
        for (Line line : counted) {
            if (line.quantity() < 0 || line.quantity() > MAX_COUNTED) {
                throw MarketRefused.invalid("MARKET_COUNT_INVALID", "lines", "error.counted");
            }
        }
        if (counted.stream().map(Line::itemId).distinct().count() != counted.size()) {
            throw MarketRefused.invalid("MARKET_ITEM_REPEATED", "lines", "error.item-repeated");
        }
        List<Line> sorted = counted.stream()
                .sorted(java.util.Comparator.comparingLong(Line::itemId))
                .toList();
        Instant now = context.clock().instant();
        return context.require(PluginTransactions.class).inTransaction(caller, tx -> {
            Map<Long, Goods.Item> items = Stock.lock(tx.connection(), marketId, sorted);
            List<Difference> differences = new ArrayList<>();
            for (Line line : sorted) {
                long before = items.get(line.itemId()).onHand();
                long difference = line.quantity() - before;
                if (difference != 0) {
                    Stock.move(
                            tx.connection(),
                            context.newId(),
                            line.itemId(),
                            "COUNT",
                            difference,
                            null,
                            null,
                            "盘点",
                            now,
                            caller.userId());
                }
                differences.add(new Difference(line.itemId(), before, line.quantity(), difference));
            }
            context.require(AuditTrail.class)
                    .record(
                            tx,
                            "STOCK_COUNTED",
                            "MARKET",
                            Long.toString(marketId),
                            Optional.of(market.organizationId()),
                            "盘点 " + sorted.size() + " 种物品，"
                                    + differences.stream()
                                            .filter(d -> d.difference() != 0)
                                            .count() + " 种有差异",
                            Map.of());
            return differences;
        });
    }

    private static String reason(String reason) {
        return Text.name(reason, "reason", "MARKET_REASON_INVALID", "error.reason");
    }
}
