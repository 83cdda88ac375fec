/**
 * The application clock, a bean so that tests and plugins read time from one place, and the one
 * application time zone ({@link org.gongjian.time.ApplicationTime#ZONE}, Asia/Shanghai) in which
 * instants become calendar days.
 */
package org.gongjian.time;
