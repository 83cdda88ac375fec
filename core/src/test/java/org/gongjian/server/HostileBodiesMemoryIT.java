package org.gongjian.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.gongjian.access.Role;
import org.gongjian.security.Accounts;
import org.junit.jupiter.api.Test;

/**
 * The memory test of issue 9: {@value #ATTACKERS} concurrent anonymous clients each stream a
 * {@value #BODY_MB} MB body (chunked or with its length declared) at the sign-in and at an endpoint
 * that needs a token, while a signed-in user keeps reading {@code /api/me}. The server runs in this
 * JVM, so its heap and the bytes its request threads allocate are measured here: a server that
 * buffered the bodies would need the whole {@value #ATTACKERS} × {@value #BODY_MB} MB. Bounds leave
 * room for a loaded 2-core machine; the figures are printed for docs/BENCHMARKS.md.
 */
@MicronautTest(transactional = false)
class HostileBodiesMemoryIT {

    static final int ATTACKERS = 24;
    static final int BODY_MB = 40;
    private static final long ATTACK_BYTES = (long) ATTACKERS * BODY_MB << 20;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Inject
    Accounts accounts;

    @Test
    void concurrent_oversized_anonymous_bodies_leave_the_heap_bounded_and_other_users_fast() throws Exception {
        accounts.createUser("memory-user", "memory-user-password", false, Set.of(Role.ORG_STAFF));
        String token = token();
        List<Long> quiet = readMe(token, 20, () -> false);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean attacking = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (attacking.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                sleep(10);
            }
        });
        Map<Long, Long> allocatedBefore = serverThreadAllocations();

        ExecutorService pool = Executors.newFixedThreadPool(ATTACKERS);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(ATTACKERS);
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        List<Future<?>> attacks = new ArrayList<>();
        for (int i = 0; i < ATTACKERS; i++) {
            int kind = i % 3;
            attacks.add(pool.submit(() -> {
                start.await();
                String outcome;
                try {
                    RawHttp.Answer answer = attack(kind);
                    outcome = Integer.toString(answer.status());
                } catch (IOException reset) {
                    outcome = "reset";
                }
                outcomes.merge(outcome, 1, Integer::sum);
                finished.countDown();
                return null;
            }));
        }
        long attackStart = System.nanoTime();
        start.countDown();
        List<Long> loaded = readMe(token, 40, () -> finished.getCount() > 0);
        for (Future<?> attack : attacks) {
            attack.get(120, TimeUnit.SECONDS);
        }
        long attackMillis = (System.nanoTime() - attackStart) / 1_000_000;
        attacking.set(false);
        sampler.join();
        pool.shutdownNow();
        long allocated = allocatedSince(allocatedBefore);

        long growth = peak.get() - baseline;
        System.out.printf(
                "hostile bodies: %d x %d MB in %d ms, outcomes %s; heap baseline %d MB, peak growth %d MB; server"
                        + " threads allocated %d MB; GET /api/me p95 %d ms max %d ms under attack (quiet: p95 %d ms)%n",
                ATTACKERS,
                BODY_MB,
                attackMillis,
                outcomes,
                baseline >> 20,
                growth >> 20,
                allocated >> 20,
                percentile(loaded, 95),
                Collections.max(loaded),
                percentile(quiet, 95));

        assertThat(outcomes.keySet()).as(outcomes.toString()).isSubsetOf("401", "413", "reset");
        assertThat(outcomes.getOrDefault("413", 0)).as(outcomes.toString()).isGreaterThanOrEqualTo(ATTACKERS / 3);
        // The server allocates a few hundred kB per request; buffering would allocate the attack itself.
        assertThat(allocated).as("bytes allocated by the server's threads").isLessThan(ATTACK_BYTES / 8);
        assertThat(growth).as("heap growth").isLessThan(ATTACK_BYTES / 2);
        assertThat(percentile(loaded, 95))
                .as("p95 of a signed-in GET under attack, ms")
                .isLessThan(1_500);
        assertThat(Collections.max(loaded))
                .as("slowest signed-in GET under attack, ms")
                .isLessThan(5_000);
    }

    /** One hostile client: a chunked sign-in, a declared-length sign-in, or a chunked body without a token. */
    private RawHttp.Answer attack(int kind) throws IOException {
        long bytes = (long) BODY_MB << 20;
        String json = "Content-Type: application/json\r\n";
        // One huge JSON string: a server that parsed the body would hold all of it.
        String hugeString = "{\"username\":\"";
        return switch (kind) {
            case 0 ->
                RawHttp.stream(
                        server.getPort(),
                        "POST /api/auth/token HTTP/1.1\r\nHost: localhost\r\n" + json
                                + "Transfer-Encoding: chunked\r\n\r\n",
                        hugeString,
                        bytes,
                        true,
                        30_000);
            case 1 ->
                RawHttp.stream(
                        server.getPort(),
                        "POST /api/auth/token HTTP/1.1\r\nHost: localhost\r\n" + json + "Content-Length: " + bytes
                                + "\r\n\r\n",
                        hugeString,
                        bytes,
                        false,
                        30_000);
            default ->
                RawHttp.stream(
                        server.getPort(),
                        "POST /api/members HTTP/1.1\r\nHost: localhost\r\n" + json
                                + "Transfer-Encoding: chunked\r\n\r\n",
                        hugeString,
                        bytes,
                        true,
                        30_000);
        };
    }

    /** Reads /api/me at least {@code count} times, and on while {@code going}; the times in ms. */
    private List<Long> readMe(String token, int count, BooleanSupplier going) throws Exception {
        List<Long> times = new ArrayList<>();
        while (times.size() < count || (going.getAsBoolean() && times.size() < 100 * count)) {
            long started = System.nanoTime();
            HttpResponse<String> me = HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.getURI() + "/api/me"))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            times.add((System.nanoTime() - started) / 1_000_000);
            assertThat(me.statusCode()).isEqualTo(200);
            sleep(5);
        }
        return times;
    }

    private String token() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.getURI() + "/api/auth/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"memory-user\",\"password\":\"memory-user-password\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        String body = response.body();
        int at = body.indexOf("\"accessToken\":\"") + 15;
        return body.substring(at, body.indexOf('"', at));
    }

    /** Bytes allocated so far by each of the server's request threads ("http-…"), by thread id. */
    private static Map<Long, Long> serverThreadAllocations() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<Long, Long> allocated = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("http-")) {
                allocated.put(thread.threadId(), threads.getThreadAllocatedBytes(thread.threadId()));
            }
        }
        return allocated;
    }

    private static long allocatedSince(Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> now : serverThreadAllocations().entrySet()) {
            total += Math.max(0, now.getValue() - before.getOrDefault(now.getKey(), 0L));
        }
        return total;
    }

    private static long percentile(List<Long> values, int percent) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
