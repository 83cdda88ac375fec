package org.gongjian.plugins;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.gongjian.plugin.api.ScheduledJob;
import org.gongjian.sdk.CurrentPluginCaller;
import org.gongjian.sdk.HostCaller;
import org.gongjian.time.ApplicationTime;
import org.pf4j.PluginState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link ScheduledJob}s of started plugins once per period across every app node that
 * shares the database. Every tick (30 s) it works out each job's current period (aligned to the
 * epoch in {@link ApplicationTime#ZONE}, so a daily job's period starts at midnight in China) and
 * claims it with an INSERT into {@code plugin_job_run}, whose primary key (plugin, job, period)
 * lets exactly one node win; only the winner runs the job, as the platform ({@link
 * HostCaller#system()} bound as the current caller), and records the outcome. A job that throws is
 * logged in one line and recorded as FAILED; the next period runs again. Periods missed while no
 * node ran are not caught up. A job with a period under one minute or a malformed key is refused
 * when its plugin starts (logged once with the reason, listed by {@link #refusals()}) and never runs.
 */
@Singleton
public class PluginJobs implements PluginLifecycleListener {

    /** The shortest period a job may have. */
    public static final Duration SHORTEST_PERIOD = Duration.ofMinutes(1);

    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    /** Where periods are counted from: midnight of 1970-01-01 in the application's zone. */
    static final Instant ORIGIN =
            LocalDate.EPOCH.atStartOfDay(ApplicationTime.ZONE).toInstant();

    private static final Logger LOG = LoggerFactory.getLogger(PluginJobs.class);
    private static final int ERROR_MAX = 500;

    /** One recorded run. */
    public record JobRun(
            String pluginId,
            String jobKey,
            Instant periodStart,
            Instant claimedAt,
            @Nullable Instant finishedAt,
            String outcome,
            @Nullable String error) {}

    private final PluginHost host;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    /** "plugin/job class" → why the job is refused; logged once per loaded class. */
    private final Map<String, String> refused = new ConcurrentHashMap<>();

    PluginJobs(PluginHost host, TransactionOperations<Connection> transactions, Clock clock) {
        this.host = host;
        this.transactions = transactions;
        this.clock = clock;
    }

    @PostConstruct
    void listen() {
        host.addListener(this);
    }

    @Override
    public void started(String pluginId) {
        host.extensions(ScheduledJob.class, pluginId).forEach(job -> refusal(pluginId, job));
    }

    @Override
    public void stopping(String pluginId) {
        refused.keySet().removeIf(k -> k.startsWith(pluginId + "/"));
    }

    /**
     * Claims and runs every due job of the started plugins; called by the scheduler and by tests.
     *
     * @return how many jobs this call ran (claimed periods), failed runs included
     */
    @Scheduled(fixedDelay = "${gongjian.plugins.job-tick:30s}", initialDelay = "${gongjian.plugins.job-tick:30s}")
    public int tick() {
        int ran = 0;
        for (PluginInfo plugin : host.list()) {
            if (!PluginState.STARTED.name().equals(plugin.state())) {
                continue;
            }
            // Held while the jobs run: an upgrade of the plugin waits for them (PluginHost.lease).
            try (PluginHost.Lease lease = host.lease(plugin.id())) {
                for (ScheduledJob job : host.extensions(ScheduledJob.class, plugin.id())) {
                    if (refusal(plugin.id(), job).isPresent()) {
                        continue;
                    }
                    String key = job.key();
                    Instant period = periodStart(clock.instant(), job.period());
                    if (claim(plugin.id(), key, period)) {
                        run(plugin.id(), key, job, period);
                        ran++;
                    }
                }
            } catch (PluginRefused busy) {
                LOG.info("Plugin {} is being changed; its jobs run at the next tick", plugin.id());
            }
        }
        return ran;
    }

    /** The jobs refused since their plugin started, "plugin/job class" → reason. */
    public Map<String, String> refusals() {
        return new TreeMap<>(refused);
    }

    /** The newest runs of a plugin's jobs, newest first. */
    public List<JobRun> runs(String pluginId, int limit) {
        return transactions.executeRead(status -> {
            List<JobRun> runs = new ArrayList<>();
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT plugin_id, job_key, period_start, claimed_at, finished_at, outcome, error"
                            + " FROM plugin_job_run WHERE plugin_id = ? ORDER BY period_start DESC, job_key LIMIT ?")) {
                s.setString(1, pluginId);
                s.setInt(2, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Timestamp finished = rs.getTimestamp(5);
                        runs.add(new JobRun(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getTimestamp(3).toInstant(),
                                rs.getTimestamp(4).toInstant(),
                                finished == null ? null : finished.toInstant(),
                                rs.getString(6),
                                rs.getString(7)));
                    }
                }
            }
            return runs;
        });
    }

    /** The start of the period of length {@code period} that contains {@code now}. */
    static Instant periodStart(Instant now, Duration period) {
        long length = period.toMillis();
        long periods = Math.floorDiv(Duration.between(ORIGIN, now).toMillis(), length);
        return ORIGIN.plusMillis(Math.multiplyExact(periods, length));
    }

    /** Why the job may not run, if it may not; the first time, logged. */
    private Optional<String> refusal(String pluginId, ScheduledJob job) {
        String id = pluginId + "/" + job.getClass().getName();
        String known = refused.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        String reason;
        try {
            String key = job.key();
            Duration period = job.period();
            if (key == null || !KEY.matcher(key).matches()) {
                reason =
                        "its key '" + key + "' is not 1-40 lowercase letters, digits and dashes starting with a letter";
            } else if (period == null || period.compareTo(SHORTEST_PERIOD) < 0) {
                reason = "its period " + period + " is shorter than " + SHORTEST_PERIOD;
            } else {
                return Optional.empty();
            }
        } catch (RuntimeException | LinkageError e) {
            reason = "asking for its key and period failed: " + e;
        }
        if (refused.putIfAbsent(id, reason) == null) {
            LOG.error(
                    "Plugin {}: scheduled job {} is refused and will not run: {}",
                    pluginId,
                    job.getClass().getName(),
                    reason);
        }
        return Optional.of(reason);
    }

    /** Inserts the claim of one period; false when another node (or an earlier tick) claimed it. */
    private boolean claim(String pluginId, String key, Instant period) {
        return transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("INSERT INTO plugin_job_run (plugin_id, job_key, period_start, claimed_at,"
                            + " finished_at, outcome, error) VALUES (?, ?, ?, ?, NULL, 'RUNNING', NULL)")) {
                s.setString(1, pluginId);
                s.setString(2, key);
                s.setTimestamp(3, Timestamp.from(period));
                s.setTimestamp(4, Timestamp.from(now()));
                s.executeUpdate();
                return true;
            } catch (SQLIntegrityConstraintViolationException taken) {
                return false;
            } catch (SQLException e) {
                if (e.getErrorCode() == 1062) {
                    return false;
                }
                throw e;
            }
        });
    }

    private void run(String pluginId, String key, ScheduledJob job, Instant period) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        String outcome = "OK";
        String error = null;
        try {
            thread.setContextClassLoader(job.getClass().getClassLoader());
            CurrentPluginCaller.callAs(HostCaller.system(), () -> {
                job.run(period);
                return null;
            });
        } catch (RuntimeException | LinkageError e) {
            outcome = "FAILED";
            error = String.valueOf(e);
            LOG.warn("Plugin {}: job {} failed for the period starting {}: {}", pluginId, key, period, error);
            LOG.debug("Plugin {}: job {} failed", pluginId, key, e);
        } finally {
            thread.setContextClassLoader(before);
        }
        finish(pluginId, key, period, outcome, error);
    }

    private void finish(String pluginId, String key, Instant period, String outcome, @Nullable String error) {
        String text = error == null || error.length() <= ERROR_MAX ? error : error.substring(0, ERROR_MAX);
        transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("UPDATE plugin_job_run SET finished_at = ?, outcome = ?, error = ?"
                            + " WHERE plugin_id = ? AND job_key = ? AND period_start = ?")) {
                s.setTimestamp(1, Timestamp.from(now()));
                s.setString(2, outcome);
                s.setString(3, text);
                s.setString(4, pluginId);
                s.setString(5, key);
                s.setTimestamp(6, Timestamp.from(period));
                s.executeUpdate();
            }
            return null;
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
