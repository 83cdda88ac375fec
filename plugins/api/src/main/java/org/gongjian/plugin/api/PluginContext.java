package org.gongjian.plugin.api;

import java.nio.file.Path;
import java.time.Clock;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the host gives one plugin: its identity, its own database and data directory, and the host
 * services on the allowlist. One instance per loaded plugin; safe to share between threads.
 *
 * <p>Host services ({@link #service(Class)}): {@link Access}, {@link Members}, {@link PointsLedger},
 * {@link Events}, {@link AuditTrail}, {@link Settings}, {@link PluginTransactions}, {@link QrCodes}
 * (since 0.3). Nothing else of
 * the host is reachable: the plugin's class loader sees this SDK, PF4J and Vaadin, not the host's
 * classes, and its database user sees only its own schema.
 *
 * @since 0.1
 */
public interface PluginContext {

    /** The plugin's id from its manifest ({@code Plugin-Id}). */
    String pluginId();

    /** The plugin's version from its manifest ({@code Plugin-Version}). */
    String pluginVersion();

    /**
     * The plugin's own database: a schema of its own, reached as a database user of its own that
     * may use nothing else (since 0.2; before, the application database). The plugin's Flyway
     * migrations (in its jar under {@code db/migration/<pluginId>}) have run there before the plugin
     * starts. Use plain JDBC and close what you open; for work that also posts, audits or publishes,
     * use {@link PluginTransactions}.
     */
    DataSource dataSource();

    /** A directory only this plugin writes to; it exists and survives upgrades of the plugin. */
    Path dataDirectory();

    /** The clock to read the time from (tests may fix it). */
    Clock clock();

    /** A new unique, time-sortable 64-bit id for a row the plugin inserts. */
    long newId();

    /**
     * A host service by its SDK interface, if the host offers it to plugins. Only interfaces of
     * this SDK are ever returned; an unknown type answers empty rather than failing.
     */
    <T> Optional<T> service(Class<T> type);

    /**
     * A host service the plugin cannot work without.
     *
     * @throws NoSuchElementException naming the type, when the host does not offer it
     * @since 0.2
     */
    default <T> T require(Class<T> type) {
        return service(type).orElseThrow(() -> new NoSuchElementException("The host offers no " + type.getName()));
    }

    /** A logger named after the plugin. */
    System.Logger logger();
}
