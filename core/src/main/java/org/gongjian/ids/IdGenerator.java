package org.gongjian.ids;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Creates unique ids that sort by creation time and fit in 53 bits, so that they survive a trip
 * through JSON numbers in JavaScript (2<sup>53</sup> − 1 is the largest exact integer there): 41
 * bits of milliseconds since 2025-01-01 UTC (until September 2094), 7 bits of sequence within the
 * millisecond and 5 bits of node id.
 *
 * <p>Each app node of a cluster needs its own {@code gongjian.node-id} (0–31); a random one is
 * chosen when none is configured, which is fine for a single node. A node issues 128 ids per
 * millisecond; a burst beyond that borrows the next milliseconds, so ids stay unique and increasing
 * within the node (a burst of 100,000 ids runs at most ≈ 0.8 s ahead of the clock, less than a
 * restart takes).
 */
@Singleton
public final class IdGenerator {

    /** 2025-01-01T00:00:00Z. */
    static final long EPOCH_MILLIS = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();

    static final int NODE_BITS = 5;
    static final int SEQUENCE_BITS = 7;
    static final int MAX_NODE = (1 << NODE_BITS) - 1;

    /** The largest id this generator can make: 2^53 − 1. */
    public static final long MAX_ID = (1L << 53) - 1;

    private final int node;
    private final Clock clock;

    /** Milliseconds since the epoch shifted left by the sequence bits, plus the sequence. */
    private final AtomicLong last = new AtomicLong();

    @Inject
    public IdGenerator(@Value("${gongjian.node-id:-1}") int nodeId) {
        this(nodeId, Clock.systemUTC());
    }

    IdGenerator(int nodeId, Clock clock) {
        if (nodeId > MAX_NODE || nodeId < -1) {
            throw new IllegalArgumentException(
                    "gongjian.node-id must be between 0 and " + MAX_NODE + ", was " + nodeId);
        }
        this.node = nodeId >= 0 ? nodeId : new SecureRandom().nextInt(MAX_NODE + 1);
        this.clock = clock;
    }

    public long next() {
        long now = (clock.millis() - EPOCH_MILLIS) << SEQUENCE_BITS;
        long counter = last.accumulateAndGet(now, (previous, time) -> Math.max(previous + 1, time));
        return (counter << NODE_BITS) | node;
    }

    /** When the id was made, to the millisecond (later by the borrowed time after a burst). */
    public static Instant timeOf(long id) {
        return Instant.ofEpochMilli((id >>> (NODE_BITS + SEQUENCE_BITS)) + EPOCH_MILLIS);
    }

    int node() {
        return node;
    }
}
