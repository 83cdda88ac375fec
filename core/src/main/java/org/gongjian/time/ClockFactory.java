package org.gongjian.time;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;

@Factory
class ClockFactory {

    @Singleton
    Clock clock(@Value("${gongjian.demo:false}") boolean demo) {
        return demo ? new TravellingClock() : Clock.systemUTC();
    }
}
