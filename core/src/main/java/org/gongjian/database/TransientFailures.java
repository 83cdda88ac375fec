package org.gongjian.database;

import java.sql.SQLException;
import java.util.Set;

/**
 * The database's answers that a rerun of the whole transaction cures: a deadlock (1213), a lock
 * wait timeout (1205), "record has changed since last read" (1020, MariaDB's snapshot isolation)
 * and a write conflict (9007, TiDB).
 */
public final class TransientFailures {

    private static final Set<Integer> RETRYABLE = Set.of(1213, 1205, 1020, 9007);

    private TransientFailures() {}

    /** Whether {@code e} or one of its causes is such an answer. */
    public static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && RETRYABLE.contains(sql.getErrorCode())) {
                return true;
            }
        }
        return false;
    }
}
