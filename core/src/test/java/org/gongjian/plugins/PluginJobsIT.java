package org.gongjian.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gongjian.home.GongjianHome;
import org.gongjian.plugins.PluginJobs.JobRun;
import org.gongjian.plugins.fixtures.svc.CountingJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled jobs of a real plugin jar, ticked by two "nodes" at once: two {@link PluginJobs} over
 * the same database (this context's bean and a second instance, as a second app node would have),
 * each ticking on its own thread. The application's own tick is pushed out of the way.
 */
@MicronautTest(transactional = false)
@Property(name = "gongjian.plugins.job-tick", value = "1h")
class PluginJobsIT {

    private static final java.util.concurrent.atomic.AtomicInteger PLUGINS =
            new java.util.concurrent.atomic.AtomicInteger();

    /** A plugin id of its own per test: its claims and its data directory start empty. */
    private final String plugin = "svc-jobs-" + PLUGINS.incrementAndGet();

    @Inject
    PluginHost host;

    @Inject
    PluginJobs jobs;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    Clock clock;

    @Inject
    GongjianHome home;

    @TempDir
    Path dir;

    @AfterEach
    void unload() {
        host.unload(plugin);
    }

    @Test
    void a_job_runs_once_per_period_when_two_nodes_tick_at_the_same_time() throws Exception {
        host.load(SvcPluginJars.jobs(plugin, dir));
        // Both nodes read one fixed instant in the middle of an hour: the test never straddles a period's end.
        Clock now = Clock.fixed(java.time.Instant.parse("2026-12-02T03:30:10Z"), java.time.ZoneOffset.UTC);
        PluginJobs oneNode = new PluginJobs(host, transactions, now);
        PluginJobs otherNode = new PluginJobs(host, transactions, now);

        List<Integer> ran = concurrently(oneNode::tick, otherNode::tick);

        assertThat(ran.stream().mapToInt(Integer::intValue).sum())
                .as("the counting and the failing job, each claimed by one node")
                .isEqualTo(2);
        assertThat(runsOfCountingJob())
                .hasSize(1)
                .allSatisfy(line -> assertThat(line).as("run as the platform").endsWith(" true"));
        assertThat(oneNode.tick() + otherNode.tick())
                .as("the same period again")
                .isZero();
        assertThat(runsOfCountingJob()).hasSize(1);

        PluginJobs aMinuteLater = new PluginJobs(host, transactions, Clock.offset(now, Duration.ofMinutes(1)));
        assertThat(aMinuteLater.tick())
                .as("the next minute of the counting job")
                .isEqualTo(1);
        assertThat(runsOfCountingJob()).hasSize(2);
        assertThat(runsOfCountingJob().stream().map(l -> l.split(" ")[0]))
                .containsExactly("2026-12-02T03:30:00Z", "2026-12-02T03:31:00Z");
    }

    @Test
    void a_job_that_throws_is_recorded_as_failed_and_the_host_goes_on() {
        host.load(SvcPluginJars.jobs(plugin, dir));

        jobs.tick();

        List<JobRun> runs = jobs.runs(plugin, 10);
        assertThat(runs).extracting(JobRun::jobKey).containsExactlyInAnyOrder("count", "fail");
        JobRun failed =
                runs.stream().filter(r -> r.jobKey().equals("fail")).findFirst().orElseThrow();
        assertThat(failed.outcome()).isEqualTo("FAILED");
        assertThat(failed.error()).contains("the shelf is empty");
        assertThat(failed.finishedAt()).isNotNull();
        JobRun counted = runs.stream()
                .filter(r -> r.jobKey().equals("count"))
                .findFirst()
                .orElseThrow();
        assertThat(counted.outcome()).isEqualTo("OK");
        assertThat(host.find(plugin)).get().extracting(PluginInfo::state).isEqualTo("STARTED");
    }

    @Test
    void a_job_asking_for_less_than_a_minute_is_refused_when_its_plugin_starts_and_never_runs() {
        host.load(SvcPluginJars.jobs(plugin, dir));

        assertThat(jobs.refusals())
                .as("refused at start, before any tick")
                .hasEntrySatisfying(
                        plugin + "/org.gongjian.plugins.fixtures.svc.TooOftenJob",
                        reason -> assertThat(reason).contains("PT30S").contains("shorter than PT1M"));
        jobs.tick();
        assertThat(jobs.runs(plugin, 10)).extracting(JobRun::jobKey).doesNotContain("often");
    }

    @Test
    void a_stopped_plugins_jobs_do_not_run() {
        host.load(SvcPluginJars.jobs(plugin, dir));
        host.stop(plugin);

        assertThat(jobs.tick()).isZero();
        assertThat(jobs.runs(plugin, 10)).isEmpty();
    }

    private List<String> runsOfCountingJob() throws Exception {
        Path runs = home.root().resolve("plugin-data/" + plugin).resolve(CountingJob.RUNS);
        return Files.exists(runs) ? Files.readAllLines(runs) : List.of();
    }

    @SafeVarargs
    private static List<Integer> concurrently(Callable<Integer>... ticks) throws Exception {
        CyclicBarrier start = new CyclicBarrier(ticks.length);
        ExecutorService threads = Executors.newFixedThreadPool(ticks.length);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> tick : ticks) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return tick.call();
                }));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
