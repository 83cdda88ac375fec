package org.gongjian.time;

import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application clock of every test context: the system's UTC clock, moved forward by {@link
 * #advance} so that lockouts, token and session lifetimes can be tested without sleeping. A test
 * that moves it calls {@link #reset} when done (the context is shared by the tests of a class).
 */
@Singleton
@Replaces(Clock.class)
public final class MutableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** Moves the time forward (or back, with a negative duration). */
    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Back to the system's time. */
    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same moved time seen in another zone (e.g. "today" in Asia/Shanghai). */
    @Override
    public Clock withZone(ZoneId zone) {
        MutableClock source = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return source.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return source.withZone(other);
            }
        };
    }
}
