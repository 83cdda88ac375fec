package org.gongjian.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gongjian.access.Caller;
import org.gongjian.ledger.Asset;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.points.PointKinds;
import org.gongjian.points.Rankings;

/**
 * Rankings over a million postings: N members (default 20,000) in 5 communities, each with an
 * account of one point kind, and E member entries (default 1,000,000) from the communities'
 * ISSUANCE accounts spread over the past 365 days. The entries are written with plain batched SQL
 * (the ranking reads entries, accounts and members only; writing a million through the ledger
 * would take minutes and is measured by {@code LedgerBench}), and the monthly earnings the ledger
 * keeps with them ({@code ledger_earning}). Then {@link Rankings#top} is timed
 * (3 warm-up and 15 measured calls each) for the street and for one community, for the month,
 * the year and all time, with the caller's own rank; the baseline in the same run is the bare
 * aggregate over the same index range ({@code SELECT account_id, SUM(amount) ... GROUP BY
 * account_id ORDER BY 2 DESC LIMIT 20}) without joins, scope or own rank.
 *
 * <p>Usage: {@code bench/run RankingsBench [members] [entries]}.
 */
public final class RankingsBench {

    private RankingsBench() {}

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        int memberCount = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int entryCount = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        try (ApplicationContext context = BenchContext.start("rankings")) {
            Organizations organizations = context.getBean(Organizations.class);
            TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
            Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "排行街道");
            List<Organization> communities = new ArrayList<>();
            for (int c = 0; c < 5; c++) {
                communities.add(organizations.createChild(street, OrganizationKind.COMMUNITY, "排行社区" + c));
            }
            long t0 = System.nanoTime();
            Random random = new Random(7);
            BenchPeople.members(context, communities, memberCount);
            Asset kind = context.getBean(PointKinds.class)
                    .create(Caller.system(), street.id(), "RANK", "排行积分", 10, true, "NEVER", null, null);
            long[] accounts = BenchPeople.accounts(tx, kind.id(), memberCount);
            Instant now = context.getBean(Clock.class).instant().truncatedTo(ChronoUnit.MICROS);
            entries(tx, kind.id(), accounts, entryCount, now, random);
            tx.executeWrite(status -> {
                try (PreparedStatement s = status.getConnection()
                        .prepareStatement("INSERT INTO ledger_earning (asset_id, month, account_id, amount)"
                                + " SELECT asset_id, EXTRACT(YEAR_MONTH FROM CONVERT_TZ(posted_at, '+00:00', '+08:00')),"
                                + " account_id, SUM(amount) FROM ledger_entry WHERE asset_id = ?"
                                + " AND counterparty_type = 'ISSUANCE' GROUP BY 1, 2, 3")) {
                    s.setLong(1, kind.id());
                    s.executeUpdate();
                }
                try (PreparedStatement s =
                        status.getConnection().prepareStatement("ANALYZE TABLE ledger_entry, ledger_earning")) {
                    s.execute();
                }
                return null;
            });
            System.out.printf(
                    "RankingsBench: %,d members, %,d entries written in %.1f s%n",
                    memberCount, entryCount, (System.nanoTime() - t0) / 1e9);

            Rankings rankings = context.getBean(Rankings.class);
            Organization community = communities.getFirst();
            Caller staff = Caller.system();
            Caller member = new Caller(1, "member", memberIn(tx, community.path()), List.of());
            System.out.println(
                    "| ranking (top 20) | min | median | p95 | baseline median (bare aggregate over entries) |");
            System.out.println("|---|---|---|---|---|");
            for (String period : List.of("MONTH", "YEAR", "ALL")) {
                Instant from =
                        switch (period) {
                            case "MONTH" -> now.minus(30, ChronoUnit.DAYS);
                            case "YEAR" -> now.minus(365, ChronoUnit.DAYS);
                            default -> Instant.EPOCH;
                        };
                double[] baseline = Timings.time(() -> bare(tx, kind.id(), from));
                Timings.report(
                        "street, " + period,
                        Timings.time(() -> rankings.top(staff, kind.id(), street.id(), period, 20)),
                        baseline);
                Timings.report(
                        "community, " + period + ", with my rank",
                        Timings.time(() -> rankings.top(member, kind.id(), community.id(), period, 20)),
                        baseline);
            }
        }
    }

    private static void bare(TransactionOperations<Connection> tx, long assetId, Instant from) {
        tx.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT account_id, SUM(amount) AS pts FROM ledger_entry WHERE asset_id = ?"
                            + " AND counterparty_type = 'ISSUANCE' AND posted_at >= ? GROUP BY account_id"
                            + " ORDER BY pts DESC LIMIT 20")) {
                s.setLong(1, assetId);
                s.setTimestamp(2, Timestamp.from(from));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(2);
                    }
                }
            }
            return null;
        });
    }

    private static void entries(
            TransactionOperations<Connection> tx,
            long assetId,
            long[] accounts,
            int count,
            Instant now,
            Random random) {
        int[] seqs = new int[accounts.length];
        int written = 0;
        while (written < count) {
            int chunk = Math.min(50_000, count - written);
            tx.executeWrite(status -> {
                try (PreparedStatement s = status.getConnection()
                        .prepareStatement("INSERT INTO ledger_entry (account_id, seq, transfer_id, asset_id, amount,"
                                + " balance, counterparty_type, posted_at, hash) VALUES (?, ?, ?, ?, ?, 0, 'ISSUANCE', ?,"
                                + " UNHEX(REPEAT('00', 32)))")) {
                    for (int i = 0; i < chunk; i++) {
                        int a = random.nextInt(accounts.length);
                        s.setLong(1, accounts[a]);
                        s.setLong(2, ++seqs[a]);
                        s.setLong(3, random.nextLong(1L << 52));
                        s.setLong(4, assetId);
                        s.setLong(5, random.nextInt(10) == 0 ? -(1 + random.nextInt(50)) : 1 + random.nextInt(100));
                        s.setTimestamp(6, Timestamp.from(now.minusSeconds(random.nextLong(365L * 24 * 3600))));
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                return null;
            });
            written += chunk;
        }
    }

    private static long memberIn(TransactionOperations<Connection> tx, String path) {
        return tx.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT id FROM member WHERE org_path LIKE ? ORDER BY id LIMIT 1 OFFSET 100")) {
                s.setString(1, path + "%");
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
