package org.gongjian.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.ids.IdGenerator;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.OwnerType;
import org.gongjian.ledger.Posting;
import org.gongjian.ledger.PostingResult;
import org.gongjian.ledger.Reconciliation;
import org.gongjian.ledger.ReconciliationResult;
import org.gongjian.ledger.TransferSpec;
import org.gongjian.members.MemberBulkWriter;
import org.gongjian.members.MemberInput;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.personaldata.IdNumbers;
import org.gongjian.personaldata.SecretKeys;
import org.gongjian.security.Accounts;
import org.gongjian.security.SignedInUser;
import org.gongjian.security.UserAdmin;

/**
 * The ledger's throughput, each figure against a baseline in the same run:
 *
 * <ol>
 *   <li>postings per second through {@link Ledger#post} (one transfer per request, each with its
 *       own idempotency key) with 1 and 8 client threads, 8 threads on their own pairs of member
 *       accounts and 8 threads all crediting one account from one issuance account (hot spot),
 *       against {@link RawLedger} (the same statements by hand on the same pool), interleaved in
 *       rounds, with the statements each posting sent (the server's {@code Com_*} counters);
 *   <li>a monthly award to N members (default 100,000) in requests of C transfers (default 5,000)
 *       from one organization's issuance account, keys {@code award:2026-11:<chunk>}, then the
 *       same award again (all replays), chunk by chunk against the raw baseline on its own
 *       accounts;
 *   <li>{@code GET /api/me/points} over HTTP with 8 and 16 client threads for S seconds (default
 *       20) as 1,000 members signed in with their own tokens, against {@code GET /api/health}
 *       under the same load.
 * </ol>
 *
 * Ends with a reconciliation of everything written (the baseline's rows included: it computes the
 * same HMACs), which must answer ok.
 *
 * <p>Usage: {@code bench/run LedgerBench [awardMembers] [loadSeconds] [postingSeconds] [parts]}
 * (parts: a comma-separated subset of {@code postings,award,points}, all by default). Throwaway
 * home under {@code bench/target/bench-homes/}, deleted at the end.
 */
public final class LedgerBench {

    static final int ROUNDS = 6;
    static final int PAIRS = 8;
    static final String PASSWORD = "bench-password-1";
    static final List<String> COUNTERS = List.of(
            "Questions", "Com_select", "Com_insert", "Com_update", "Com_commit", "Com_rollback", "Com_set_option");

    private final ApplicationContext context;
    private final Ledger ledger;
    private final RawLedger raw;
    private final DataSource pool;
    private final IdGenerator ids;
    private final StringBuilder report = new StringBuilder();

    /** Prints a part of the report as soon as it is known and keeps it for the summary at the end. */
    private void say(String text) {
        System.out.print(text);
        System.out.flush();
        report.append(text);
    }

    private LedgerBench(ApplicationContext context) {
        this.context = context;
        this.ledger = context.getBean(Ledger.class);
        this.pool = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
        this.ids = context.getBean(IdGenerator.class);
        this.raw = new RawLedger(pool, ids, context.getBean(SecretKeys.class).ledger());
    }

    public static void main(String[] args) throws Exception {
        int awardMembers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int loadSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int postingSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String parts = args.length > 3 ? args[3] : "postings,award,points";
        try (ApplicationContext context = BenchContext.start("ledger")) {
            LedgerBench bench = new LedgerBench(context);
            bench.calibrate();
            bench.say(String.format(
                    "%nLedgerBench %s, %d cores, load average at start %.1f%n",
                    Instant.now(),
                    Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage()));
            if (parts.contains("postings")) {
                bench.postings(postingSeconds);
            }
            if (parts.contains("award")) {
                bench.award(awardMembers, 5_000);
            }
            if (parts.contains("points")) {
                bench.points(1_000, loadSeconds);
            }
            long started = System.nanoTime();
            ReconciliationResult check = context.getBean(Reconciliation.class).run("bench");
            bench.say(String.format(
                    "%nReconciliation of everything above (engine and baseline rows): ok=%s, %,d transfers,"
                            + " %,d entries, %,d accounts in %.1f s; load average at end %.1f%n",
                    check.ok(),
                    check.transfers(),
                    check.entries(),
                    check.accounts(),
                    (System.nanoTime() - started) / 1e9,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage()));
            System.out.println("\n==== summary ====" + bench.report);
            if (!check.ok()) {
                throw new IllegalStateException("reconciliation failed: " + check.problems());
            }
        }
    }

    // ---------------------------------------------------------------- 1. postings per second

    private interface Poster {
        void post(String key, long debit, long credit) throws Exception;
    }

    private void postings(int seconds) throws Exception {
        Organization street = context.getBean(Organizations.class)
                .createRoot(OrganizationKind.PARTY_COMMITTEE, "账本基准街道" + System.nanoTime() % 1000);
        long asset = pointKind(street);
        long issuance = ledger.open(asset, OwnerType.ISSUANCE, street.id(), street.path())
                .id();
        long[] from = new long[PAIRS];
        long[] to = new long[PAIRS];
        List<TransferSpec> funding = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            from[i] = ledger.open(asset, OwnerType.MEMBER, ids.next(), "").id();
            to[i] = ledger.open(asset, OwnerType.MEMBER, ids.next(), "").id();
            funding.add(TransferSpec.of(issuance, from[i], 1_000_000_000L, "BENCH_FUNDING", "BENCH"));
        }
        long hot = ledger.open(asset, OwnerType.MEMBER, ids.next(), "").id();
        ledger.post(new Posting(0, "bench-funding", street.id(), null, funding));

        long org = street.id();
        Poster engine = (key, debit, credit) -> {
            PostingResult r = ledger.post(new Posting(
                    0,
                    key,
                    org,
                    null,
                    List.of(new TransferSpec(debit, credit, 7, "BENCH_GIFT", "BENCH", "基准转账", null, null, null))));
            if (!r.ok() || r.replayed()) {
                throw new IllegalStateException(key + ": " + r.result());
            }
        };
        Poster baseline = (key, debit, credit) -> {
            RawLedger.Result r =
                    raw.post(key, org, List.of(new RawLedger.Spec(debit, credit, 7, "BENCH_GIFT", "BENCH", "基准转账")));
            if (r.replayed() || r.transfers() != 1) {
                throw new IllegalStateException(key + ": not posted");
            }
        };
        // Warm up both (JIT, pool, buffer pool), then measure in rounds, alternating which goes first.
        run("warm-up", engine, 2, seconds, i -> from[i], i -> to[i]);
        run("warm-up", baseline, 2, seconds, i -> from[i], i -> to[i]);
        say(String.format(
                "%nPostings (one transfer per request, own key each): %d rounds of %d s engine + %d s raw, alternating"
                        + " which goes first; rates over all rounds%n",
                ROUNDS, seconds, seconds));
        say(String.format(
                "%-44s %10s %10s %7s   %-12s %s%n",
                "scenario", "engine/s", "raw/s", "ratio", "per round", "statements per posting (server counters)"));
        record Scenario(String name, int threads, Account debit, Account credit) {}
        List<Scenario> scenarios = List.of(
                new Scenario("1 thread, own pair", 1, i -> from[i], i -> to[i]),
                new Scenario("8 threads, own pair each", 8, i -> from[i], i -> to[i]),
                new Scenario("8 threads, hot spot (issuance -> one member)", 8, i -> issuance, i -> hot));
        for (Scenario s : scenarios) {
            long[] postings = new long[2];
            double[] elapsed = new double[2];
            double[] ratios = new double[ROUNDS];
            Map<String, Long> engineCounters = zero();
            Map<String, Long> rawCounters = zero();
            for (int round = 0; round < ROUNDS; round++) {
                Segment e = null;
                Segment b = null;
                for (int side = 0; side < 2; side++) {
                    if ((side == 0) == (round % 2 == 0)) {
                        e = run(s.name, engine, s.threads, seconds, s.debit, s.credit);
                    } else {
                        b = run(s.name, baseline, s.threads, seconds, s.debit, s.credit);
                    }
                }
                postings[0] += e.postings();
                postings[1] += b.postings();
                elapsed[0] += e.seconds();
                elapsed[1] += b.seconds();
                e.counters().forEach((k, v) -> engineCounters.merge(k, v, Long::sum));
                b.counters().forEach((k, v) -> rawCounters.merge(k, v, Long::sum));
                ratios[round] = e.rate() / b.rate();
            }
            Arrays.sort(ratios);
            Segment e = new Segment(postings[0], elapsed[0], engineCounters);
            Segment b = new Segment(postings[1], elapsed[1], rawCounters);
            say(String.format(
                    "%-44s %10.0f %10.0f %6.2fx   %.2f–%.2fx   engine %s | raw %s%n",
                    s.name,
                    e.rate(),
                    b.rate(),
                    e.rate() / b.rate(),
                    ratios[0],
                    ratios[ROUNDS - 1],
                    e.perPosting(),
                    b.perPosting()));
        }
    }

    private interface Account {
        long of(int thread);
    }

    private record Segment(long postings, double seconds, Map<String, Long> counters) {
        double rate() {
            return postings / seconds;
        }

        String perPosting() {
            StringBuilder s = new StringBuilder();
            counters.forEach((name, value) -> {
                if (value > 0) {
                    s.append(name.replace("Com_", "").replace("Questions", "all"))
                            .append('=')
                            .append(String.format("%.1f", value / (double) postings))
                            .append(' ');
                }
            });
            return s.toString().trim();
        }
    }

    private static final AtomicLong KEYS = new AtomicLong();

    private Segment run(String name, Poster poster, int threads, int seconds, Account debit, Account credit)
            throws Exception {
        Map<String, Long> before = counters();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        poster.post(
                                "bench:" + thread + ":" + KEYS.incrementAndGet(), debit.of(thread), credit.of(thread));
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        Map<String, Long> after = counters();
        Map<String, Long> delta = new LinkedHashMap<>();
        for (String c : COUNTERS) {
            delta.put(c, after.get(c) - before.get(c) - reading.get(c));
        }
        return new Segment(done.get(), elapsed, delta);
    }

    /** What reading the counters itself adds to them, measured once: subtracted from every delta. */
    private Map<String, Long> reading;

    private void calibrate() throws SQLException {
        Map<String, Long> first = counters();
        Map<String, Long> second = counters();
        reading = new LinkedHashMap<>();
        for (String c : COUNTERS) {
            reading.put(c, second.get(c) - first.get(c));
        }
    }

    /** The server's statement counters (global: the benchmark is the only client). */
    private Map<String, Long> counters() throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Connection c = pool.getConnection();
                PreparedStatement s = c.prepareStatement("SHOW GLOBAL STATUS WHERE Variable_name IN ("
                        + String.join(
                                ", ", COUNTERS.stream().map(n -> "'" + n + "'").toList()) + ")");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        return values;
    }

    // ---------------------------------------------------------------- 2. the monthly award

    private void award(int members, int chunk) throws Exception {
        Organizations organizations = context.getBean(Organizations.class);
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "月度积分街道");
        Organization engineOrg = organizations.createChild(street, OrganizationKind.COMMUNITY, "引擎社区");
        Organization rawOrg = organizations.createChild(street, OrganizationKind.COMMUNITY, "基线社区");
        long asset = pointKind(street);
        long engineIssuance = ledger.open(asset, OwnerType.ISSUANCE, engineOrg.id(), engineOrg.path())
                .id();
        long rawIssuance = ledger.open(asset, OwnerType.ISSUANCE, rawOrg.id(), rawOrg.path())
                .id();
        long started = System.nanoTime();
        long[] engineAccounts = memberAccounts(asset, members);
        long[] rawAccounts = memberAccounts(asset, members);
        say(String.format(
                "%nMonthly award: %,d member accounts per side opened by SQL in %.1f s; requests of %,d transfers"
                        + " of 50 points from the organization's ISSUANCE account%n",
                members, (System.nanoTime() - started) / 1e9, chunk));
        int chunks = (members + chunk - 1) / chunk;
        for (String pass : List.of("award", "re-run (all replays)")) {
            long engineNanos = 0;
            long rawNanos = 0;
            Map<String, Long> engineCounters = zero();
            Map<String, Long> rawCounters = zero();
            int engineTransfers = 0;
            int rawTransfers = 0;
            for (int c = 0; c < chunks; c++) {
                int from = c * chunk;
                int to = Math.min(members, from + chunk);
                List<TransferSpec> specs = new ArrayList<>(to - from);
                List<RawLedger.Spec> rawSpecs = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    specs.add(new TransferSpec(
                            engineIssuance,
                            engineAccounts[i],
                            500,
                            "MONTHLY_AWARD",
                            "VOLUNTEER",
                            "2026年11月志愿服务积分",
                            null,
                            null,
                            null));
                    rawSpecs.add(new RawLedger.Spec(
                            rawIssuance, rawAccounts[i], 500, "MONTHLY_AWARD", "VOLUNTEER", "2026年11月志愿服务积分"));
                }
                Posting posting = new Posting(0, "award:2026-11:" + c, engineOrg.id(), null, specs);
                for (int side = 0; side < 2; side++) {
                    boolean engineNow = (side == 0) == (c % 2 == 0);
                    Map<String, Long> before = counters();
                    long t0 = System.nanoTime();
                    if (engineNow) {
                        PostingResult r = ledger.post(posting);
                        engineNanos += System.nanoTime() - t0;
                        if (!r.ok() || r.replayed() != pass.startsWith("re-run")) {
                            throw new IllegalStateException("award chunk " + c + ": " + r.result());
                        }
                        engineTransfers += r.transfers().size();
                        add(engineCounters, before, counters());
                    } else {
                        RawLedger.Result r = raw.post("award-raw:2026-11:" + c, rawOrg.id(), rawSpecs);
                        rawNanos += System.nanoTime() - t0;
                        if (r.replayed() != pass.startsWith("re-run")) {
                            throw new IllegalStateException("raw award chunk " + c);
                        }
                        rawTransfers += r.transfers();
                        add(rawCounters, before, counters());
                    }
                }
            }
            say(String.format(
                    "  %-22s engine %6.2f s (%,8.0f transfers/s) | raw %6.2f s (%,8.0f transfers/s) | ratio %.2fx"
                            + " | statements per request: engine %s | raw %s%n",
                    pass,
                    engineNanos / 1e9,
                    engineTransfers / (engineNanos / 1e9),
                    rawNanos / 1e9,
                    rawTransfers / (rawNanos / 1e9),
                    rawNanos / (double) engineNanos,
                    new Segment(chunks, 1, engineCounters).perPosting(),
                    new Segment(chunks, 1, rawCounters).perPosting()));
            if (engineTransfers != members || rawTransfers != members) {
                throw new IllegalStateException("award moved " + engineTransfers + " / " + rawTransfers);
            }
        }
        long[] balance = new long[2];
        try (Connection c = pool.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT balance, entries FROM ledger_account WHERE id IN (?, ?)")) {
            s.setLong(1, engineIssuance);
            s.setLong(2, rawIssuance);
            try (ResultSet rs = s.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    balance[i] = rs.getLong(1);
                    if (rs.getLong(2) != members) {
                        throw new IllegalStateException("issuance account has " + rs.getLong(2) + " entries");
                    }
                }
            }
        }
        if (balance[0] != -500L * members || balance[1] != -500L * members) {
            throw new IllegalStateException("issuance balances " + Arrays.toString(balance));
        }
    }

    private static Map<String, Long> zero() {
        Map<String, Long> m = new LinkedHashMap<>();
        COUNTERS.forEach(c -> m.put(c, 0L));
        return m;
    }

    private void add(Map<String, Long> sum, Map<String, Long> before, Map<String, Long> after) {
        for (String c : COUNTERS) {
            sum.merge(c, after.get(c) - before.get(c) - reading.get(c), Long::sum);
        }
    }

    /** Opens {@code count} member accounts for members that exist only as ids (the award reads no member). */
    private long[] memberAccounts(long asset, int count) throws SQLException {
        long[] accounts = new long[count];
        try (Connection c = pool.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO ledger_account (id, asset_id, owner_type,"
                        + " owner_id, org_path, balance, debits, credits, entries, head_hash, created_at)"
                        + " VALUES (?, ?, 'MEMBER', ?, '', 0, 0, 0, 0, ?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            for (int i = 0; i < count; i++) {
                accounts[i] = ids.next();
                s.setLong(1, accounts[i]);
                s.setLong(2, asset);
                s.setLong(3, ids.next());
                s.setBytes(4, new byte[32]);
                s.setTimestamp(5, now);
                s.addBatch();
                if (i % 10_000 == 9_999 || i == count - 1) {
                    s.executeBatch();
                }
            }
        }
        return accounts;
    }

    // ---------------------------------------------------------------- 3. GET /api/me/points

    private void points(int users, int seconds) throws Exception {
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        if (!server.isRunning()) {
            server.start();
        }
        String base = "http://127.0.0.1:" + server.getPort();
        Organizations organizations = context.getBean(Organizations.class);
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "积分查询街道");
        Organization community = organizations.createChild(street, OrganizationKind.COMMUNITY, "积分查询社区");
        long asset = pointKind(street);
        long started = System.nanoTime();
        List<MemberInput> inputs = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String first17 = "110105" + (19500101 + i % 28 + (i / 28) % 12 * 100 + i / 336 * 10_000)
                    + String.format("%03d", i % 1000);
            inputs.add(MemberInput.builder()
                    .organizationId(community.id())
                    .name("居民" + (char) ('甲' + i % 10))
                    .idNumber(first17 + IdNumbers.checkCharacter(first17))
                    .status("ACTIVE")
                    .build());
        }
        MemberBulkWriter writer = context.getBean(MemberBulkWriter.class);
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
        tx.executeWrite(status -> writer.write(Caller.system(), inputs));
        List<Long> memberIds = new ArrayList<>();
        try (Connection c = pool.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT id FROM member WHERE organization_id = ? ORDER BY id")) {
            s.setLong(1, community.id());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    memberIds.add(rs.getLong(1));
                }
            }
        }
        double membersSeconds = (System.nanoTime() - started) / 1e9;

        // One user through the users service (Argon2id hash, audit rows), the others as copies of its
        // row by SQL (same password hash): 1,000 Argon2id hashes take ≈ 100 s on the loaded machine.
        started = System.nanoTime();
        UserAdmin userAdmin = context.getBean(UserAdmin.class);
        long prefix = System.nanoTime() % 100_000;
        String[] usernames = new String[users];
        long[] userIds = new long[users];
        usernames[0] = "bench-" + prefix + "-0";
        userIds[0] = userAdmin
                .createUser(Caller.system(), usernames[0], PASSWORD, memberIds.get(0), false)
                .user()
                .id();
        userAdmin.grant(Caller.system(), userIds[0], Role.VOLUNTEER, community.id());
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement s =
                    c.prepareStatement("CREATE TEMPORARY TABLE bench_user AS SELECT * FROM app_user WHERE id = ?")) {
                s.setLong(1, userIds[0]);
                s.execute();
            }
            try (PreparedStatement change =
                            c.prepareStatement("UPDATE bench_user SET id = ?, username = ?, member_id = ?");
                    PreparedStatement copy = c.prepareStatement("INSERT INTO app_user SELECT * FROM bench_user");
                    PreparedStatement grant = c.prepareStatement("INSERT INTO role_grant (id, user_id, role,"
                            + " organization_id, created_at) VALUES (?, ?, 'VOLUNTEER', ?, ?)")) {
                Timestamp now = Timestamp.from(Instant.now());
                for (int i = 1; i < users; i++) {
                    usernames[i] = "bench-" + prefix + "-" + i;
                    userIds[i] = ids.next();
                    change.setLong(1, userIds[i]);
                    change.setString(2, usernames[i]);
                    change.setLong(3, memberIds.get(i));
                    change.executeUpdate();
                    copy.executeUpdate();
                    grant.setLong(1, ids.next());
                    grant.setLong(2, userIds[i]);
                    grant.setLong(3, community.id());
                    grant.setTimestamp(4, now);
                    grant.addBatch();
                }
                grant.executeBatch();
            }
        }
        double usersSeconds = (System.nanoTime() - started) / 1e9;

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        JsonMapper json = context.getBean(JsonMapper.class);
        // Two real sign-ins through the API (the first user and a SQL copy); the other tokens are
        // issued by Accounts.issueToken, which is what POST /api/auth/token does after the password
        // check (the Argon2id check is ≈ 0.1 s of CPU each on the loaded machine).
        started = System.nanoTime();
        String[] tokens = new String[users];
        for (int i : new int[] {0, users - 1}) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/auth/token"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"username\":\"" + usernames[i] + "\",\"password\":\"" + PASSWORD + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("token: " + r.statusCode() + " " + r.body());
            }
            tokens[i] = (String) json.readValue(r.body(), Argument.mapOf(String.class, Object.class))
                    .get("accessToken");
        }
        double signInSeconds = (System.nanoTime() - started) / 2e9;
        started = System.nanoTime();
        Accounts accounts = context.getBean(Accounts.class);
        for (int i = 1; i < users - 1; i++) {
            tokens[i] = accounts.issueToken(new SignedInUser(userIds[i], usernames[i], Set.of(Role.VOLUNTEER), false))
                    .value();
        }
        double tokensSeconds = (System.nanoTime() - started) / 1e9;

        // Every member has points: one award request of `users` transfers.
        long issuance = ledger.open(asset, OwnerType.ISSUANCE, community.id(), community.path())
                .id();
        List<TransferSpec> award = new ArrayList<>();
        for (long member : memberIds) {
            long account = ledger.open(asset, OwnerType.MEMBER, member, "").id();
            award.add(TransferSpec.of(issuance, account, 120, "MONTHLY_AWARD", "VOLUNTEER"));
        }
        ledger.post(new Posting(0, "points-award", community.id(), null, award));

        say(String.format(
                "%nGET /api/me/points: %,d members (bulk writer %.1f s), users (UserAdmin.createUser + grant"
                        + " for one, SQL copies of its row for the others: %.1f s), 2 sign-ins through POST /api/auth/token"
                        + " (%.2f s each), %,d tokens by Accounts.issueToken (%.1f s); %d s per measurement after 3 s"
                        + " of warm-up%n",
                users, membersSeconds, usersSeconds, signInSeconds, users - 2, tokensSeconds, seconds));
        say(String.format(
                "%-34s %10s %8s %8s %8s %8s %7s%n",
                "endpoint, client threads", "req/s", "p50 ms", "p95", "p99", "max", "errors"));
        URI health = URI.create(base + "/api/health");
        URI points = URI.create(base + "/api/me/points");
        load(http, health, null, 8, 3, false);
        load(http, points, tokens, 8, 3, false);
        for (int threads : new int[] {8, 16}) {
            boolean pointsFirst = threads == 16;
            if (pointsFirst) {
                load(http, points, tokens, threads, seconds, true);
                load(http, health, null, threads, seconds, true);
            } else {
                load(http, health, null, threads, seconds, true);
                load(http, points, tokens, threads, seconds, true);
            }
        }
    }

    private void load(HttpClient http, URI uri, String[] tokens, int threads, int seconds, boolean record)
            throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> latencies = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long[] mine = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < deadline) {
                        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
                        if (tokens != null) {
                            request.header("Authorization", "Bearer " + tokens[next.getAndIncrement() % tokens.length]);
                        }
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - t0;
                        if (r.statusCode() != 200
                                || (tokens != null && !r.body().contains("\"balance\":120"))) {
                            if (errors.incrementAndGet() == 1) {
                                System.err.println(uri + " answered " + r.statusCode() + " " + r.body());
                            }
                        }
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = took;
                    }
                    return Arrays.copyOf(mine, n);
                }));
            }
            for (Future<long[]> f : futures) {
                latencies.add(f.get());
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        if (record) {
            say(String.format(
                    "%-34s %10.0f %8.1f %8.1f %8.1f %8.1f %7d%n",
                    uri.getPath() + ", " + threads,
                    all.length / elapsed,
                    percentile(all, 0.50),
                    percentile(all, 0.95),
                    percentile(all, 0.99),
                    all[all.length - 1] / 1e6,
                    errors.get()));
        }
    }

    private static double percentile(long[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** A point kind of the organization (points kept in tenths, never negative). */
    private long pointKind(Organization org) throws SQLException {
        long id = ids.next();
        try (Connection c = pool.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO ledger_asset (id, type, code, name,"
                        + " organization_id, org_path, unit_scale, negative_allowed, expiry_policy, created_at)"
                        + " VALUES (?, 'POINTS', ?, '志愿积分', ?, ?, 10, FALSE, 'NEVER', ?)")) {
            s.setLong(1, id);
            s.setString(2, "BENCH" + id % 1_000_000);
            s.setLong(3, org.id());
            s.setString(4, org.path());
            s.setTimestamp(5, Timestamp.from(Instant.now()));
            s.executeUpdate();
        }
        return id;
    }
}
