package org.gongjian.ledger;

import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.gongjian.database.TransientFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a whole transaction again when the database gave it up for a reason that a retry cures:
 * a deadlock (1213), a lock wait timeout (1205), "record has changed since last read" (1020,
 * MariaDB's snapshot isolation), a write conflict (9007, TiDB), or a unique key that a concurrent
 * request filled first (its retry then answers that request's result).
 */
final class Retries {

    static final int ATTEMPTS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(Retries.class);
    private static final Set<String> RACED_KEYS =
            Set.of("ux_ledger_request_key", "ux_ledger_transfer_reverses", "ux_ledger_account_owner");

    private Retries() {}

    static <T> T run(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (Exception e) { // the transaction manager rethrows SQLExceptions unwrapped
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    throw e instanceof RuntimeException r
                            ? r
                            : new IllegalStateException("Ledger transaction failed", e);
                }
                LOG.debug("Ledger transaction attempt {} gave way ({}); retrying", attempt, e.getMessage());
                pause(attempt);
            }
        }
    }

    static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException dup && dup.getErrorCode() == 1062) {
                String message = String.valueOf(dup.getMessage());
                return RACED_KEYS.stream().anyMatch(message::contains);
            }
        }
        return TransientFailures.retryable(e);
    }

    private static void pause(int attempt) {
        long bound = Math.min(50, 1L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a ledger transaction", e);
        }
    }
}
