package org.gongjian.plugins.leifengmarket;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gongjian.plugin.api.Access;
import org.gongjian.plugin.api.AuditTrail;
import org.gongjian.plugin.api.Permission;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.PluginTransactions;

/**
 * The markets of the communities ({@code leifeng_market_market}), and the one check every action
 * makes first: the caller may act at the market's organization ({@link #usable}).
 */
final class Markets {

    private static final Pattern ASSET = Pattern.compile("[A-Z0-9_]{1,16}");

    private final PluginContext context;

    Markets(PluginContext context) {
        this.context = context;
    }

    record Market(
            long id, long organizationId, String name, Optional<String> address, String assetCode, boolean active) {}

    /** Opens a market at an organization the caller manages. */
    Market create(PluginCaller caller, long organizationId, String name, Optional<String> address, String assetCode) {
        if (!context.require(Access.class).may(caller, Permission.MANAGE, organizationId)) {
            throw MarketRefused.notFound();
        }
        String text = Text.name(name, "name");
        if (!ASSET.matcher(assetCode == null ? "" : assetCode).matches()) {
            throw MarketRefused.invalid("MARKET_ASSET_INVALID", "assetCode", "error.asset");
        }
        Optional<String> where = address.map(String::strip).filter(a -> !a.isEmpty());
        Market market = new Market(context.newId(), organizationId, text, where, assetCode, true);
        return context.require(PluginTransactions.class).inTransaction(caller, tx -> {
            try (PreparedStatement s = tx.connection()
                    .prepareStatement("INSERT INTO leifeng_market_market"
                            + " (id, organization_id, name, address, asset_code, active, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, TRUE, ?)")) {
                s.setLong(1, market.id());
                s.setLong(2, organizationId);
                s.setString(3, text);
                s.setString(4, where.orElse(null));
                s.setString(5, assetCode);
                s.setTimestamp(6, Timestamp.from(context.clock().instant()));
                s.executeUpdate();
            }
            context.require(AuditTrail.class)
                    .record(
                            tx,
                            "MARKET_OPENED",
                            "MARKET",
                            Long.toString(market.id()),
                            Optional.of(organizationId),
                            "开设雷锋超市：" + text,
                            Map.of());
            return market;
        });
    }

    /** The markets of an organization the caller may read. */
    List<Market> of(PluginCaller caller, long organizationId) {
        if (!may(caller, Permission.READ, organizationId)) {
            throw MarketRefused.notFound();
        }
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(SELECT + " WHERE organization_id = ? ORDER BY name, id")) {
            s.setLong(1, organizationId);
            List<Market> markets = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    markets.add(market(r));
                }
            }
            return markets;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the markets", e);
        }
    }

    /**
     * The market, when the caller holds {@code permission} at its organization; otherwise, and for
     * no such market, NOT_FOUND (the two are never told apart).
     */
    Market usable(PluginCaller caller, long marketId, Permission permission) {
        Optional<Market> market;
        try (Connection c = context.dataSource().getConnection()) {
            market = find(c, marketId);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the market", e);
        }
        if (market.isEmpty() || !may(caller, permission, market.get().organizationId())) {
            throw MarketRefused.notFound();
        }
        return market.get();
    }

    /**
     * Whether the caller holds the permission at the organization. Reading a market (its goods, to
     * reserve them) is also open to whoever holds a role at the market's own organization: the
     * volunteers of the community.
     */
    private boolean may(PluginCaller caller, Permission permission, long organizationId) {
        return context.require(Access.class).may(caller, permission, organizationId)
                || (permission == Permission.READ
                        && caller.grants().stream().anyMatch(g -> g.organizationId() == organizationId));
    }

    private static Optional<Market> find(Connection c, long marketId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE id = ?")) {
            s.setLong(1, marketId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(market(r)) : Optional.empty();
            }
        }
    }

    private static final String SELECT =
            "SELECT id, organization_id, name, address, asset_code, active FROM leifeng_market_market";

    private static Market market(ResultSet r) throws SQLException {
        return new Market(
                r.getLong(1),
                r.getLong(2),
                r.getString(3),
                Optional.ofNullable(r.getString(4)),
                r.getString(5),
                r.getBoolean(6));
    }
}
