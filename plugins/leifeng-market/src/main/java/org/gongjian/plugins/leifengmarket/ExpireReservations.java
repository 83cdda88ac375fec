package org.gongjian.plugins.leifengmarket;

import java.time.Duration;
import java.time.Instant;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.ScheduledJob;
import org.pf4j.Extension;

/** Every 10 minutes, once across the app nodes: reservations not collected in time are cancelled and refunded. */
@Extension
public class ExpireReservations implements ScheduledJob {

    private final Reservations reservations;

    public ExpireReservations(PluginContext context) {
        this.reservations = new Reservations(context);
    }

    @Override
    public String key() {
        return "expire-reservations";
    }

    @Override
    public Duration period() {
        return Duration.ofMinutes(10);
    }

    @Override
    public void run(Instant periodStart) {
        while (reservations.expire(200) == 200) {
            // more were due: go on
        }
    }
}
