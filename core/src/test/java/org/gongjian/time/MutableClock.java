package org.gongjian.time;

import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * The application clock of every test context: the system's UTC clock, moved forward by {@link
 * #advance} so that lockouts, token and session lifetimes can be tested without sleeping. A test
 * that moves it calls {@link #reset} when done (the context is shared by the tests of a class).
 */
@Singleton
@Replaces(Clock.class)
public final class MutableClock extends TravellingClock {

    /** Moves the time forward (or back, with a negative duration). */
    public void advance(Duration by) {
        shift(by);
    }

    /** Back to the system's time. */
    public void reset() {
        present();
    }
}
