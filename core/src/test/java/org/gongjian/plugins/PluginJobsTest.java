package org.gongjian.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.gongjian.time.ApplicationTime;
import org.junit.jupiter.api.Test;

/** Periods of scheduled jobs are aligned to the epoch in the application's zone. */
class PluginJobsTest {

    @Test
    void a_daily_period_starts_at_midnight_in_china() {
        Instant early =
                ZonedDateTime.parse("2026-12-02T00:20:00+08:00[Asia/Shanghai]").toInstant();
        Instant late =
                ZonedDateTime.parse("2026-12-02T23:59:59+08:00[Asia/Shanghai]").toInstant();

        Instant start = PluginJobs.periodStart(early, Duration.ofDays(1));

        assertThat(start.atZone(ApplicationTime.ZONE).toString()).isEqualTo("2026-12-02T00:00+08:00[Asia/Shanghai]");
        assertThat(PluginJobs.periodStart(late, Duration.ofDays(1))).isEqualTo(start);
        assertThat(PluginJobs.periodStart(start, Duration.ofDays(1)))
                .as("a period contains its start")
                .isEqualTo(start);
    }

    @Test
    void shorter_periods_start_on_their_own_boundaries() {
        Instant at = Instant.parse("2026-12-02T03:31:59.999Z");

        assertThat(PluginJobs.periodStart(at, Duration.ofMinutes(1))).isEqualTo(Instant.parse("2026-12-02T03:31:00Z"));
        assertThat(PluginJobs.periodStart(at, Duration.ofMinutes(15))).isEqualTo(Instant.parse("2026-12-02T03:30:00Z"));
        assertThat(PluginJobs.periodStart(at, Duration.ofHours(1))).isEqualTo(Instant.parse("2026-12-02T03:00:00Z"));
    }
}
