/**
 * One process, one port: a Jetty 12 server whose servlet context carries Micronaut's HTTP layer
 * at {@code /api/*} and whatever the UI module contributes (Vaadin at {@code /*}). The server is
 * Micronaut's {@link io.micronaut.runtime.server.EmbeddedServer}, so {@code Micronaut.run} and
 * {@code @MicronautTest} start it like any other.
 */
package org.gongjian.server;
