package org.gongjian.ledger;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gongjian.ids.IdGenerator;

/** The ledger's accounts: opened on first use, read by id, by owner and asset, or all of an owner. */
final class LedgerAccounts {

    private static final String ACCOUNT_COLUMNS =
            "id, asset_id, owner_type, owner_id, org_path, balance, debits, credits, entries, closed_at";

    private final TransactionOperations<Connection> transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private final LedgerAssets assets;

    LedgerAccounts(TransactionOperations<Connection> transactions, IdGenerator ids, Clock clock, LedgerAssets assets) {
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
        this.assets = assets;
    }

    /** See {@link Ledger#open}. */
    Account open(long assetId, OwnerType ownerType, long ownerId, String orgPath) {
        Optional<Account> existing = find(assetId, ownerType, ownerId);
        if (existing.isPresent()) {
            return existing.get();
        }
        assets.asset(assetId).orElseThrow(() -> new IllegalArgumentException("No asset " + assetId));
        return Retries.run(() -> transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger_account (id, asset_id, owner_type,"
                    + " owner_id, org_path, balance, debits, credits, entries, head_hash, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?) ON DUPLICATE KEY UPDATE id = id")) {
                s.setLong(1, ids.next());
                s.setLong(2, assetId);
                s.setString(3, ownerType.name());
                s.setLong(4, ownerId);
                s.setString(5, ownerType.organizational() ? orgPath : "");
                s.setBytes(6, LedgerChain.GENESIS);
                s.setTimestamp(7, Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)));
                s.executeUpdate();
            }
            return readOne(c, "owner_type = ? AND owner_id = ? AND asset_id = ?", ownerType.name(), ownerId, assetId)
                    .orElseThrow();
        }));
    }

    Optional<Account> find(long assetId, OwnerType ownerType, long ownerId) {
        return transactions.executeRead(status -> readOne(
                status.getConnection(),
                "owner_type = ? AND owner_id = ? AND asset_id = ?",
                ownerType.name(),
                ownerId,
                assetId));
    }

    Optional<Account> account(long accountId) {
        return transactions.executeRead(status -> readOne(status.getConnection(), "id = ?", accountId));
    }

    /** See {@link Ledger#accountsOf}. */
    List<Account> accountsOf(OwnerType ownerType, long ownerId) {
        return transactions.executeRead(status -> {
            List<Account> accounts = new ArrayList<>();
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT " + ACCOUNT_COLUMNS
                            + " FROM ledger_account WHERE owner_type = ? AND owner_id = ? ORDER BY asset_id")) {
                s.setString(1, ownerType.name());
                s.setLong(2, ownerId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        accounts.add(account(rs));
                    }
                }
            }
            return accounts;
        });
    }

    private static Optional<Account> readOne(Connection c, String where, Object... args) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT " + ACCOUNT_COLUMNS + " FROM ledger_account WHERE " + where)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(account(rs)) : Optional.empty();
            }
        }
    }

    /** Maps a row of the {@link #ACCOUNT_COLUMNS}. */
    private static Account account(ResultSet rs) throws SQLException {
        return new Account(
                rs.getLong("id"),
                rs.getLong("asset_id"),
                OwnerType.valueOf(rs.getString("owner_type")),
                rs.getLong("owner_id"),
                rs.getString("org_path"),
                rs.getLong("balance"),
                rs.getLong("debits"),
                rs.getLong("credits"),
                rs.getLong("entries"),
                rs.getTimestamp("closed_at") != null);
    }
}
