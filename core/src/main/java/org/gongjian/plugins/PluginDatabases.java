package org.gongjian.plugins;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.gongjian.personaldata.SecretKeys;

/**
 * Each plugin's own database: the schema {@code gjp_<id>} and a database user of the same name that
 * may use that schema and nothing else, so a plugin cannot read {@code member}, {@code ledger_entry}
 * or {@code audit_log} even by writing SQL. Created by the application's user (on the embedded
 * MariaDB it may create {@code gjp_*} schemas and users; on an external server the operator grants
 * the same, see docs/plugins/README.md). The user's password is derived from the server's secret key,
 * so nothing is stored and every app node computes the same one.
 */
@Singleton
final class PluginDatabases {

    private static final Pattern URL = Pattern.compile("^(jdbc:[a-z]+://[^/?]+/)([^?]*)(.*)$");

    private final DataSource application;
    private final SecretKeys keys;
    private final Map<String, HikariDataSource> open = new ConcurrentHashMap<>();

    PluginDatabases(DataSource application, SecretKeys keys) {
        this.application = DelegatingDataSource.unwrapDataSource(application);
        this.keys = keys;
    }

    /** The schema of a plugin: {@code leifeng-market} → {@code gjp_leifeng_market}. */
    static String schema(String pluginId) {
        return "gjp_" + pluginId.replace('-', '_');
    }

    /**
     * The plugin's own data source, creating its schema and user the first time and making sure the
     * user may reach that schema only; one small pool per plugin, reused until {@link #close}.
     */
    DataSource open(String pluginId) {
        return open.computeIfAbsent(pluginId, this::create);
    }

    /** Closes the plugin's pool (its schema and data stay). */
    void close(String pluginId) {
        HikariDataSource pool = open.remove(pluginId);
        if (pool != null) {
            pool.close();
        }
    }

    /**
     * Deletes the plugin's schema with all its tables and its database user: what uninstalling a
     * plugin without keeping its data does, and nothing else does.
     */
    void drop(String pluginId) {
        close(pluginId);
        try (Connection c = application.getConnection();
                Statement s = c.createStatement()) {
            String host = host(s);
            s.execute("DROP DATABASE IF EXISTS `" + schema(pluginId) + "`");
            s.execute("DROP USER IF EXISTS '" + user(pluginId) + "'@'" + host + "'");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot drop the database of plugin " + pluginId + ": " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void closeAll() {
        open.keySet().forEach(this::close);
    }

    private HikariDataSource create(String pluginId) {
        String schema = schema(pluginId);
        String user = user(pluginId);
        String password = password(pluginId);
        String url;
        try (Connection c = application.getConnection();
                Statement s = c.createStatement()) {
            String host = host(s);
            url = url(c.getMetaData().getURL(), schema);
            s.execute(
                    "CREATE DATABASE IF NOT EXISTS `" + schema + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            s.execute("CREATE USER IF NOT EXISTS '" + user + "'@'" + host + "' IDENTIFIED BY '" + password + "'");
            s.execute("ALTER USER '" + user + "'@'" + host + "' IDENTIFIED BY '" + password + "'");
            // In GRANT, "_" in a database name is a wildcard: escaped, the grant covers this schema only.
            s.execute(
                    "GRANT ALL PRIVILEGES ON `" + schema.replace("_", "\\_") + "`.* TO '" + user + "'@'" + host + "'");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot create the database " + schema + " of plugin " + pluginId
                            + ": the application's database user must be allowed to create it and its user"
                            + " (docs/plugins/README.md, Its own database): " + e.getMessage(),
                    e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("plugin-" + pluginId);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /** Plugin ids are 2–40 of a-z 0-9 -, checked before this; MySQL allows users of 32 characters. */
    static String user(String pluginId) {
        String user = schema(pluginId);
        if (user.length() <= 32) {
            return user;
        }
        String hash = HexFormat.of().formatHex(sha256(pluginId)).substring(0, 8);
        return user.substring(0, 23) + "_" + hash;
    }

    private String password(String pluginId) {
        return HexFormat.of().formatHex(keys.derived("gongjian-plugin-database:" + pluginId), 0, 24);
    }

    /** The host the application's user connects from, as the server names it (CURRENT_USER()). */
    private static String host(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT CURRENT_USER()")) {
            r.next();
            String current = r.getString(1);
            String host = current.substring(current.lastIndexOf('@') + 1);
            if (!host.matches("[A-Za-z0-9.%:_-]+")) {
                throw new SQLException("Unexpected host of the application's user: " + host);
            }
            return host;
        }
    }

    static String url(String applicationUrl, String schema) {
        Matcher m = URL.matcher(applicationUrl);
        if (!m.matches()) {
            throw new IllegalStateException("Cannot derive a plugin's database URL from " + applicationUrl);
        }
        return m.group(1) + schema + m.group(3);
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
