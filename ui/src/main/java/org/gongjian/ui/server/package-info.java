/** The runnable server: {@code main}, which starts the Micronaut context and its Jetty server. */
package org.gongjian.ui.server;
