/** The application clock, a bean so that tests and plugins read time from one place. */
package org.gongjian.time;
