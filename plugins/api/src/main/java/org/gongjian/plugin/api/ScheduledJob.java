package org.gongjian.plugin.api;

import java.time.Duration;
import java.time.Instant;
import org.pf4j.ExtensionPoint;

/**
 * Work the plugin wants done periodically, e.g. cancelling reservations not picked up. It runs once
 * per period across all app nodes that share the database (the host claims the period in the
 * database before calling), while the plugin is started; a run that throws is logged and retried in
 * the next period.
 *
 * @since 0.2
 */
public interface ScheduledJob extends ExtensionPoint {

    /** A key unique within the plugin, {@code [a-z][a-z0-9-]{0,39}}. */
    String key();

    /** How often: at least one minute. Periods are aligned to the epoch in the application's zone. */
    Duration period();

    /**
     * Does the work of one period; act as {@link Access#system()}.
     *
     * @param periodStart the start of the period this run claimed
     */
    void run(Instant periodStart);
}
