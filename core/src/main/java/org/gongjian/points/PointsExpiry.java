package org.gongjian.points;

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
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gongjian.ledger.Account;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.OwnerType;
import org.gongjian.ledger.Posting;
import org.gongjian.ledger.TransferSpec;
import org.gongjian.time.ApplicationTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies point kinds' expiry policies as transfers from members to the kind's EXPIRY account,
 * once per account and period even when the job runs again or on several nodes (a row per account
 * and period in {@code points_expiry_done}, written with the transfer under the account's lock).
 *
 * <ul>
 *   <li>YEARLY on MM-DD: after that day (China time), what the member held at the end of it
 *       expires, but never more than they hold now (points earned since stay).
 *   <li>ROLLING N months: on the first of every month, points earned before the first of the month
 *       N months ago that were not spent since (first in, first out) expire.
 * </ul>
 */
@Singleton
public class PointsExpiry {

    static final int CHUNK = 500;
    private static final Logger LOG = LoggerFactory.getLogger(PointsExpiry.class);

    private final Ledger ledger;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    PointsExpiry(Ledger ledger, TransactionOperations<Connection> transactions, Clock clock) {
        this.ledger = ledger;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(cron = "${gongjian.points.expiry-cron:0 10 0 * * ?}")
    void daily() {
        int expired = run();
        if (expired > 0) {
            LOG.info("Points expiry: {} accounts expired", expired);
        }
    }

    /** Applies every due expiry as of today (China time); answers how many accounts expired. */
    public int run() {
        LocalDate today = LocalDate.now(clock.withZone(ApplicationTime.ZONE));
        int expired = 0;
        for (long assetId : expiringAssets()) {
            Asset kind = ledger.asset(assetId).orElseThrow();
            Due due = due(kind, today);
            if (due != null) {
                expired += expire(kind, due);
            }
        }
        return expired;
    }

    /** The period now due and its cut-off instant, or null when nothing is due yet. */
    record Due(String period, Instant cutoff, boolean yearly) {}

    static Due due(Asset kind, LocalDate today) {
        if ("YEARLY".equals(kind.expiryPolicy())) {
            MonthDay md = MonthDay.parse("--" + kind.expiryMonthDay());
            LocalDate resetDay = md.atYear(today.getYear());
            if (!today.isAfter(resetDay)) {
                resetDay = md.atYear(today.getYear() - 1);
            }
            return new Due(
                    "Y" + resetDay.getYear(),
                    resetDay.plusDays(1).atStartOfDay(ApplicationTime.ZONE).toInstant(),
                    true);
        }
        if ("ROLLING".equals(kind.expiryPolicy())) {
            LocalDate first = today.withDayOfMonth(1);
            return new Due(
                    "M" + first.toString().substring(0, 7),
                    first.minusMonths(kind.expiryMonths())
                            .atStartOfDay(ApplicationTime.ZONE)
                            .toInstant(),
                    false);
        }
        return null;
    }

    private int expire(Asset kind, Due due) {
        Account sink = ledger.open(kind.id(), OwnerType.EXPIRY, kind.organizationId(), kind.orgPath());
        int expired = 0;
        long after = 0;
        while (true) {
            List<Long> candidates = candidates(kind.id(), after);
            if (candidates.isEmpty()) {
                return expired;
            }
            after = candidates.getLast();
            expired += ledger.inTransaction(status -> expireChunk(status.getConnection(), kind, due, sink, candidates));
        }
    }

    private int expireChunk(Connection c, Asset kind, Due due, Account sink, List<Long> candidates)
            throws SQLException {
        List<Long> lock = new ArrayList<>(candidates);
        lock.add(sink.id());
        Map<Long, Account> locked = ledger.lock(lock);
        Set<Long> done = done(c, kind.id(), due.period(), candidates);
        List<TransferSpec> transfers = new ArrayList<>();
        try (PreparedStatement mark = c.prepareStatement("INSERT INTO points_expiry_done (asset_id, period, account_id,"
                + " amount, done_at) VALUES (?, ?, ?, ?, ?)")) {
            for (long id : candidates) {
                Account account = locked.get(id);
                if (account == null || done.contains(id)) {
                    continue;
                }
                long base = due.yearly()
                        ? balanceBefore(c, id, due.cutoff())
                        : earnedBefore(c, id, due.cutoff()) - account.debits();
                if (base <= 0) {
                    continue;
                }
                long amount = Math.min(base, account.balance());
                mark.setLong(1, kind.id());
                mark.setString(2, due.period());
                mark.setLong(3, id);
                mark.setLong(4, Math.max(0, amount));
                mark.setTimestamp(5, Timestamp.from(clock.instant()));
                mark.addBatch();
                if (amount > 0) {
                    transfers.add(new TransferSpec(
                            id,
                            sink.id(),
                            amount,
                            "EXPIRY",
                            "EXPIRY",
                            "积分过期（" + due.period() + "）",
                            "EXPIRY",
                            due.period(),
                            null));
                }
            }
            mark.executeBatch();
        }
        if (!transfers.isEmpty()) {
            ledger.post(new Posting(
                    0,
                    "expiry:" + kind.id() + ":" + due.period() + ":" + UUID.randomUUID(),
                    kind.organizationId(),
                    null,
                    transfers));
        }
        return transfers.size();
    }

    private List<Long> expiringAssets() {
        return transactions.executeRead(status -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement s = status.getConnection()
                            .prepareStatement(
                                    "SELECT id FROM ledger_asset WHERE type = 'POINTS' AND expiry_policy <> 'NEVER'"
                                            + " AND archived_at IS NULL");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
    }

    private List<Long> candidates(long assetId, long after) {
        return transactions.executeRead(status -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT id FROM ledger_account WHERE asset_id = ? AND owner_type = 'MEMBER'"
                            + " AND balance > 0 AND id > ? ORDER BY id LIMIT " + CHUNK)) {
                s.setLong(1, assetId);
                s.setLong(2, after);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    private static Set<Long> done(Connection c, long assetId, String period, List<Long> accounts) throws SQLException {
        Set<Long> done = new HashSet<>();
        StringBuilder sql = new StringBuilder(
                "SELECT account_id FROM points_expiry_done WHERE asset_id = ? AND period = ? AND account_id IN (");
        for (int i = 0; i < accounts.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        try (PreparedStatement s = c.prepareStatement(sql.append(")").toString())) {
            s.setLong(1, assetId);
            s.setString(2, period);
            for (int i = 0; i < accounts.size(); i++) {
                s.setLong(i + 3, accounts.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    done.add(rs.getLong(1));
                }
            }
        }
        return done;
    }

    private static long balanceBefore(Connection c, long accountId, Instant cutoff) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT balance FROM ledger_entry WHERE account_id = ?"
                + " AND posted_at < ? ORDER BY posted_at DESC, seq DESC LIMIT 1")) {
            s.setLong(1, accountId);
            s.setTimestamp(2, Timestamp.from(cutoff));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static long earnedBefore(Connection c, long accountId, Instant cutoff) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(amount), 0) FROM ledger_entry"
                + " WHERE account_id = ? AND amount > 0 AND posted_at < ?")) {
            s.setLong(1, accountId);
            s.setTimestamp(2, Timestamp.from(cutoff));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
