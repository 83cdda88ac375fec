package org.gongjian.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.home.GongjianHome;
import org.gongjian.plugin.api.Endpoint;
import org.gongjian.security.UserAdmin;
import org.gongjian.testing.Api;
import org.gongjian.testing.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100 upgrades of a signed plugin through {@code POST /api/plugins} while two clients call its
 * endpoint without pause: no request may fail, every answer comes from a version that was
 * installed, and the class loaders of the replaced versions are collected (heap measured after each
 * 10 upgrades). Baselines in the same run: the endpoint's latency before the upgrades start, and a
 * plain load and start of the same jar without storing or swapping. The figures are printed and go
 * to docs/BENCHMARKS.md.
 */
@MicronautTest(transactional = false)
@Property(name = "gongjian.plugins.development-mode", value = "false")
class PluginUpgradeCyclesIT {

    private static final String ID = "cycles";
    private static final int CYCLES = 100;
    private static final int CLIENTS = 2;

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    PluginHost host;

    @Inject
    PluginInstaller installer;

    @Inject
    GongjianHome home;

    @Inject
    UserAdmin users;

    @TempDir
    Path dir;

    @AfterEach
    void uninstall() throws Exception {
        if (host.find(ID).isPresent()) {
            installer.uninstall(Caller.system(), ID, false);
        }
        host.unload("cycles-baseline");
        Files.deleteIfExists(home.directory("trusted-publishers").resolve("cycles.pem"));
    }

    @Test
    void a_hundred_upgrades_under_load_fail_no_request_and_leak_no_class_loader() throws Exception {
        PluginSigner publisher = PluginSigner.create("cycles", dir);
        publisher.trustIn(home.directory("trusted-publishers"), "cycles.pem");
        Api api = new Api(server, json);
        String token = new TestUsers(users, api).token("cycles-platform", Role.PLATFORM_ADMIN, null, null);
        List<byte[]> jars = new ArrayList<>();
        jars.add(signed(publisher, "1.0.0"));
        for (int i = 1; i <= CYCLES; i++) {
            jars.add(signed(publisher, "2.0." + i));
        }

        long baselineStart = System.nanoTime();
        Path baselineJar = publisher.sign(
                LifecyclePluginJars.jar("cycles-baseline", "1.0.0").writeTo(dir.resolve("baseline-plain.jar")),
                dir.resolve("baseline.jar"));
        assertThat(host.load(baselineJar).state()).isEqualTo("STARTED");
        long baselineLoadMs = (System.nanoTime() - baselineStart) / 1_000_000;

        long installStart = System.nanoTime();
        var first = api.upload("/api/plugins", token, "file", "cycles.jar", jars.getFirst());
        long installMs = (System.nanoTime() - installStart) / 1_000_000;
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong served = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Long> quiet = Collections.synchronizedList(new ArrayList<>());
        List<Long> during = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean upgrading = new AtomicBoolean(false);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Thread client = Thread.ofPlatform().name("cycles-client-" + c).start(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    var answer = api.get("/api/plugins/" + ID + "/x/items", token);
                    long micros = (System.nanoTime() - start) / 1_000;
                    (upgrading.get() ? during : quiet).add(micros);
                    served.incrementAndGet();
                    if (answer.statusCode() != 200 || !answer.body().contains("\"version\":\"")) {
                        failures.add(answer.statusCode() + " " + answer.body());
                    }
                }
            });
            clients.add(client);
        }
        Thread.sleep(3_000); // the quiet baseline
        upgrading.set(true);

        List<WeakReference<ClassLoader>> replaced = new ArrayList<>();
        List<Long> upgradeMs = new ArrayList<>();
        List<String> heap = new ArrayList<>();
        for (int i = 1; i <= CYCLES; i++) {
            replaced.add(new WeakReference<>(loaderOfRunningVersion()));
            long start = System.nanoTime();
            var upgraded = api.upload("/api/plugins", token, "file", "cycles.jar", jars.get(i));
            upgradeMs.add((System.nanoTime() - start) / 1_000_000);
            assertThat(upgraded.statusCode())
                    .as("upgrade %d: %s", i, upgraded.body())
                    .isEqualTo(201);
            if (i % 10 == 0) {
                heap.add(i + ": " + usedHeapMb() + " MB, " + alive(replaced) + " old loaders alive");
            }
        }
        upgrading.set(false);
        running.set(false);
        for (Thread client : clients) {
            client.join();
        }
        int alive = alive(replaced);

        String report = String.join(
                "\n",
                "plugin upgrade cycles: " + CYCLES + " upgrades under " + CLIENTS + " clients",
                "first install (upload, checks, migrations, start, stored): " + installMs + " ms; baseline plain"
                        + " load and start of the same jar: " + baselineLoadMs + " ms",
                "upgrade (upload to 201): median " + percentile(upgradeMs, 50) + " ms, p95 " + percentile(upgradeMs, 95)
                        + " ms, max " + percentile(upgradeMs, 100) + " ms",
                "requests: " + served.get() + " served, " + failures.size() + " failed",
                "endpoint latency p50/p95/max: quiet " + ms(quiet, 50) + "/" + ms(quiet, 95) + "/" + ms(quiet, 100)
                        + " ms; during upgrades " + ms(during, 50) + "/" + ms(during, 95) + "/" + ms(during, 100)
                        + " ms",
                "heap after each 10 upgrades: " + String.join("; ", heap),
                "old class loaders still reachable after " + CYCLES + " upgrades: " + alive);
        System.out.println(report);
        Files.writeString(Path.of("target/plugin-upgrade-cycles.txt"), report + "\n");

        assertThat(failures).as("requests that failed during the upgrades").isEmpty();
        assertThat(served.get()).isGreaterThan(CYCLES);
        assertThat(host.find(ID).orElseThrow().version()).isEqualTo("2.0." + CYCLES);
        assertThat(alive).as("class loaders of replaced versions not collected").isLessThanOrEqualTo(1);
    }

    private ClassLoader loaderOfRunningVersion() {
        return host.extensions(Endpoint.class, ID).getFirst().getClass().getClassLoader();
    }

    private byte[] signed(PluginSigner publisher, String version) throws Exception {
        Path plain = LifecyclePluginJars.write(ID, version, dir);
        return Files.readAllBytes(publisher.sign(plain, dir.resolve(ID + "-" + version + ".jar")));
    }

    /** Collects garbage until the replaced loaders are gone (or 10 tries), and counts those left. */
    private static int alive(List<WeakReference<ClassLoader>> loaders) throws InterruptedException {
        int alive = 0;
        for (int attempt = 0; attempt < 10; attempt++) {
            System.gc();
            Thread.sleep(50);
            alive = (int) loaders.stream().filter(l -> l.get() != null).count();
            if (alive == 0) {
                break;
            }
        }
        return alive;
    }

    private static long usedHeapMb() {
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index));
    }

    private static String ms(List<Long> micros, int p) {
        synchronized (micros) {
            return String.format(java.util.Locale.ROOT, "%.1f", percentile(micros, p) / 1000.0);
        }
    }
}
