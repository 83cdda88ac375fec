package org.gongjian.server;

import org.eclipse.jetty.ee11.servlet.ServletContextHandler;

/**
 * A bean that adds servlets, filters or initializers to the one servlet context before the server
 * starts. The UI module contributes Vaadin this way; core itself only knows {@code /api/*}.
 */
public interface ServletContributor {

    void contribute(ServletContextHandler context);
}
