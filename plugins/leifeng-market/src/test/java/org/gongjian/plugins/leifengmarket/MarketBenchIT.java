package org.gongjian.plugins.leifengmarket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.gongjian.access.Role;
import org.gongjian.ledger.Account;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.OwnerType;
import org.gongjian.ledger.Posting;
import org.gongjian.ledger.TransferSpec;
import org.gongjian.organizations.Organization;
import org.gongjian.testkit.PluginTestHost;
import org.gongjian.testkit.PluginTestHost.Person;
import org.junit.jupiter.api.Test;

/**
 * The two market benchmarks, in the suite (short runs; the figures go to
 * docs/BENCHMARKS.md): counter redemptions per second with 8 clients over HTTP against the host
 * ledger's own posting rate with 8 threads in the same run, and the monthly statement over 100,000
 * movements. Stock for the benchmark is loaded with SQL (a bulk load, not the API); everything
 * measured goes through the market's real paths.
 */
class MarketBenchIT {

    private static final int THREADS = 8;
    private static final int SECONDS = 8;
    private static final int MEMBERS = 400;
    private static final int MOVEMENTS = 100_000;

    @Test
    void counter_redemptions_against_ledger_postings_and_the_statement_over_100k_movements() throws Exception {
        try (PluginTestHost host = PluginTestHost.start()) {
            host.install(PluginTestHost.builtJar());
            Organization community = host.community("基准社区");
            Asset vol = host.pointKind(community, "VOL", "志愿积分");
            Person secretary = host.person(Role.ORG_ADMIN, community);
            Person staff = host.person(Role.ORG_STAFF, community);
            List<Long> members = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                long member = host.member(community, "基准居民" + i);
                host.award(vol, community, member, 1_000_000);
                members.add(member);
            }
            String base = "/api/plugins/leifeng-market/x/";
            long market = id(
                    host,
                    host.post(
                            secretary,
                            base + "orgs/" + community.id() + "/markets",
                            "{\"name\":\"基准超市\",\"assetCode\":\"VOL\"}"));
            List<Long> items = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                items.add(id(
                        host,
                        host.post(
                                secretary,
                                base + "markets/" + market + "/items",
                                "{\"name\":\"物品" + i + "\",\"category\":\"日用品\",\"unit\":\"件\",\"price\":1}")));
            }
            bulkStock(host.database(), items, MOVEMENTS / items.size());

            // Baseline: the host ledger's postings, 8 threads, one transfer each, own idempotency key.
            Ledger ledger = host.context().getBean(Ledger.class);
            Account issuance = ledger.open(vol.id(), OwnerType.ISSUANCE, community.id(), community.path());
            List<Account> accounts = new ArrayList<>();
            for (long member : members) {
                accounts.add(ledger.open(vol.id(), OwnerType.MEMBER, member, ""));
            }
            double postings = perSecond(
                    THREADS,
                    SECONDS,
                    (random, n) -> ledger.post(new Posting(
                            0,
                            "bench-" + UUID.randomUUID(),
                            community.id(),
                            null,
                            List.of(TransferSpec.of(
                                    issuance.id(),
                                    accounts.get(random.nextInt(accounts.size()))
                                            .id(),
                                    10,
                                    "BENCH",
                                    "BENCH")))));

            // The same postings through the ledger's own API (POST /api/ledger/transfers), 8 clients: what
            // any posting over HTTP costs here, the path a counter redemption also takes.
            double apiPostings = perSecond(THREADS, SECONDS, (random, n) -> {
                var answer = host.post(
                        secretary,
                        "/api/ledger/transfers",
                        "{\"organizationId\":" + community.id() + ",\"transfers\":[{\"debitAccountId\":" + issuance.id()
                                + ",\"creditAccountId\":"
                                + accounts.get(random.nextInt(accounts.size())).id()
                                + ",\"amount\":10,\"reasonCode\":\"SERVICE_DEPOSIT\",\"category\":\"VOLUNTEER\"}]}",
                        Map.of("Idempotency-Key", "bench-api-" + UUID.randomUUID()));
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            });

            // The market: counter redemptions over HTTP, random member and item; 1 client, then 8.
            AtomicLong refused = new AtomicLong();
            Work redeem = (random, n) -> {
                var answer = host.post(
                        staff,
                        base + "markets/" + market + "/redemptions",
                        "{\"memberId\":" + members.get(random.nextInt(members.size())) + ",\"lines\":[{\"itemId\":"
                                + items.get(random.nextInt(items.size())) + ",\"quantity\":1}]}",
                        Map.of("Idempotency-Key", "bench-" + UUID.randomUUID()));
                if (answer.statusCode() != 201) {
                    refused.incrementAndGet();
                }
            };
            double alone = perSecond(1, SECONDS, redeem);
            double redemptions = perSecond(THREADS, SECONDS, redeem);

            // What HTTP alone costs on this machine: the health check, and the market's goods list (the
            // caller's grants, the plugin's enablement, the market and one query), 8 clients each.
            double health = perSecond(THREADS, SECONDS / 2, (random, n) -> assertThat(
                            host.get(staff, "/api/health").statusCode())
                    .isEqualTo(200));
            double listing = perSecond(THREADS, SECONDS / 2, (random, n) -> assertThat(
                            host.get(staff, base + "markets/" + market + "/items")
                                    .statusCode())
                    .isEqualTo(200));

            // The statement over the movements of the month.
            List<Long> statementMs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                var statement = host.get(staff, base + "markets/" + market + "/statement");
                statementMs.add((System.nanoTime() - start) / 1_000_000);
                assertThat(host.json(statement.body())).containsEntry("balanced", true);
            }
            Collections.sort(statementMs);

            String report = String.format(
                    Locale.ROOT,
                    "market bench: counter redemptions %.0f/s with 1 client, %.0f/s with %d clients over HTTP (%d refused);"
                            + " host ledger"
                            + " postings %.0f/s with %d threads in-process: %.2fx; through POST /api/ledger/transfers"
                            + " %.0f/s with %d clients: %.2fx%nover HTTP with %d clients:"
                            + " GET /api/health %.0f/s, the goods list %.0f/s%nstatement over %,d movements: median"
                            + " %d ms (min %d, max %d)",
                    alone,
                    redemptions,
                    THREADS,
                    refused.get(),
                    postings,
                    THREADS,
                    redemptions / postings,
                    apiPostings,
                    THREADS,
                    redemptions / apiPostings,
                    THREADS,
                    health,
                    listing,
                    MOVEMENTS,
                    statementMs.get(2),
                    statementMs.getFirst(),
                    statementMs.getLast());
            System.out.println(report);
            Files.writeString(Path.of("target/market-bench.txt"), report + "\n");
            assertThat(refused.get())
                    .as("no redemption refused: stock and points are ample")
                    .isZero();
            assertThat(host.reconcile().ok()).isTrue();
        }
    }

    /** Stock for the benchmark: {@code perItem} IN movements of 10 per item this month, with on_hand to match. */
    private static void bulkStock(DataSource data, List<Long> items, int perItem) throws Exception {
        Random ids = new Random(1);
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = data.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO gjp_leifeng_market.leifeng_market_movement"
                    + " (id, item_id, kind, quantity, at, by_user) VALUES (?, ?, 'IN', 10, ?, 0)")) {
                for (long item : items) {
                    for (int i = 0; i < perItem; i++) {
                        s.setLong(1, Math.abs(ids.nextLong()));
                        s.setLong(2, item);
                        s.setTimestamp(3, now);
                        s.addBatch();
                        if (i % 1000 == 999) {
                            s.executeBatch();
                        }
                    }
                    s.executeBatch();
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE gjp_leifeng_market.leifeng_market_item SET on_hand = on_hand + ? WHERE id = ?")) {
                for (long item : items) {
                    s.setLong(1, 10L * perItem);
                    s.setLong(2, item);
                    s.executeUpdate();
                }
            }
            c.commit();
        }
    }

    interface Work {
        void run(Random random, long n) throws Exception;
    }

    /** Runs {@code work} on {@code threads} threads for {@code seconds}; answers the completed calls per second. */
    private static double perSecond(int threads, int seconds, Work work) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> running = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Random random = new Random(t);
            running.add(Thread.ofPlatform().start(() -> {
                try {
                    for (long n = 0; System.nanoTime() < end; n++) {
                        work.run(random, n);
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : running) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static long id(PluginTestHost host, java.net.http.HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return ((Number) host.json(answer.body()).get("id")).longValue();
    }
}
