package org.gongjian.audit;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many out-of-scope probes (a {@link org.gongjian.access.NotFoundException} leaving an audited
 * service) of one user are written to the audit log: a token bucket per user of {@link #BURST}
 * rows, refilled by one every {@link #REFILL_MILLIS}, so that a flood of guessed ids cannot flood
 * the log. The probes not written are counted and the next written row says how many there were.
 * In memory, per application node: a restart starts every user with a full bucket.
 */
@Singleton
final class ProbeBudget {

    static final int BURST = 5;
    static final long REFILL_MILLIS = 60_000;

    /** Above this many users tracked, the buckets that are full again are dropped. */
    private static final int MAX_TRACKED = 10_000;

    private final Clock clock;
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    ProbeBudget(Clock clock) {
        this.clock = clock;
    }

    /**
     * Takes a row from the user's bucket.
     *
     * @return how many probes of the user were not written since the last written one, or -1 when
     *     this one is not to be written either
     */
    long take(long userId) {
        long now = clock.millis();
        if (buckets.size() > MAX_TRACKED) {
            buckets.values().removeIf(b -> b.full(now));
        }
        return buckets.computeIfAbsent(userId, id -> new Bucket(now)).take(now);
    }

    private static final class Bucket {
        private double rows = BURST;
        private long at;
        private long skipped;

        Bucket(long now) {
            this.at = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (rows < 1) {
                skipped++;
                return -1;
            }
            rows--;
            long before = skipped;
            skipped = 0;
            return before;
        }

        synchronized boolean full(long now) {
            refill(now);
            return rows >= BURST && skipped == 0;
        }

        private void refill(long now) {
            if (now > at) {
                rows = Math.min(BURST, rows + (double) (now - at) / REFILL_MILLIS);
                at = now;
            }
        }
    }
}
