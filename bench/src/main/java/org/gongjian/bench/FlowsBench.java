package org.gongjian.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gongjian.access.Caller;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.OwnerType;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.time.ApplicationTime;
import org.gongjian.timebank.FlowReport;
import org.gongjian.timebank.TimeBank;

/**
 * The time bank's 通存通兑 flow report over a busy month: N members (default 20,000) in 5
 * communities and T time transfers (default 200,000) posted over the last 28 days, 70 % deposits
 * from a random community's ISSUANCE account to a member and 30 % spending from a member at a
 * random community's REDEMPTION account; 1 % of them reversed later in the month, and 5 % of the
 * members moved to another community (组织关系转接) in the middle of it. Transfers and moves are
 * written with plain batched SQL (the report reads transfers, accounts, members, their moves and
 * organizations, not entries). Then {@link TimeBank#flows} is timed for the street and for one
 * community (3 warm-up and 15 measured calls each); the baseline in the same run is the first
 * version's query: the same joins grouped by the member's current organization, without the moves
 * or the reversals.
 *
 * <p>Usage: {@code bench/run FlowsBench [members] [transfers]}.
 */
public final class FlowsBench {

    private static final String FIRST_VERSION = "SELECT o.id, m.org_path, COUNT(*), COUNT(DISTINCT m.id), SUM(t.amount)"
            + " FROM ledger_transfer t"
            + " JOIN ledger_account oa ON oa.id = t.%s_account_id AND oa.owner_type = '%s'"
            + " JOIN ledger_account ma ON ma.id = t.%s_account_id AND ma.owner_type = 'MEMBER'"
            + " JOIN organization o ON o.id = oa.owner_id"
            + " JOIN member m ON m.id = ma.owner_id"
            + " WHERE t.asset_id = ? AND t.posted_at >= ? AND t.posted_at < ? AND t.reverses_id IS NULL"
            + " AND (o.path LIKE ? OR m.org_path LIKE ?)"
            + " GROUP BY o.id, m.org_path";

    private FlowsBench() {}

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        int memberCount = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int transferCount = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        try (ApplicationContext context = BenchContext.start("flows")) {
            Organizations organizations = context.getBean(Organizations.class);
            TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
            Ledger ledger = context.getBean(Ledger.class);
            Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "通兑街道");
            List<Organization> communities = new ArrayList<>();
            for (int c = 0; c < 5; c++) {
                communities.add(organizations.createChild(street, OrganizationKind.COMMUNITY, "通兑社区" + c));
            }
            long t0 = System.nanoTime();
            BenchPeople.members(context, communities, memberCount);
            long[] members = BenchPeople.accounts(tx, Asset.TIME_ID, memberCount);
            long[] issuance = new long[5];
            long[] redemption = new long[5];
            for (int c = 0; c < 5; c++) {
                Organization o = communities.get(c);
                issuance[c] = ledger.open(Asset.TIME_ID, OwnerType.ISSUANCE, o.id(), o.path())
                        .id();
                redemption[c] = ledger.open(Asset.TIME_ID, OwnerType.REDEMPTION, o.id(), o.path())
                        .id();
            }
            Instant now = context.getBean(Clock.class).instant().truncatedTo(ChronoUnit.MICROS);
            Instant start = now.minus(28, ChronoUnit.DAYS);
            Random random = new Random(11);
            transfers(tx, members, issuance, redemption, communities, transferCount, start, random);
            moves(tx, communities, memberCount / 20, start.plus(14, ChronoUnit.DAYS), random);
            tx.executeWrite(status -> {
                try (PreparedStatement s = status.getConnection()
                        .prepareStatement("ANALYZE TABLE ledger_transfer, ledger_account, member, member_transfer")) {
                    s.execute();
                }
                return null;
            });
            System.out.printf(
                    "FlowsBench: %,d members, %,d transfers, %,d moves written in %.1f s%n",
                    memberCount, transferCount, memberCount / 20, (System.nanoTime() - t0) / 1e9);

            TimeBank timeBank = context.getBean(TimeBank.class);
            LocalDate to = LocalDate.ofInstant(now, ApplicationTime.ZONE);
            LocalDate from = to.minusDays(29);
            FlowReport report = timeBank.flows(Caller.system(), street.id(), from, to);
            System.out.printf(
                    "FlowsBench: the street's report has %d pairs of communities, %,d deposits (net)%n",
                    report.flows().size(),
                    report.flows().stream().mapToLong(FlowReport.Flow::deposits).sum());
            System.out.println("| flow report, 29 days | min | median | p95 | first version's query, median |");
            System.out.println("|---|---|---|---|---|");
            Instant fromInstant = from.atStartOfDay(ApplicationTime.ZONE).toInstant();
            Instant toInstant =
                    to.plusDays(1).atStartOfDay(ApplicationTime.ZONE).toInstant();
            for (Organization scope : List.of(street, communities.getFirst())) {
                Timings.report(
                        scope == street ? "street" : "one community",
                        Timings.time(() -> timeBank.flows(Caller.system(), scope.id(), from, to)),
                        Timings.time(() -> firstVersion(tx, scope.path(), fromInstant, toInstant)));
            }
        }
    }

    private static void transfers(
            TransactionOperations<Connection> tx,
            long[] members,
            long[] issuance,
            long[] redemption,
            List<Organization> communities,
            int count,
            Instant start,
            Random random) {
        long seconds = ChronoUnit.SECONDS.between(start, start.plus(28, ChronoUnit.DAYS));
        long nextId = 1L << 50;
        int written = 0;
        while (written < count) {
            int chunk = Math.min(20_000, count - written);
            long firstId = nextId;
            nextId += 2L * chunk;
            tx.executeWrite(status -> {
                try (PreparedStatement s = status.getConnection()
                        .prepareStatement("INSERT INTO ledger_transfer (id, request_id, asset_id, debit_account_id,"
                                + " credit_account_id, amount, reason_code, category, memo, source_type, source_ref,"
                                + " reverses_id, actor_user_id, organization_id, org_path, posted_at, hash)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, 'SERVICE', NULL, NULL, NULL, ?, NULL, ?, ?, ?,"
                                + " UNHEX(REPEAT('00', 32)))")) {
                    for (int i = 0; i < chunk; i++) {
                        long id = firstId + 2L * i;
                        int c = random.nextInt(communities.size());
                        long member = members[random.nextInt(members.length)];
                        boolean deposit = random.nextInt(10) < 7;
                        long debit = deposit ? issuance[c] : member;
                        long credit = deposit ? member : redemption[c];
                        long amount = 30 + random.nextInt(150);
                        Instant at = start.plusSeconds(random.nextLong(seconds / 2));
                        add(
                                s,
                                id,
                                debit,
                                credit,
                                amount,
                                deposit ? "SERVICE_DEPOSIT" : "REDEMPTION",
                                null,
                                communities.get(c),
                                at);
                        if (random.nextInt(100) == 0) {
                            add(
                                    s,
                                    id + 1,
                                    credit,
                                    debit,
                                    amount,
                                    "REVERSAL",
                                    id,
                                    communities.get(c),
                                    at.plusSeconds(random.nextLong(seconds / 2)));
                        }
                    }
                    s.executeBatch();
                }
                return null;
            });
            written += chunk;
        }
    }

    private static void add(
            PreparedStatement s,
            long id,
            long debit,
            long credit,
            long amount,
            String reason,
            Long reverses,
            Organization org,
            Instant at)
            throws java.sql.SQLException {
        s.setLong(1, id);
        s.setLong(2, id);
        s.setLong(3, Asset.TIME_ID);
        s.setLong(4, debit);
        s.setLong(5, credit);
        s.setLong(6, amount);
        s.setString(7, reason);
        if (reverses == null) {
            s.setNull(8, java.sql.Types.BIGINT);
        } else {
            s.setLong(8, reverses);
        }
        s.setLong(9, org.id());
        s.setString(10, org.path());
        s.setTimestamp(11, Timestamp.from(at));
        s.addBatch();
    }

    /** Moves {@code count} members to the next community at {@code at}, as 组织关系转接 records them. */
    private static void moves(
            TransactionOperations<Connection> tx,
            List<Organization> communities,
            int count,
            Instant at,
            Random random) {
        tx.executeWrite(status -> {
            Connection c = status.getConnection();
            List<long[]> moved = new ArrayList<>();
            try (PreparedStatement s =
                    c.prepareStatement("SELECT id, organization_id FROM member ORDER BY id LIMIT ?")) {
                s.setInt(1, count);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        moved.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO member_transfer (id, member_id,"
                            + " from_org_id, to_org_id, reason, actor_user_id, transferred_at)"
                            + " VALUES (?, ?, ?, ?, '搬家', 0, ?)");
                    PreparedStatement update =
                            c.prepareStatement("UPDATE member SET organization_id = ?, org_path = ? WHERE id = ?")) {
                long id = 1L << 49;
                for (long[] m : moved) {
                    int from = indexOf(communities, m[1]);
                    Organization to =
                            communities.get((from + 1 + random.nextInt(communities.size() - 1)) % communities.size());
                    insert.setLong(1, id++);
                    insert.setLong(2, m[0]);
                    insert.setLong(3, m[1]);
                    insert.setLong(4, to.id());
                    insert.setTimestamp(5, Timestamp.from(at));
                    insert.addBatch();
                    update.setLong(1, to.id());
                    update.setString(2, to.path());
                    update.setLong(3, m[0]);
                    update.addBatch();
                }
                insert.executeBatch();
                update.executeBatch();
            }
            return null;
        });
    }

    private static int indexOf(List<Organization> communities, long id) {
        for (int i = 0; i < communities.size(); i++) {
            if (communities.get(i).id() == id) {
                return i;
            }
        }
        throw new IllegalStateException("member outside the communities: organization " + id);
    }

    private static void firstVersion(TransactionOperations<Connection> tx, String path, Instant from, Instant to) {
        tx.executeRead(status -> {
            for (String[] sides : List.of(
                    new String[] {"debit", "ISSUANCE", "credit"}, new String[] {"credit", "REDEMPTION", "debit"})) {
                try (PreparedStatement s = status.getConnection()
                        .prepareStatement(String.format(FIRST_VERSION, sides[0], sides[1], sides[2]))) {
                    s.setLong(1, Asset.TIME_ID);
                    s.setTimestamp(2, Timestamp.from(from));
                    s.setTimestamp(3, Timestamp.from(to));
                    s.setString(4, path + "%");
                    s.setString(5, path + "%");
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            rs.getLong(5);
                        }
                    }
                }
            }
            return null;
        });
    }
}
