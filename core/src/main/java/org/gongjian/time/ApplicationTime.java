package org.gongjian.time;

import java.time.ZoneId;

/**
 * The one time zone of the application: calendar days (a rule's daily cap, a statement's period,
 * an age, a report's dates) are days in {@code Asia/Shanghai}, whatever the server's zone. Instants
 * are stored in UTC; this zone only turns them into dates and times people read.
 */
public final class ApplicationTime {

    /** Asia/Shanghai (UTC+8, no daylight saving). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ApplicationTime() {}
}
