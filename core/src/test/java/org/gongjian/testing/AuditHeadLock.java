package org.gongjian.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Proves that a change commits together with its audit row: holds the audit chain's head from a
 * connection of its own while the change runs, and checks that the change is not visible meanwhile.
 */
public final class AuditHeadLock {

    private AuditHeadLock() {}

    /**
     * Holds the audit head's row lock, runs {@code work} on another thread until it waits for that
     * lock, checks {@code unchanged} (the change must not be visible yet), then lets go and answers
     * what {@code work} answered.
     *
     * @param raw a data source outside the application's transactions
     */
    public static <T> T whileHeld(DataSource raw, Callable<T> work, Callable<Boolean> unchanged) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection holder = raw.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock =
                    holder.prepareStatement("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE")) {
                lock.executeQuery().close();
            }
            Future<T> running = pool.submit(work);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (count(
                            raw,
                            "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                                    + " WHERE INFO LIKE 'SELECT seq, hash FROM audit_head%'")
                    == 0) {
                assertThat(running.isDone())
                        .as("the change waits for the audit log")
                        .isFalse();
                assertThat(System.nanoTime())
                        .as("the change waits for the audit log")
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(unchanged.call())
                    .as("the change is not visible before its audit row is written")
                    .isTrue();
            holder.rollback();
            return running.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The first column of the first row of a counting query. */
    public static long count(DataSource raw, String sql, Object... args) throws SQLException {
        try (Connection c = raw.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
