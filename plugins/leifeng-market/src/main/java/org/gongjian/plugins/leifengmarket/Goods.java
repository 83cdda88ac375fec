package org.gongjian.plugins.leifengmarket;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gongjian.plugin.api.AuditTrail;
import org.gongjian.plugin.api.Permission;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.PluginTransactions;

/** A market's goods catalogue ({@code leifeng_market_item}) with what is on hand. */
final class Goods {

    private final PluginContext context;
    private final Markets markets;

    Goods(PluginContext context) {
        this.context = context;
        this.markets = new Markets(context);
    }

    /**
     * @param priceTenths the price in tenths of a point (12.5 points: 125)
     * @param monthlyCap how many one person may redeem in a calendar month, if limited
     */
    record Item(
            long id,
            long marketId,
            String name,
            String category,
            String unit,
            long priceTenths,
            Optional<Integer> monthlyCap,
            boolean active,
            long onHand) {}

    /** A price of more than 0 points with at most one decimal, in tenths; {@code 1.25} is refused, not rounded. */
    static long tenths(BigDecimal points) {
        if (points == null
                || points.signum() <= 0
                || points.stripTrailingZeros().scale() > 1) {
            throw MarketRefused.invalid("MARKET_PRICE_INVALID", "price", "error.price");
        }
        try {
            return points.movePointRight(1).longValueExact();
        } catch (ArithmeticException e) {
            throw MarketRefused.invalid("MARKET_PRICE_INVALID", "price", "error.price");
        }
    }

    Item add(
            PluginCaller caller,
            long marketId,
            String name,
            String category,
            String unit,
            long priceTenths,
            Optional<Integer> monthlyCap) {
        Markets.Market market = markets.usable(caller, marketId, Permission.MANAGE);
        String itemName = Text.name(name, "name");
        String itemCategory = Text.name(category, "category");
        String itemUnit = Text.name(unit, "unit");
        monthlyCap.ifPresent(cap -> Text.quantity(cap));
        Item item =
                new Item(context.newId(), marketId, itemName, itemCategory, itemUnit, priceTenths, monthlyCap, true, 0);
        try {
            return context.require(PluginTransactions.class).inTransaction(caller, tx -> {
                try (PreparedStatement s = tx.connection()
                        .prepareStatement(
                                "INSERT INTO leifeng_market_item (id, market_id, name, category, unit,"
                                        + " price_tenths, monthly_cap, active, on_hand) VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, 0)")) {
                    s.setLong(1, item.id());
                    s.setLong(2, marketId);
                    s.setString(3, itemName);
                    s.setString(4, itemCategory);
                    s.setString(5, itemUnit);
                    s.setLong(6, priceTenths);
                    s.setObject(7, monthlyCap.orElse(null));
                    s.executeUpdate();
                }
                context.require(AuditTrail.class)
                        .record(
                                tx,
                                "ITEM_ADDED",
                                "ITEM",
                                Long.toString(item.id()),
                                Optional.of(market.organizationId()),
                                "上架物品：" + itemName + "（" + Redemptions.points(priceTenths) + " 积分）",
                                Map.of());
                return item;
            });
        } catch (RuntimeException e) {
            if (causedBy(e, SQLIntegrityConstraintViolationException.class)) {
                throw MarketRefused.conflict("MARKET_ITEM_NAME_TAKEN", "name", "error.name-taken");
            }
            throw e;
        }
    }

    List<Item> of(PluginCaller caller, long marketId) {
        markets.usable(caller, marketId, Permission.READ);
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(SELECT + " WHERE market_id = ? ORDER BY category, name")) {
            s.setLong(1, marketId);
            List<Item> items = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    items.add(item(r));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the goods", e);
        }
    }

    static final String SELECT = "SELECT id, market_id, name, category, unit, price_tenths, monthly_cap, active,"
            + " on_hand FROM leifeng_market_item";

    static Item item(ResultSet r) throws SQLException {
        int cap = r.getInt(7);
        Optional<Integer> monthlyCap = r.wasNull() ? Optional.empty() : Optional.of(cap);
        return new Item(
                r.getLong(1),
                r.getLong(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getLong(6),
                monthlyCap,
                r.getBoolean(8),
                r.getLong(9));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
