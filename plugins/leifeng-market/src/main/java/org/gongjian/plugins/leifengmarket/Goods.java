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
            long onHand,
            Eligibility eligibility,
            Optional<Long> photoId) {

        Item withOnHand(long quantity) {
            return new Item(
                    id,
                    marketId,
                    name,
                    category,
                    unit,
                    priceTenths,
                    monthlyCap,
                    active,
                    quantity,
                    eligibility,
                    photoId);
        }
    }

    /** What the goods form edits: everything of an item but its stock, its state and its photo. */
    record Details(
            String name,
            String category,
            String unit,
            long priceTenths,
            Optional<Integer> monthlyCap,
            Eligibility eligibility) {}

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

    Item add(PluginCaller caller, long marketId, Details details) {
        Markets.Market market = markets.usable(caller, marketId, Permission.MANAGE);
        Details checked = checked(details);
        Item item = new Item(
                context.newId(),
                marketId,
                checked.name(),
                checked.category(),
                checked.unit(),
                checked.priceTenths(),
                checked.monthlyCap(),
                true,
                0,
                checked.eligibility(),
                Optional.empty());
        return named(() -> context.require(PluginTransactions.class).inTransaction(caller, tx -> {
            try (PreparedStatement s = tx.connection()
                    .prepareStatement("INSERT INTO leifeng_market_item (id, market_id, name, category, unit,"
                            + " price_tenths, monthly_cap, active, on_hand, eligibility, eligibility_tag)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, 0, ?, ?)")) {
                s.setLong(1, item.id());
                s.setLong(2, marketId);
                s.setString(3, checked.name());
                s.setString(4, checked.category());
                s.setString(5, checked.unit());
                s.setLong(6, checked.priceTenths());
                s.setObject(7, checked.monthlyCap().orElse(null));
                s.setString(8, checked.eligibility().rule().name());
                s.setString(9, checked.eligibility().tag().orElse(null));
                s.executeUpdate();
            }
            context.require(AuditTrail.class)
                    .record(
                            tx,
                            "ITEM_ADDED",
                            "ITEM",
                            Long.toString(item.id()),
                            Optional.of(market.organizationId()),
                            "上架物品：" + checked.name() + "（" + Redemptions.points(checked.priceTenths()) + " 积分）",
                            Map.of());
            return item;
        }));
    }

    /** Changes an item's details (not its stock): under its row lock, audited with what changed. */
    Item edit(PluginCaller caller, long marketId, long itemId, Details details) {
        Markets.Market market = markets.usable(caller, marketId, Permission.MANAGE);
        Details checked = checked(details);
        return named(() -> context.require(PluginTransactions.class).inTransaction(caller, tx -> {
            Item before = Stock.lock(tx.connection(), marketId, List.of(new Line(itemId, 1)))
                    .get(itemId);
            try (PreparedStatement s = tx.connection()
                    .prepareStatement(
                            "UPDATE leifeng_market_item SET name = ?, category = ?, unit = ?,"
                                    + " price_tenths = ?, monthly_cap = ?, eligibility = ?, eligibility_tag = ? WHERE id = ?")) {
                s.setString(1, checked.name());
                s.setString(2, checked.category());
                s.setString(3, checked.unit());
                s.setLong(4, checked.priceTenths());
                s.setObject(5, checked.monthlyCap().orElse(null));
                s.setString(6, checked.eligibility().rule().name());
                s.setString(7, checked.eligibility().tag().orElse(null));
                s.setLong(8, itemId);
                s.executeUpdate();
            }
            context.require(AuditTrail.class)
                    .record(
                            tx,
                            "ITEM_EDITED",
                            "ITEM",
                            Long.toString(itemId),
                            Optional.of(market.organizationId()),
                            "修改物品：" + before.name() + changes(before, checked, market),
                            Map.of());
            return new Item(
                    itemId,
                    marketId,
                    checked.name(),
                    checked.category(),
                    checked.unit(),
                    checked.priceTenths(),
                    checked.monthlyCap(),
                    before.active(),
                    before.onHand(),
                    checked.eligibility(),
                    before.photoId());
        }));
    }

    /** Offers an item again, or takes it off the shelf (its stock stays; redemptions refuse it). */
    Item setActive(PluginCaller caller, long marketId, long itemId, boolean active) {
        Markets.Market market = markets.usable(caller, marketId, Permission.MANAGE);
        return context.require(PluginTransactions.class).inTransaction(caller, tx -> {
            Item before = Stock.lock(tx.connection(), marketId, List.of(new Line(itemId, 1)))
                    .get(itemId);
            if (before.active() == active) {
                return before; // already so: nothing to change or audit
            }
            try (PreparedStatement s =
                    tx.connection().prepareStatement("UPDATE leifeng_market_item SET active = ? WHERE id = ?")) {
                s.setBoolean(1, active);
                s.setLong(2, itemId);
                s.executeUpdate();
            }
            context.require(AuditTrail.class)
                    .record(
                            tx,
                            active ? "ITEM_ACTIVATED" : "ITEM_DEACTIVATED",
                            "ITEM",
                            Long.toString(itemId),
                            Optional.of(market.organizationId()),
                            (active ? "重新上架：" : "下架物品：") + before.name(),
                            Map.of());
            return new Item(
                    before.id(),
                    marketId,
                    before.name(),
                    before.category(),
                    before.unit(),
                    before.priceTenths(),
                    before.monthlyCap(),
                    active,
                    before.onHand(),
                    before.eligibility(),
                    before.photoId());
        });
    }

    /** Sets the item's photo (a JPEG or PNG by its bytes, at most 2 MB); the earlier one stays on file. */
    Item photo(PluginCaller caller, long marketId, long itemId, byte[] content) {
        Markets.Market market = markets.usable(caller, marketId, Permission.MANAGE);
        String type = Photos.check(content);
        long photoId = context.newId();
        java.time.Instant now = context.clock().instant();
        return context.require(PluginTransactions.class).inTransaction(caller, tx -> {
            Item before = Stock.lock(tx.connection(), marketId, List.of(new Line(itemId, 1)))
                    .get(itemId);
            Photos.store(tx.connection(), photoId, "ITEM", itemId, type, content, now, caller.userId());
            try (PreparedStatement s =
                    tx.connection().prepareStatement("UPDATE leifeng_market_item SET photo_id = ? WHERE id = ?")) {
                s.setLong(1, photoId);
                s.setLong(2, itemId);
                s.executeUpdate();
            }
            context.require(AuditTrail.class)
                    .record(
                            tx,
                            "ITEM_PHOTO_SET",
                            "ITEM",
                            Long.toString(itemId),
                            Optional.of(market.organizationId()),
                            "更换物品照片：" + before.name() + "（" + (content.length + 1023) / 1024 + " KB）",
                            Map.of());
            return new Item(
                    before.id(),
                    marketId,
                    before.name(),
                    before.category(),
                    before.unit(),
                    before.priceTenths(),
                    before.monthlyCap(),
                    before.active(),
                    before.onHand(),
                    before.eligibility(),
                    Optional.of(photoId));
        });
    }

    /** The item's current photo, for whoever may read the market; empty when it has none. */
    Optional<Photos.Photo> photoOf(PluginCaller caller, long marketId, long itemId) {
        Item item = item(caller, marketId, itemId);
        if (item.photoId().isEmpty()) {
            return Optional.empty();
        }
        try (Connection c = context.dataSource().getConnection()) {
            return Photos.load(c, item.photoId().get(), "ITEM", itemId);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the photo", e);
        }
    }

    /** One item of a market the caller may read. */
    Item item(PluginCaller caller, long marketId, long itemId) {
        markets.usable(caller, marketId, Permission.READ);
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(SELECT + " WHERE id = ? AND market_id = ?")) {
            s.setLong(1, itemId);
            s.setLong(2, marketId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw MarketRefused.invalid("MARKET_ITEM_NOT_FOUND", "itemId", "error.item-not-found");
                }
                return item(r);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the item", e);
        }
    }

    /** The details, each checked: names 1 to 60 characters, the price as {@link #tenths}, the cap 1 to 999. */
    static Details checked(Details details) {
        String name = Text.name(details.name(), "name");
        String category = Text.name(details.category(), "category", "MARKET_NAME_INVALID", "error.category");
        String unit = Text.name(details.unit(), "unit", "MARKET_NAME_INVALID", "error.unit");
        if (category.codePointCount(0, category.length()) > 30) {
            throw MarketRefused.invalid("MARKET_NAME_INVALID", "category", "error.category");
        }
        if (unit.codePointCount(0, unit.length()) > 10) {
            throw MarketRefused.invalid("MARKET_NAME_INVALID", "unit", "error.unit");
        }
        if (details.priceTenths() <= 0) {
            throw MarketRefused.invalid("MARKET_PRICE_INVALID", "price", "error.price");
        }
        details.monthlyCap().ifPresent(cap -> {
            if (cap < 1 || cap > Text.MAX_QUANTITY) {
                throw MarketRefused.invalid("MARKET_QUANTITY_INVALID", "monthlyCap", "error.cap");
            }
        });
        return new Details(
                name,
                category,
                unit,
                details.priceTenths(),
                details.monthlyCap(),
                details.eligibility() == null ? Eligibility.EVERYONE : details.eligibility());
    }

    /** What an edit changed, in words for the audit trail. */
    private String changes(Item before, Details after, Markets.Market market) {
        StringBuilder words = new StringBuilder();
        if (!before.name().equals(after.name())) {
            words.append("，名称改为").append(after.name());
        }
        if (before.priceTenths() != after.priceTenths()) {
            words.append("，积分 ")
                    .append(Redemptions.points(before.priceTenths()))
                    .append(" → ")
                    .append(Redemptions.points(after.priceTenths()));
        }
        if (!before.monthlyCap().equals(after.monthlyCap())) {
            words.append("，每人每月限 ")
                    .append(after.monthlyCap().map(String::valueOf).orElse("不限"));
        }
        if (!before.eligibility().equals(after.eligibility())) {
            words.append("，兑换范围：")
                    .append(after.eligibility().words(java.util.Locale.SIMPLIFIED_CHINESE, organizationName(market)));
        }
        if (!before.category().equals(after.category()) || !before.unit().equals(after.unit())) {
            words.append("，分类 ").append(after.category()).append("，单位 ").append(after.unit());
        }
        return words.length() == 0 ? "（无变化）" : words.toString();
    }

    /** The name of the market's organization, for a rule in words. */
    String organizationName(Markets.Market market) {
        org.gongjian.plugin.api.Access access = context.require(org.gongjian.plugin.api.Access.class);
        return access.organization(access.system(), market.organizationId())
                .map(org.gongjian.plugin.api.OrganizationRef::name)
                .orElse("");
    }

    private static <T> T named(java.util.function.Supplier<T> work) {
        try {
            return work.get();
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
            + " on_hand, eligibility, eligibility_tag, photo_id FROM leifeng_market_item";

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
                r.getLong(9),
                new Eligibility(Eligibility.Rule.valueOf(r.getString(10)), Optional.ofNullable(r.getString(11))),
                Optional.ofNullable(r.getObject(12, Long.class)));
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
