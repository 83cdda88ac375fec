package org.gongjian.ledger;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gongjian.audit.AuditEvent;
import org.gongjian.audit.AuditLog;
import org.gongjian.ids.IdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the whole ledger in one consistent snapshot: every entry chains to the one before it in
 * its account (HMAC), belongs to its transfer on the right side with the right amount, and moves
 * the balance by its amount; every transfer's HMAC matches its content; every account's balance,
 * totals, entry count and chain tip equal what its entries say; every asset sums to zero; every
 * accepted request has all its transfers. Runs from the API, the command line and every night;
 * the result is stored and shown on the administrator's dashboard.
 */
@Singleton
public class Reconciliation {

    /** At most this many problems are kept per run (all are counted). */
    static final int PROBLEMS_KEPT = 50;

    private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

    private final TransactionOperations<Connection> transactions;
    private final LedgerChain chain;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;

    Reconciliation(
            TransactionOperations<Connection> transactions,
            LedgerChain chain,
            AuditLog audit,
            IdGenerator ids,
            Clock clock) {
        this.transactions = transactions;
        this.chain = chain;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /** The nightly run (02:30 server time by default). */
    @Scheduled(cron = "${gongjian.ledger.reconciliation-cron:0 30 2 * * ?}")
    void nightly() {
        ReconciliationResult result = run("nightly");
        if (!result.ok()) {
            LOG.error("Ledger reconciliation found {} problems: {}", result.problemCount(), result.problems());
        }
    }

    /** Checks the ledger now and stores the result. */
    public ReconciliationResult run(String triggeredBy) {
        Instant started = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Check check = transactions.executeRead(status -> check(status.getConnection()));
        Instant finished = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ReconciliationResult result = new ReconciliationResult(
                ids.next(),
                started,
                finished,
                check.problemCount == 0,
                check.transfers,
                check.entries,
                check.accounts,
                check.problemCount,
                List.copyOf(check.problems),
                triggeredBy);
        transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("INSERT INTO ledger_reconciliation (id, started_at, finished_at, ok, transfers,"
                            + " entries, accounts, problems, triggered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, result.id());
                s.setTimestamp(2, Timestamp.from(started));
                s.setTimestamp(3, Timestamp.from(finished));
                s.setBoolean(4, result.ok());
                s.setLong(5, result.transfers());
                s.setLong(6, result.entries());
                s.setLong(7, result.accounts());
                s.setString(
                        8, result.ok() ? null : result.problemCount() + "\n" + String.join("\n", result.problems()));
                s.setString(9, triggeredBy);
                s.executeUpdate();
            }
            audit.append(new AuditEvent(
                    null,
                    "system",
                    result.ok() ? "LEDGER_RECONCILED" : "LEDGER_RECONCILIATION_FAILED",
                    "LEDGER",
                    result.id(),
                    null,
                    null,
                    "transfers=" + result.transfers() + " problems=" + result.problemCount() + " by=" + triggeredBy,
                    null));
            return null;
        });
        return result;
    }

    /** The most recent stored result, if any run happened. */
    public Optional<ReconciliationResult> last() {
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                            .prepareStatement(
                                    "SELECT id, started_at, finished_at, ok, transfers, entries, accounts, problems,"
                                            + " triggered_by FROM ledger_reconciliation ORDER BY started_at DESC, id DESC LIMIT 1");
                    ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String stored = rs.getString(8);
                long count = 0;
                List<String> problems = List.of();
                if (stored != null) {
                    String[] lines = stored.split("\n");
                    count = Long.parseLong(lines[0]);
                    problems = List.of(Arrays.copyOfRange(lines, 1, lines.length));
                }
                return Optional.of(new ReconciliationResult(
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant(),
                        rs.getBoolean(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        count,
                        problems,
                        rs.getString(9)));
            }
        });
    }

    private Check check(Connection c) throws SQLException {
        Check check = new Check();
        Map<Long, StoredAccount> accounts = new HashMap<>();
        Map<Long, Long> balanceSums = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                        "SELECT id, asset_id, balance, debits, credits, entries, head_hash" + " FROM ledger_account");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                StoredAccount a = new StoredAccount(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getBytes(7));
                accounts.put(a.id, a);
                balanceSums.merge(a.assetId, a.balance, Math::addExact);
            }
        }
        check.accounts = accounts.size();
        balanceSums.forEach((asset, sum) -> {
            if (sum != 0) {
                check.problem("ASSET_BALANCES_DO_NOT_SUM_TO_ZERO asset=" + asset + " sum=" + sum);
            }
        });
        Map<Long, Long> entrySums = new HashMap<>();
        Set<Long> changedTransfers = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT e.account_id, e.seq, e.transfer_id, e.asset_id, e.amount, e.balance, e.posted_at, e.hash, "
                        + LedgerHistory.TRANSFER_COLUMNS
                        + ", t.org_path, t.hash, e.counterparty_type FROM ledger_entry e"
                        + " LEFT JOIN ledger_transfer t ON t.id = e.transfer_id ORDER BY e.account_id, e.seq",
                ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = s.executeQuery()) {
                Walk walk = null;
                while (rs.next()) {
                    long accountId = rs.getLong(1);
                    if (walk == null || walk.account.id != accountId) {
                        if (walk != null) {
                            walk.finish(check);
                        }
                        StoredAccount account = accounts.remove(accountId);
                        if (account == null) {
                            check.problem("ENTRY_WITHOUT_ACCOUNT account=" + accountId);
                            account = new StoredAccount(accountId, -1, 0, 0, 0, 0, LedgerChain.GENESIS);
                        }
                        walk = new Walk(account);
                    }
                    check.entries++;
                    long seq = rs.getLong(2);
                    long transferId = rs.getLong(3);
                    long assetId = rs.getLong(4);
                    long amount = rs.getLong(5);
                    long balance = rs.getLong(6);
                    Instant postedAt = rs.getTimestamp(7).toInstant();
                    byte[] hash = rs.getBytes(8);
                    entrySums.merge(assetId, amount, Math::addExact);
                    String where = "account=" + accountId + " entry=" + seq;
                    if (seq != walk.seq + 1) {
                        check.problem("ENTRY_SEQUENCE_GAP " + where + " expected=" + (walk.seq + 1));
                    }
                    walk.seq = seq;
                    byte[] transferHash = rs.getBytes(25);
                    if (transferHash == null) {
                        check.problem("ENTRY_WITHOUT_TRANSFER " + where + " transfer=" + transferId);
                        walk.broken = true;
                        continue;
                    }
                    Transfer t = LedgerHistory.transfer(rs, 9);
                    if (!Arrays.equals(transferHash, chain.transferHash(t, rs.getString(24)))
                            && changedTransfers.add(transferId)) {
                        check.problem("TRANSFER_CHANGED transfer=" + transferId);
                    }
                    long expected = t.debitAccountId() == accountId
                            ? -t.amount()
                            : t.creditAccountId() == accountId ? t.amount() : 0;
                    if (expected == 0
                            || amount != expected
                            || assetId != t.assetId()
                            || assetId != walk.account.assetId) {
                        check.problem("ENTRY_DOES_NOT_MATCH_TRANSFER " + where + " transfer=" + transferId);
                    }
                    walk.balance += amount;
                    if (amount < 0) {
                        walk.debits -= amount;
                    } else {
                        walk.credits += amount;
                    }
                    if (balance != walk.balance) {
                        check.problem(
                                "ENTRY_BALANCE_WRONG " + where + " stored=" + balance + " expected=" + walk.balance);
                        walk.balance = balance;
                    }
                    byte[] recomputed = chain.entryHash(
                            walk.head,
                            accountId,
                            seq,
                            transferId,
                            assetId,
                            amount,
                            balance,
                            rs.getString(26),
                            postedAt,
                            transferHash);
                    if (!Arrays.equals(recomputed, hash)) {
                        check.problem("ENTRY_CHAIN_BROKEN " + where);
                    }
                    walk.head = hash;
                }
                if (walk != null) {
                    walk.finish(check);
                }
            }
        }
        for (StoredAccount untouched : accounts.values()) {
            if (untouched.entries != 0
                    || untouched.balance != 0
                    || untouched.debits != 0
                    || untouched.credits != 0
                    || !Arrays.equals(untouched.head, LedgerChain.GENESIS)) {
                check.problem("ACCOUNT_WITHOUT_ENTRIES_NOT_EMPTY account=" + untouched.id);
            }
        }
        entrySums.forEach((asset, sum) -> {
            if (sum != 0) {
                check.problem("ASSET_ENTRIES_DO_NOT_SUM_TO_ZERO asset=" + asset + " sum=" + sum);
            }
        });
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM ledger_transfer");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            check.transfers = rs.getLong(1);
        }
        if (check.transfers * 2 != check.entries) {
            check.problem("TRANSFERS_WITHOUT_TWO_ENTRIES transfers=" + check.transfers + " entries=" + check.entries);
        }
        checkEarnings(c, check);
        try (PreparedStatement s = c.prepareStatement("SELECT r.id, r.transfers, COUNT(t.id) FROM ledger_request r"
                        + " LEFT JOIN ledger_transfer t ON t.request_id = r.id"
                        + " GROUP BY r.id, r.transfers HAVING COUNT(t.id) <> r.transfers LIMIT " + PROBLEMS_KEPT);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                check.problem("REQUEST_TRANSFERS_MISSING request=" + rs.getLong(1) + " expected=" + rs.getInt(2)
                        + " found=" + rs.getLong(3));
            }
        }
        return check;
    }

    /** ledger_earning must equal the member entries from ISSUANCE accounts, month by month. */
    private static void checkEarnings(Connection c, Check check) throws SQLException {
        Map<String, Long> fromEntries = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT e.asset_id, e.account_id,"
                        + " EXTRACT(YEAR_MONTH FROM CONVERT_TZ(e.posted_at, '+00:00', '+08:00')), SUM(e.amount)"
                        + " FROM ledger_entry e JOIN ledger_account a ON a.id = e.account_id"
                        + " WHERE a.owner_type = 'MEMBER' AND e.counterparty_type = 'ISSUANCE' GROUP BY 1, 2, 3");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                if (rs.getLong(4) != 0) {
                    fromEntries.put(rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getInt(3), rs.getLong(4));
                }
            }
        }
        try (PreparedStatement s =
                        c.prepareStatement("SELECT asset_id, account_id, month, amount FROM ledger_earning");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String key = rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getInt(3);
                Long expected = fromEntries.remove(key);
                if (rs.getLong(4) != (expected == null ? 0 : expected)) {
                    check.problem("EARNINGS_DO_NOT_MATCH_ENTRIES asset/account/month=" + key + " stored="
                            + rs.getLong(4) + " entries=" + expected);
                }
            }
        }
        fromEntries.forEach(
                (key, amount) -> check.problem("EARNINGS_MISSING asset/account/month=" + key + " entries=" + amount));
    }

    private static final class Check {
        long transfers;
        long entries;
        long accounts;
        long problemCount;
        final List<String> problems = new ArrayList<>();

        void problem(String problem) {
            problemCount++;
            if (problems.size() < PROBLEMS_KEPT) {
                problems.add(problem);
            }
        }
    }

    private record StoredAccount(
            long id, long assetId, long balance, long debits, long credits, long entries, byte[] head) {}

    /** Walks one account's entries in order. */
    private static final class Walk {
        final StoredAccount account;
        long seq;
        long balance;
        long debits;
        long credits;
        byte[] head = LedgerChain.GENESIS;
        boolean broken;

        Walk(StoredAccount account) {
            this.account = account;
        }

        void finish(Check check) {
            String where = "account=" + account.id;
            if (seq != account.entries) {
                check.problem("ACCOUNT_ENTRY_COUNT_WRONG " + where + " stored=" + account.entries + " entries=" + seq);
            }
            if (!broken && (balance != account.balance || debits != account.debits || credits != account.credits)) {
                check.problem("ACCOUNT_BALANCE_WRONG " + where + " stored=" + account.balance + " entries=" + balance);
            }
            if (!Arrays.equals(head, account.head)) {
                check.problem("ACCOUNT_CHAIN_TIP_WRONG " + where);
            }
        }
    }
}
