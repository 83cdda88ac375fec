package org.gongjian.ledger;

import static org.gongjian.database.Jdbc.setLong;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.gongjian.ids.IdGenerator;
import org.gongjian.ledger.PostingResult.Result;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;
import org.gongjian.time.ApplicationTime;

/**
 * Applies requests to the ledger (see {@link Ledger} for how): the idempotency look-up, the locks,
 * the checks, and the writes of a posted or refused request, with the statements of a posting in
 * the order and number the benchmark's hand-written JDBC ({@code bench RawLedger}) compares with.
 */
final class PostingEngine {

    private static final Pattern REFUSAL_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    private final TransactionOperations<Connection> transactions;
    private final LedgerChain chain;
    private final IdGenerator ids;
    private final Clock clock;
    private final Organizations organizations;
    private final PostingChecks checks;

    PostingEngine(
            TransactionOperations<Connection> transactions,
            LedgerChain chain,
            IdGenerator ids,
            Clock clock,
            List<BalanceCeilings> ceilings,
            Organizations organizations,
            PostingRules rules,
            LedgerAssets assets) {
        this.transactions = transactions;
        this.chain = chain;
        this.ids = ids;
        this.clock = clock;
        this.organizations = organizations;
        this.checks = new PostingChecks(ceilings, rules, assets);
    }

    /** See {@link Ledger#post}. */
    PostingResult post(Posting posting) {
        posting.validate();
        byte[] content = LedgerChain.contentHash(posting);
        return write(status -> attempt(status.getConnection(), posting, content));
    }

    /**
     * Runs {@code work} in the caller's transaction if there is one (see {@link #inTransaction}: the
     * caller's retry covers the whole), else in a new one retried on deadlocks and lock timeouts.
     */
    private <T> T write(TransactionCallback<Connection, T> work) {
        if (transactions.findTransactionStatus().isPresent()) {
            return transactions.executeWrite(work);
        }
        return Retries.run(() -> transactions.executeWrite(work));
    }

    /** See {@link Ledger#refuse}. */
    PostingResult refuse(Posting posting, String code) {
        if (code == null || !REFUSAL_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("A refusal code is upper-case letters, digits and _: " + code);
        }
        posting.validate();
        byte[] content = LedgerChain.contentHash(posting);
        return write(status -> {
            Connection c = status.getConnection();
            Optional<PostingResult> decided = decided(c, posting, content);
            if (decided.isPresent()) {
                return decided.get();
            }
            long requestId = ids.next();
            insertRequest(c, requestId, posting, content, Result.REFUSED, null, code, now());
            return new PostingResult(Result.REFUSED, requestId, null, false, List.of(), code);
        });
    }

    /** See {@link Ledger#inTransaction}. */
    <T> T inTransaction(TransactionCallback<Connection, T> work) {
        return Retries.run(() -> transactions.executeWrite(work));
    }

    /** See {@link Ledger#decided(long, String)}. */
    boolean decided(long clientId, String idempotencyKey) {
        TransactionCallback<Connection, Boolean> query = status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT 1 FROM ledger_request WHERE client_id = ? AND idempotency_key = ?")) {
                s.setLong(1, clientId);
                s.setString(2, idempotencyKey);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        };
        return transactions.findTransactionStatus().isPresent()
                ? transactions.executeWrite(query)
                : transactions.executeRead(query);
    }

    /** See {@link Ledger#lock(Collection)}. */
    Map<Long, Account> lock(Collection<Long> accountIds) {
        Connection c = transactions.getConnection();
        Map<Long, Account> accounts = new HashMap<>();
        try {
            for (LockedAccount a : lock(c, new TreeSet<>(accountIds)).values()) {
                accounts.put(a.id, a.snapshot());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot lock ledger accounts", e);
        }
        return accounts;
    }

    private PostingResult attempt(Connection c, Posting posting, byte[] content) throws SQLException {
        Optional<PostingResult> decided = decided(c, posting, content);
        if (decided.isPresent()) {
            return decided.get();
        }
        Set<Long> accountIds = new TreeSet<>();
        for (TransferSpec t : posting.transfers()) {
            accountIds.add(t.debitAccountId());
            accountIds.add(t.creditAccountId());
        }
        String orgPath = organizationPath(posting.organizationId()); // read before the locks: it needs none
        Map<Long, LockedAccount> accounts = lock(c, accountIds);
        Map<Long, Transfer> reversed = reversedTransfers(c, posting);
        Instant at = now();
        long requestId = ids.next();
        PostingRules.Refused byChannel = checks.channelRefusal(posting, accounts, orgPath);
        if (byChannel != null) {
            insertRequest(c, requestId, posting, content, Result.REFUSED, byChannel.index(), byChannel.code(), at);
            return new PostingResult(Result.REFUSED, requestId, byChannel.index(), false, List.of(), byChannel.code());
        }
        PostingChecks.Refusal refusal = checks.check(posting, accounts, reversed);
        if (refusal != null) {
            insertRequest(c, requestId, posting, content, refusal.result(), refusal.index(), null, at);
            return new PostingResult(refusal.result(), requestId, refusal.index(), false, List.of());
        }
        List<Transfer> transfers = new ArrayList<>(posting.transfers().size());
        try (PreparedStatement transfer = c.prepareStatement("INSERT INTO ledger_transfer (id, request_id, asset_id,"
                        + " debit_account_id, credit_account_id, amount, reason_code, category, memo, source_type,"
                        + " source_ref, reverses_id, actor_user_id, organization_id, org_path, posted_at, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement entry = c.prepareStatement("INSERT INTO ledger_entry (account_id, seq, transfer_id,"
                        + " asset_id, amount, balance, counterparty_type, posted_at, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (TransferSpec spec : posting.transfers()) {
                LockedAccount debit = accounts.get(spec.debitAccountId());
                LockedAccount credit = accounts.get(spec.creditAccountId());
                Transfer t = new Transfer(
                        ids.next(),
                        requestId,
                        debit.assetId,
                        debit.id,
                        credit.id,
                        spec.amount(),
                        spec.reasonCode(),
                        spec.category(),
                        spec.memo(),
                        spec.sourceType(),
                        spec.sourceRef(),
                        spec.reversesId(),
                        posting.actorUserId(),
                        posting.organizationId(),
                        at);
                byte[] hash = chain.transferHash(t, orgPath);
                addTransfer(transfer, t, orgPath, hash);
                addEntry(entry, debit, credit.ownerType, t, -spec.amount(), hash);
                addEntry(entry, credit, debit.ownerType, t, spec.amount(), hash);
                transfers.add(t);
            }
            insertRequest(c, requestId, posting, content, Result.OK, null, null, at);
            transfer.executeBatch();
            entry.executeBatch();
        }
        recordEarnings(c, posting, accounts, at);
        try (PreparedStatement update = c.prepareStatement("UPDATE ledger_account SET balance = ?, debits = ?,"
                + " credits = ?, entries = ?, head_hash = ? WHERE id = ? AND entries = ?")) {
            for (LockedAccount a : accounts.values()) {
                if (a.entries == a.lockedEntries) {
                    continue;
                }
                update.setLong(1, a.balance);
                update.setLong(2, a.debits);
                update.setLong(3, a.credits);
                update.setLong(4, a.entries);
                update.setBytes(5, a.head);
                update.setLong(6, a.id);
                update.setLong(7, a.lockedEntries);
                update.addBatch();
            }
            for (int count : update.executeBatch()) {
                if (count == 0) {
                    throw new IllegalStateException("A locked ledger account changed under its lock");
                }
            }
        }
        return new PostingResult(Result.OK, requestId, null, false, transfers);
    }

    /**
     * Adds what member accounts earned from ISSUANCE accounts (awards minus deductions) to their
     * month's row of ledger_earning, which rankings read; the accounts are locked.
     */
    private static void recordEarnings(Connection c, Posting posting, Map<Long, LockedAccount> accounts, Instant at)
            throws SQLException {
        Map<Long, Long> earned = new HashMap<>();
        for (TransferSpec t : posting.transfers()) {
            LockedAccount debit = accounts.get(t.debitAccountId());
            LockedAccount credit = accounts.get(t.creditAccountId());
            if (debit.ownerType == OwnerType.ISSUANCE && credit.ownerType == OwnerType.MEMBER) {
                earned.merge(credit.id, t.amount(), Long::sum);
            } else if (credit.ownerType == OwnerType.ISSUANCE && debit.ownerType == OwnerType.MEMBER) {
                earned.merge(debit.id, -t.amount(), Long::sum);
            }
        }
        if (earned.isEmpty()) {
            return;
        }
        int month = month(at);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger_earning (asset_id, month, account_id, amount)"
                + " VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE amount = amount + VALUES(amount)")) {
            for (Map.Entry<Long, Long> e : new TreeMap<>(earned).entrySet()) {
                s.setLong(1, accounts.get(e.getKey()).assetId);
                s.setInt(2, month);
                s.setLong(3, e.getKey());
                s.setLong(4, e.getValue());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** See {@link Ledger#month}. */
    static int month(Instant at) {
        ZonedDateTime china = at.atZone(ApplicationTime.ZONE);
        return china.getYear() * 100 + china.getMonthValue();
    }

    private Optional<PostingResult> decided(Connection c, Posting posting, byte[] content) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT id, content_hash, result, failed_index, refusal FROM ledger_request"
                        + " WHERE client_id = ? AND idempotency_key = ?")) {
            s.setLong(1, posting.clientId());
            s.setString(2, posting.idempotencyKey());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (!Arrays.equals(rs.getBytes(2), content)) {
                    return Optional.of(
                            new PostingResult(Result.DUPLICATE_WITH_DIFFERENT_CONTENT, null, null, true, List.of()));
                }
                long requestId = rs.getLong(1);
                Result result = Result.valueOf(rs.getString(3));
                int failed = rs.getInt(4);
                Integer failedIndex = rs.wasNull() ? null : failed;
                String refusal = rs.getString(5);
                List<Transfer> transfers = result == Result.OK ? LedgerHistory.readTransfers(c, requestId) : List.of();
                return Optional.of(new PostingResult(result, requestId, failedIndex, true, transfers, refusal));
            }
        }
    }

    private Map<Long, LockedAccount> lock(Connection c, Set<Long> accountIds) throws SQLException {
        Map<Long, LockedAccount> locked = new HashMap<>();
        StringBuilder sql = new StringBuilder("SELECT id, asset_id, owner_type, owner_id, org_path, balance, debits,"
                + " credits, entries, head_hash, closed_at FROM ledger_account WHERE id IN (");
        for (int i = 0; i < accountIds.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        sql.append(") ORDER BY id FOR UPDATE");
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (long id : accountIds) {
                s.setLong(i++, id);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    LockedAccount a = locked(rs);
                    locked.put(a.id, a);
                }
            }
        }
        return locked;
    }

    /** Maps a row of the lock's {@code SELECT ... FOR UPDATE}. */
    private static LockedAccount locked(ResultSet rs) throws SQLException {
        return new LockedAccount(
                rs.getLong(1),
                rs.getLong(2),
                OwnerType.valueOf(rs.getString(3)),
                rs.getLong(4),
                rs.getString(5),
                rs.getLong(6),
                rs.getLong(7),
                rs.getLong(8),
                rs.getLong(9),
                rs.getBytes(10),
                rs.getTimestamp(11) != null);
    }

    private Map<Long, Transfer> reversedTransfers(Connection c, Posting posting) throws SQLException {
        Map<Long, Transfer> reversed = new HashMap<>();
        for (TransferSpec spec : posting.transfers()) {
            if (spec.reversesId() == null || reversed.containsKey(spec.reversesId())) {
                continue;
            }
            try (PreparedStatement s = c.prepareStatement("SELECT " + LedgerHistory.TRANSFER_COLUMNS
                    + ", (SELECT r.id FROM ledger_transfer r WHERE r.reverses_id = t.id)"
                    + " FROM ledger_transfer t WHERE t.id = ?")) {
                s.setLong(1, spec.reversesId());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        rs.getLong(16);
                        reversed.put(
                                spec.reversesId(),
                                rs.wasNull() ? LedgerHistory.transfer(rs, 1) : PostingChecks.ALREADY_REVERSED);
                    }
                }
            }
        }
        return reversed;
    }

    private void addTransfer(PreparedStatement s, Transfer t, String orgPath, byte[] hash) throws SQLException {
        s.setLong(1, t.id());
        s.setLong(2, t.requestId());
        s.setLong(3, t.assetId());
        s.setLong(4, t.debitAccountId());
        s.setLong(5, t.creditAccountId());
        s.setLong(6, t.amount());
        s.setString(7, t.reasonCode());
        s.setString(8, t.category());
        s.setString(9, t.memo());
        s.setString(10, t.sourceType());
        s.setString(11, t.sourceRef());
        setLong(s, 12, t.reversesId());
        setLong(s, 13, t.actorUserId());
        s.setLong(14, t.organizationId());
        s.setString(15, orgPath);
        s.setTimestamp(16, Timestamp.from(t.postedAt()));
        s.setBytes(17, hash);
        s.addBatch();
    }

    /** Writes the next entry of {@code account} and moves its chain tip; balances were checked. */
    private void addEntry(
            PreparedStatement s,
            LockedAccount account,
            OwnerType counterparty,
            Transfer t,
            long amount,
            byte[] transferHash)
            throws SQLException {
        long seq = ++account.entries;
        account.balanceAfterEntries += amount;
        byte[] hash = chain.entryHash(
                account.head,
                account.id,
                seq,
                t.id(),
                t.assetId(),
                amount,
                account.balanceAfterEntries,
                counterparty.name(),
                t.postedAt(),
                transferHash);
        account.head = hash;
        s.setLong(1, account.id);
        s.setLong(2, seq);
        s.setLong(3, t.id());
        s.setLong(4, t.assetId());
        s.setLong(5, amount);
        s.setLong(6, account.balanceAfterEntries);
        s.setString(7, counterparty.name());
        s.setTimestamp(8, Timestamp.from(t.postedAt()));
        s.setBytes(9, hash);
        s.addBatch();
    }

    private static void insertRequest(
            Connection c,
            long requestId,
            Posting posting,
            byte[] content,
            Result result,
            @Nullable Integer failed,
            @Nullable String refusal,
            Instant at)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger_request (id, client_id, idempotency_key,"
                + " content_hash, result, failed_index, refusal, transfers, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, requestId);
            s.setLong(2, posting.clientId());
            s.setString(3, posting.idempotencyKey());
            s.setBytes(4, content);
            s.setString(5, result.name());
            if (failed == null) {
                s.setNull(6, Types.INTEGER);
            } else {
                s.setInt(6, failed);
            }
            s.setString(7, refusal);
            s.setInt(8, result == Result.OK ? posting.transfers().size() : 0);
            s.setTimestamp(9, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    /** The path of the posting's organization, read on the posting's connection (a primary-key read). */
    private String organizationPath(long organizationId) {
        return organizations
                .find(organizationId)
                .map(Organization::path)
                .orElseThrow(() -> new IllegalArgumentException("No organization " + organizationId));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
