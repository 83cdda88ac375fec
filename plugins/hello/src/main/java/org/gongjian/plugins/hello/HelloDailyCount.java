package org.gongjian.plugins.hello;

import java.time.Duration;
import java.time.Instant;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.ScheduledJob;
import org.pf4j.Extension;

/** Scheduled work, once a day across all app nodes: the previous day's number of greetings, kept in {@code hello_daily}. */
@Extension
public class HelloDailyCount implements ScheduledJob {

    private final Greetings greetings;

    public HelloDailyCount(PluginContext context) {
        this.greetings = new Greetings(context);
    }

    @Override
    public String key() {
        return "daily-count";
    }

    @Override
    public Duration period() {
        return Duration.ofDays(1);
    }

    @Override
    public void run(Instant periodStart) {
        greetings.countDay(periodStart.minus(period()), periodStart);
    }
}
