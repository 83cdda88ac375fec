package org.gongjian.ledger;

import static org.gongjian.database.Jdbc.nullableLong;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads of what was posted: an account's statement, a request's transfers, one transfer. */
final class LedgerHistory {

    /** The columns of a transfer as {@link #transfer(ResultSet, int)} maps them ({@code t} is ledger_transfer). */
    static final String TRANSFER_COLUMNS = "t.id, t.request_id, t.asset_id, t.debit_account_id, t.credit_account_id,"
            + " t.amount, t.reason_code, t.category, t.memo, t.source_type, t.source_ref, t.reverses_id,"
            + " t.actor_user_id, t.organization_id, t.posted_at";

    private final TransactionOperations<Connection> transactions;

    LedgerHistory(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** See {@link Ledger#statement}. */
    List<StatementLine> statement(long accountId, @Nullable Long beforeSeq, int limit) {
        return transactions.executeRead(status -> {
            List<StatementLine> lines = new ArrayList<>();
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT e.seq, e.amount, e.balance, " + TRANSFER_COLUMNS
                            + ", o.id, o.owner_type, o.owner_id FROM ledger_entry e"
                            + " JOIN ledger_transfer t ON t.id = e.transfer_id"
                            + " JOIN ledger_account o ON o.id = IF(t.debit_account_id = e.account_id,"
                            + " t.credit_account_id, t.debit_account_id)"
                            + " WHERE e.account_id = ? AND e.seq < ? ORDER BY e.seq DESC LIMIT ?")) {
                s.setLong(1, accountId);
                s.setLong(2, beforeSeq == null ? Long.MAX_VALUE : beforeSeq);
                s.setInt(3, Math.max(1, Math.min(limit, 500)));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        lines.add(statementLine(rs));
                    }
                }
            }
            return lines;
        });
    }

    List<Transfer> transfersOf(long requestId) {
        return transactions.executeRead(status -> readTransfers(status.getConnection(), requestId));
    }

    Optional<Transfer> transfer(long transferId) {
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT " + TRANSFER_COLUMNS + " FROM ledger_transfer t WHERE t.id = ?")) {
                s.setLong(1, transferId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(transfer(rs, 1)) : Optional.empty();
                }
            }
        });
    }

    /** The transfers of a stored request in id order (the order they were requested), on {@code c}. */
    static List<Transfer> readTransfers(Connection c, long requestId) throws SQLException {
        List<Transfer> transfers = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + TRANSFER_COLUMNS + " FROM ledger_transfer t WHERE t.request_id = ? ORDER BY t.id")) {
            s.setLong(1, requestId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    transfers.add(transfer(rs, 1));
                }
            }
        }
        return transfers;
    }

    /** Maps the {@link #TRANSFER_COLUMNS} starting at column {@code first}. */
    static Transfer transfer(ResultSet rs, int first) throws SQLException {
        int i = first;
        long id = rs.getLong(i++);
        long requestId = rs.getLong(i++);
        long assetId = rs.getLong(i++);
        long debit = rs.getLong(i++);
        long credit = rs.getLong(i++);
        long amount = rs.getLong(i++);
        String reason = rs.getString(i++);
        String category = rs.getString(i++);
        String memo = rs.getString(i++);
        String sourceType = rs.getString(i++);
        String sourceRef = rs.getString(i++);
        Long reverses = nullableLong(rs, i++);
        Long actor = nullableLong(rs, i++);
        long organization = rs.getLong(i++);
        Instant postedAt = rs.getTimestamp(i).toInstant();
        return new Transfer(
                id,
                requestId,
                assetId,
                debit,
                credit,
                amount,
                reason,
                category,
                memo,
                sourceType,
                sourceRef,
                reverses,
                actor,
                organization,
                postedAt);
    }

    /** Maps a row of {@link #statement}: the entry, its transfer, then the other side's account. */
    private static StatementLine statementLine(ResultSet rs) throws SQLException {
        return new StatementLine(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                transfer(rs, 4),
                rs.getLong(19),
                OwnerType.valueOf(rs.getString(20)),
                rs.getLong(21));
    }
}
