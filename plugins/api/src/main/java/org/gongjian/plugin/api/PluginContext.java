package org.gongjian.plugin.api;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the host gives one plugin: its identity, its own data directory, the database, and the
 * host services on the allowlist. One instance per loaded plugin; safe to share between threads.
 *
 * @since 0.1
 */
public interface PluginContext {

    /** The plugin's id from its manifest ({@code Plugin-Id}). */
    String pluginId();

    /** The plugin's version from its manifest ({@code Plugin-Version}). */
    String pluginVersion();

    /**
     * The application database. The plugin's own Flyway migrations (in its jar under {@code
     * db/migration/<pluginId>}) have run before the plugin starts; its tables should carry its id as
     * a prefix. Use ordinary JDBC; close what you open.
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

    /** A logger named after the plugin. */
    System.Logger logger();
}
