package org.gongjian.ledger;

import static org.gongjian.database.Jdbc.nullableLong;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledger's assets (point kinds, time-bank minutes): their definition and reads, with a cache
 * of the assets read by id (an asset row is never changed once defined, so the cache needs no
 * expiry).
 */
final class LedgerAssets {

    private static final String ASSET_COLUMNS = "id, type, code, name, organization_id, org_path, unit_scale,"
            + " negative_allowed, expiry_policy, expiry_month_day, expiry_months";

    private final TransactionOperations<Connection> transactions;
    private final Map<Long, Asset> cache = new ConcurrentHashMap<>();

    LedgerAssets(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** See {@link Ledger#define}. */
    void define(Asset asset, Instant at) {
        transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("INSERT INTO ledger_asset (id, type, code, name, organization_id, org_path,"
                            + " unit_scale, negative_allowed, expiry_policy, expiry_month_day, expiry_months,"
                            + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, asset.id());
                s.setString(2, asset.type().name());
                s.setString(3, asset.code());
                s.setString(4, asset.name());
                s.setObject(5, asset.organizationId());
                s.setString(6, asset.orgPath());
                s.setInt(7, asset.unitScale());
                s.setBoolean(8, asset.negativeAllowed());
                s.setString(9, asset.expiryPolicy());
                s.setString(10, asset.expiryMonthDay());
                s.setObject(11, asset.expiryMonths());
                s.setTimestamp(12, Timestamp.from(at));
                return s.executeUpdate();
            }
        });
    }

    /** See {@link Ledger#codeTakenAlong}. */
    boolean codeTakenAlong(AssetType type, String code, String orgPath) {
        return transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT 1 FROM ledger_asset WHERE type = ? AND code = ? AND archived_at IS NULL"
                            + " AND (? LIKE CONCAT(org_path, '%') OR org_path LIKE CONCAT(?, '%')) LIMIT 1")) {
                s.setString(1, type.name());
                s.setString(2, code);
                s.setString(3, orgPath);
                s.setString(4, orgPath);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** See {@link Ledger#assetsUsableAt}. */
    List<Long> usableAt(AssetType type, String orgPath) {
        return transactions.executeRead(status -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT id FROM ledger_asset WHERE type = ? AND archived_at IS NULL"
                            + " AND ? LIKE CONCAT(org_path, '%') ORDER BY LENGTH(org_path), code")) {
                s.setString(1, type.name());
                s.setString(2, orgPath);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    /** The asset with this id, from the cache or read (and then cached) when it exists. */
    Optional<Asset> asset(long assetId) {
        Asset cached = cache.get(assetId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Asset> read = transactions.executeRead(status -> read(status.getConnection(), assetId));
        read.ifPresent(a -> cache.put(assetId, a));
        return read;
    }

    /** Forgets the cached assets, for a change to an asset row (nothing changes one today). */
    void forget() {
        cache.clear();
    }

    private static Optional<Asset> read(Connection c, long assetId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + ASSET_COLUMNS + " FROM ledger_asset WHERE id = ?")) {
            s.setLong(1, assetId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(asset(rs)) : Optional.empty();
            }
        }
    }

    /** Maps a row of the {@link #ASSET_COLUMNS}. */
    private static Asset asset(ResultSet rs) throws SQLException {
        int months = rs.getInt(11);
        Integer expiryMonths = rs.wasNull() ? null : months;
        return new Asset(
                rs.getLong(1),
                AssetType.valueOf(rs.getString(2)),
                rs.getString(3),
                rs.getString(4),
                nullableLong(rs, 5),
                rs.getString(6),
                rs.getInt(7),
                rs.getBoolean(8),
                rs.getString(9),
                rs.getString(10),
                expiryMonths);
    }
}
