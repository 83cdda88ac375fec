package org.gongjian.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application clock of a demo server (only with {@code gongjian.demo=true}): the system's UTC
 * clock, which the demo seeder sets back while it records a year of history (so statements and
 * rankings have dates spread over the year) and then returns to the present. Never used otherwise
 * in production; the tests' clock builds on it.
 */
public class TravellingClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** Until {@link #present}, the clock shows {@code at} plus the time passed since this call. */
    public void travelTo(Instant at) {
        offset = Duration.between(Instant.now(), at);
    }

    /** Moves the clock forward (or back, with a negative duration) from where it is. */
    public void shift(Duration by) {
        offset = offset.plus(by);
    }

    public void present() {
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

    @Override
    public Clock withZone(ZoneId zone) {
        TravellingClock source = this;
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
