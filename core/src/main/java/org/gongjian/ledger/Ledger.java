package org.gongjian.ledger;

import static org.gongjian.database.Jdbc.nullableLong;
import static org.gongjian.database.Jdbc.setLong;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.gongjian.ids.IdGenerator;
import org.gongjian.ledger.PostingResult.Result;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;
import org.gongjian.time.ApplicationTime;

/**
 * Posts transfers and reads accounts. {@link #post} runs in its own transaction (retried as a
 * whole on deadlocks and lock timeouts), so callers must not hold a transaction of their own.
 *
 * <p>How a request is applied: its idempotency key is looked up (a replay answers the stored
 * result); the accounts are locked with {@code SELECT ... FOR UPDATE} in id order (so two requests
 * never wait on each other in a cycle); every transfer is checked in order against the locked
 * balances, the balance limits and the ceilings; then the request row, the transfers, two entries
 * per transfer and the accounts' new state are written, or only the request row with the refusal.
 * A concurrent request with the same key collides on the unique key, is retried, and answers the
 * result of the one that committed first.
 */
@Singleton
public class Ledger {

    static final String TRANSFER_COLUMNS = "t.id, t.request_id, t.asset_id, t.debit_account_id, t.credit_account_id,"
            + " t.amount, t.reason_code, t.category, t.memo, t.source_type, t.source_ref, t.reverses_id,"
            + " t.actor_user_id, t.organization_id, t.posted_at";

    private static final Pattern REFUSAL_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    private static final String ACCOUNT_COLUMNS =
            "id, asset_id, owner_type, owner_id, org_path, balance, debits, credits, entries, closed_at";

    private final TransactionOperations<Connection> transactions;
    private final LedgerChain chain;
    private final IdGenerator ids;
    private final Clock clock;
    private final List<BalanceCeilings> ceilings;
    private final Organizations organizations;
    private final PostingRules rules;
    private final Map<Long, Asset> assets = new ConcurrentHashMap<>();

    Ledger(
            TransactionOperations<Connection> transactions,
            LedgerChain chain,
            IdGenerator ids,
            Clock clock,
            List<BalanceCeilings> ceilings,
            Organizations organizations,
            List<ApprovalThresholds> thresholds) {
        this.rules = new PostingRules(thresholds);
        this.transactions = transactions;
        this.organizations = organizations;
        this.chain = chain;
        this.ids = ids;
        this.clock = clock;
        this.ceilings = List.copyOf(ceilings);
    }

    /**
     * Posts all transfers of the request or none.
     *
     * @throws org.gongjian.errors.InvalidInputException for what can never be posted (zero or
     *     negative amounts, a bad key or code, ...): nothing is stored, the key stays unused
     */
    public PostingResult post(Posting posting) {
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

    /**
     * Stores a refusal decided by a rule of the feature that posts (e.g. the time bank's spending
     * age) as the result of the request's key, so that a retry answers this first decision instead
     * of judging again: the same key with the same content answers {@link Result#REFUSED} with
     * {@code code} (replayed), with other content {@code DUPLICATE_WITH_DIFFERENT_CONTENT}; a key
     * already decided answers its first result instead. Nothing is posted. Joins the caller's
     * transaction like {@link #post}.
     *
     * @param code the rule's stable code: upper-case letters, digits and underscores, at most 40
     * @throws org.gongjian.errors.InvalidInputException as {@link #post} for a request that could
     *     never be posted
     */
    public PostingResult refuse(Posting posting, String code) {
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

    /**
     * Runs {@code work} in one new transaction, retried as a whole on deadlocks and lock timeouts:
     * for features that read balances under {@link #lock} and then post in the same transaction
     * (rules with caps, expiry). {@code work} must be safe to run again.
     */
    public <T> T inTransaction(TransactionCallback<Connection, T> work) {
        return Retries.run(() -> transactions.executeWrite(work));
    }

    /** Whether a request with this client and key was already decided (posted or refused). */
    public boolean decided(long clientId, String idempotencyKey) {
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

    /**
     * Locks accounts in id order until the current transaction ends and answers their state; call
     * it inside {@link #inTransaction}. Missing accounts are absent from the answer.
     */
    public Map<Long, Account> lock(Collection<Long> accountIds) {
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

    /** The account of {@code owner} for {@code assetId}, opened (empty) when it does not exist yet. */
    public Account open(long assetId, OwnerType ownerType, long ownerId, String orgPath) {
        Optional<Account> existing = find(assetId, ownerType, ownerId);
        if (existing.isPresent()) {
            return existing.get();
        }
        asset(assetId).orElseThrow(() -> new IllegalArgumentException("No asset " + assetId));
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
                s.setTimestamp(7, Timestamp.from(now()));
                s.executeUpdate();
            }
            return readAccount(
                            c, "owner_type = ? AND owner_id = ? AND asset_id = ?", ownerType.name(), ownerId, assetId)
                    .orElseThrow();
        }));
    }

    public Optional<Account> find(long assetId, OwnerType ownerType, long ownerId) {
        return transactions.executeRead(status -> readAccount(
                status.getConnection(),
                "owner_type = ? AND owner_id = ? AND asset_id = ?",
                ownerType.name(),
                ownerId,
                assetId));
    }

    public Optional<Account> account(long accountId) {
        return transactions.executeRead(status -> readAccount(status.getConnection(), "id = ?", accountId));
    }

    /** Every account of a member, for every asset. */
    public List<Account> accountsOf(OwnerType ownerType, long ownerId) {
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

    /**
     * Defines a new asset (a point kind) in the caller's transaction, so that the definition and its
     * audit row commit together; a code taken in the organization fails with the driver's
     * duplicate-key error.
     */
    public void define(Asset asset, Instant at) {
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

    /**
     * Whether an asset of {@code type} that is not archived has {@code code} at {@code orgPath}, above
     * it or below it (on one line of the tree), read in the caller's transaction.
     */
    public boolean codeTakenAlong(AssetType type, String code, String orgPath) {
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

    /**
     * The ids of the assets of a type that are not archived and can be used at {@code orgPath}
     * (defined there or above), the platform's first, then by code.
     */
    public List<Long> assetsUsableAt(AssetType type, String orgPath) {
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

    public Optional<Asset> asset(long assetId) {
        Asset cached = assets.get(assetId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Asset> read = transactions.executeRead(status -> readAsset(status.getConnection(), assetId));
        read.ifPresent(a -> assets.put(assetId, a));
        return read;
    }

    /**
     * An account's entries, newest first: {@code limit} lines before entry {@code beforeSeq} (all
     * when null), each with its transfer and the other side's account.
     */
    public List<StatementLine> statement(long accountId, @Nullable Long beforeSeq, int limit) {
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
                        lines.add(new StatementLine(
                                rs.getLong(1),
                                rs.getLong(2),
                                rs.getLong(3),
                                transfer(rs, 4),
                                rs.getLong(19),
                                OwnerType.valueOf(rs.getString(20)),
                                rs.getLong(21)));
                    }
                }
            }
            return lines;
        });
    }

    /** The transfers of a stored request, in the order they were requested. */
    public List<Transfer> transfersOf(long requestId) {
        return transactions.executeRead(status -> readTransfers(status.getConnection(), requestId));
    }

    public Optional<Transfer> transfer(long transferId) {
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
        Map<Long, LockedAccount> accounts = lock(c, accountIds);
        Map<Long, Transfer> reversed = reversedTransfers(c, posting);
        Instant at = now();
        long requestId = ids.next();
        String orgPath = organizationPath(posting.organizationId());
        PostingRules.Refused byChannel = channelRefusal(posting, accounts, orgPath);
        if (byChannel != null) {
            insertRequest(c, requestId, posting, content, Result.REFUSED, byChannel.index(), byChannel.code(), at);
            return new PostingResult(Result.REFUSED, requestId, byChannel.index(), false, List.of(), byChannel.code());
        }
        Refusal refusal = check(posting, accounts, reversed);
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
            for (Map.Entry<Long, Long> e : new java.util.TreeMap<>(earned).entrySet()) {
                s.setLong(1, accounts.get(e.getKey()).assetId);
                s.setInt(2, month);
                s.setLong(3, e.getKey());
                s.setLong(4, e.getValue());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The month (yyyymm, China time) an instant falls in, as ledger_earning counts it. */
    public static int month(Instant at) {
        java.time.ZonedDateTime china = at.atZone(ApplicationTime.ZONE);
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
                List<Transfer> transfers = result == Result.OK ? readTransfers(c, requestId) : List.of();
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
                    LockedAccount a = new LockedAccount(
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
                    locked.put(a.id, a);
                }
            }
        }
        return locked;
    }

    private Map<Long, Transfer> reversedTransfers(Connection c, Posting posting) throws SQLException {
        Map<Long, Transfer> reversed = new HashMap<>();
        for (TransferSpec spec : posting.transfers()) {
            if (spec.reversesId() == null || reversed.containsKey(spec.reversesId())) {
                continue;
            }
            try (PreparedStatement s = c.prepareStatement("SELECT " + TRANSFER_COLUMNS
                    + ", (SELECT r.id FROM ledger_transfer r WHERE r.reverses_id = t.id)"
                    + " FROM ledger_transfer t WHERE t.id = ?")) {
                s.setLong(1, spec.reversesId());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        rs.getLong(16);
                        reversed.put(spec.reversesId(), rs.wasNull() ? transfer(rs, 1) : ALREADY_REVERSED);
                    }
                }
            }
        }
        return reversed;
    }

    /**
     * What the posting's channel may not post (see {@link PostingRules}); transfers between
     * accounts that are missing or of two assets are left to {@link #check}.
     */
    private PostingRules.@Nullable Refused channelRefusal(
            Posting posting, Map<Long, LockedAccount> accounts, String orgPath) {
        List<PostingRules.Leg> legs = new ArrayList<>(posting.transfers().size());
        for (TransferSpec spec : posting.transfers()) {
            LockedAccount debit = accounts.get(spec.debitAccountId());
            LockedAccount credit = accounts.get(spec.creditAccountId());
            if (debit == null || credit == null || debit.assetId != credit.assetId) {
                return null;
            }
            legs.add(
                    new PostingRules.Leg(asset(debit.assetId).orElseThrow(), spec.amount(), spec.reversesId() != null));
        }
        return rules.check(posting.channel(), orgPath, legs);
    }

    /** Marks a transfer that already has a reversal. */
    private static final Transfer ALREADY_REVERSED =
            new Transfer(0, 0, 0, 0, 0, 0, "", "", null, null, null, null, null, 0, Instant.EPOCH);

    private record Refusal(Result result, int index) {}

    private @Nullable Refusal check(Posting posting, Map<Long, LockedAccount> accounts, Map<Long, Transfer> reversed) {
        Set<Long> reversedHere = new HashSet<>();
        Map<Long, OptionalLong> ceilingOf = new HashMap<>();
        List<TransferSpec> specs = posting.transfers();
        for (int i = 0; i < specs.size(); i++) {
            TransferSpec spec = specs.get(i);
            LockedAccount debit = accounts.get(spec.debitAccountId());
            LockedAccount credit = accounts.get(spec.creditAccountId());
            if (debit == null || credit == null) {
                return new Refusal(Result.ACCOUNT_NOT_FOUND, i);
            }
            if (debit.assetId != credit.assetId) {
                return new Refusal(Result.ASSET_MISMATCH, i);
            }
            if (debit.closed || credit.closed) {
                return new Refusal(Result.ACCOUNT_CLOSED, i);
            }
            if (spec.reversesId() != null) {
                Transfer original = reversed.get(spec.reversesId());
                if (original == ALREADY_REVERSED || !reversedHere.add(spec.reversesId())) {
                    return new Refusal(Result.ALREADY_REVERSED, i);
                }
                if (original == null
                        || original.debitAccountId() != spec.creditAccountId()
                        || original.creditAccountId() != spec.debitAccountId()
                        || original.amount() != spec.amount()) {
                    return new Refusal(Result.REVERSAL_MISMATCH, i);
                }
            }
            Asset asset = asset(debit.assetId).orElseThrow();
            long debitBalance;
            long creditBalance;
            try {
                debitBalance = Math.subtractExact(debit.balance, spec.amount());
                creditBalance = Math.addExact(credit.balance, spec.amount());
                Math.addExact(debit.debits, spec.amount());
                Math.addExact(credit.credits, spec.amount());
            } catch (ArithmeticException e) {
                return new Refusal(Result.OVERFLOW, i);
            }
            if (debit.ownerType.limited() && !asset.negativeAllowed() && debitBalance < 0) {
                return new Refusal(Result.INSUFFICIENT_BALANCE, i);
            }
            OptionalLong ceiling = ceilingOf.computeIfAbsent(credit.id, id -> ceilingFor(credit.snapshot()));
            if (ceiling.isPresent() && creditBalance > ceiling.getAsLong()) {
                return new Refusal(Result.LIMIT_EXCEEDED, i);
            }
            debit.apply(-spec.amount());
            credit.apply(spec.amount());
        }
        return null;
    }

    private OptionalLong ceilingFor(Account account) {
        OptionalLong lowest = OptionalLong.empty();
        for (BalanceCeilings c : ceilings) {
            OptionalLong ceiling = c.ceiling(account);
            if (ceiling.isPresent() && (lowest.isEmpty() || ceiling.getAsLong() < lowest.getAsLong())) {
                lowest = ceiling;
            }
        }
        return lowest;
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

    private static List<Transfer> readTransfers(Connection c, long requestId) throws SQLException {
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

    /** Reads the {@link #TRANSFER_COLUMNS} starting at column {@code first}. */
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

    private static Optional<Account> readAccount(Connection c, String where, Object... args) throws SQLException {
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

    static Account account(ResultSet rs) throws SQLException {
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

    private static Optional<Asset> readAsset(Connection c, long assetId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, type, code, name, organization_id, org_path,"
                + " unit_scale, negative_allowed, expiry_policy, expiry_month_day, expiry_months"
                + " FROM ledger_asset WHERE id = ?")) {
            s.setLong(1, assetId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int months = rs.getInt(11);
                Integer expiryMonths = rs.wasNull() ? null : months;
                return Optional.of(new Asset(
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
                        expiryMonths));
            }
        }
    }

    /** Forgets cached assets (after an asset is defined or archived). */
    void forgetAssets() {
        assets.clear();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A row locked for this transaction, with its state as the request's transfers apply. */
    private static final class LockedAccount {
        final long id;
        final long assetId;
        final OwnerType ownerType;
        final long ownerId;
        final String orgPath;
        final long lockedBalance;
        final long lockedEntries;
        final boolean closed;
        long balance;
        long debits;
        long credits;
        long entries;
        long balanceAfterEntries;
        byte[] head;

        LockedAccount(
                long id,
                long assetId,
                OwnerType ownerType,
                long ownerId,
                String orgPath,
                long balance,
                long debits,
                long credits,
                long entries,
                byte[] head,
                boolean closed) {
            this.id = id;
            this.assetId = assetId;
            this.ownerType = ownerType;
            this.ownerId = ownerId;
            this.orgPath = orgPath;
            this.lockedBalance = balance;
            this.lockedEntries = entries;
            this.balance = balance;
            this.balanceAfterEntries = balance;
            this.debits = debits;
            this.credits = credits;
            this.entries = entries;
            this.head = head;
            this.closed = closed;
        }

        void apply(long amount) {
            balance += amount;
            if (amount < 0) {
                debits -= amount;
            } else {
                credits += amount;
            }
        }

        Account snapshot() {
            return new Account(
                    id, assetId, ownerType, ownerId, orgPath, lockedBalance, debits, credits, lockedEntries, closed);
        }
    }
}
