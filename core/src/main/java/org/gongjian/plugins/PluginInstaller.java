package org.gongjian.plugins;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.api.ApiMessages;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.home.GongjianHome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, upgrades, switches off and on, and uninstalls plugins while the server runs. An uploaded
 * jar is checked and started on this node first ({@link PluginHost#install}); only a jar that runs
 * is stored in the database, in chunks, with the installation row every node follows: each node
 * compares the rows with what it runs every {@code gongjian.plugins.sync-interval} and at startup,
 * and installs, upgrades, switches or removes to match. Every step, refusals included, is audited.
 */
@Singleton
@AuditsDenials
public class PluginInstaller implements ApplicationEventListener<StartupEvent> {

    /** The largest plugin jar accepted. */
    public static final long MAX_JAR_BYTES = 20L * 1024 * 1024;

    static final int CHUNK_BYTES = 256 * 1024;

    /** Audit actions (target type {@value PluginEnablement#AUDIT_TARGET}, no target id). */
    public static final String INSTALLED = "PLUGIN_INSTALLED";

    public static final String UPGRADED = "PLUGIN_UPGRADED";
    public static final String REFUSED = "PLUGIN_INSTALL_REFUSED";
    public static final String SWITCHED_OFF = "PLUGIN_SWITCHED_OFF";
    public static final String SWITCHED_ON = "PLUGIN_SWITCHED_ON";
    public static final String UNINSTALLED = "PLUGIN_UNINSTALLED";

    /** Codes of refusals that are not the jar's own (see {@link PluginRefused} for those). */
    public static final String TOO_LARGE = "PLUGIN_TOO_LARGE";

    public static final String NOT_UPLOADED = "PLUGIN_NOT_UPLOADED";

    private static final Logger LOG = LoggerFactory.getLogger(PluginInstaller.class);

    private final PluginHost host;
    private final PluginDatabases databases;
    private final TransactionOperations<Connection> transactions;
    private final AuditLog audit;
    private final Clock clock;
    private final Path store;
    /** The package each plugin id runs here, as this node applied it. */
    private final Map<String, String> applied = new ConcurrentHashMap<>();
    /** Packages that failed here, not tried again at every sync. */
    private final Map<String, String> failed = new ConcurrentHashMap<>();

    PluginInstaller(
            PluginHost host,
            PluginDatabases databases,
            TransactionOperations<Connection> transactions,
            AuditLog audit,
            Clock clock,
            GongjianHome home) {
        this.host = host;
        this.databases = databases;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.store = home.directory("plugin-store");
    }

    /** Loads what the database says is installed, and what lies in the plugin directories. */
    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (!host.loadsOnStartup()) {
            return;
        }
        Map<String, Installation> rows = installations();
        rows.values().stream().filter(r -> !r.enabled()).forEach(r -> host.switchOff(r.pluginId()));
        host.loadAll(rows.values().stream()
                .filter(r -> r.sha256() != null)
                .map(Installation::pluginId)
                .collect(Collectors.toSet()));
        sync();
        host.logStates();
    }

    /** Follows the installation rows written by any node; on a timer, and at startup. */
    @Scheduled(
            fixedDelay = "${gongjian.plugins.sync-interval:15s}",
            initialDelay = "${gongjian.plugins.sync-interval:15s}")
    void scheduledSync() {
        if (host.loadsOnStartup()) {
            sync();
        }
    }

    /** Makes this node run what the installation rows say (called by the timer, at startup and by tests). */
    public synchronized void sync() {
        Map<String, Installation> rows = installations();
        for (Installation row : rows.values()) {
            String id = row.pluginId();
            if (!row.enabled() && !host.isSwitchedOff(id)) {
                host.switchOff(id);
            }
            if (row.sha256() != null
                    && !row.sha256().equals(applied.get(id))
                    && !row.sha256().equals(failed.get(id))) {
                try {
                    host.install(materialise(row.sha256()));
                    applied.put(id, row.sha256());
                    failed.remove(id);
                    LOG.info("Plugin {}: now runs the package {} installed by another node", id, row.sha256());
                } catch (PluginRefused | UncheckedIOException e) {
                    failed.put(id, row.sha256());
                    LOG.error(
                            "Plugin {}: the installed package {} does not run here: {}",
                            id,
                            row.sha256(),
                            e.getMessage());
                }
            }
            if (row.enabled() && host.isSwitchedOff(id)) {
                host.switchOn(id);
            }
        }
        for (String id : Set.copyOf(applied.keySet())) {
            Installation row = rows.get(id);
            if (row == null || row.sha256() == null) {
                host.unload(id);
                applied.remove(id);
                LOG.info("Plugin {}: uninstalled by another node", id);
            }
        }
    }

    /**
     * Installs an uploaded jar, or upgrades the installed plugin of the jar's id to it.
     *
     * @throws InvalidInputException with the refusal's code: not a jar, unsigned, a version not newer
     *     than the running one (409), a failing migration or start, ... Nothing changed.
     */
    public synchronized PluginInfo install(Caller caller, InputStream upload) {
        requirePlatformAdmin(caller);
        Received received = receive(upload);
        Path jar = received.jar();
        String sha256 = received.sha256();
        PluginHost.Installed installed;
        try {
            installed = host.install(jar);
        } catch (PluginRefused refused) {
            deleteQuietly(jar);
            audit.append(
                    caller,
                    REFUSED,
                    PluginEnablement.AUDIT_TARGET,
                    null,
                    null,
                    null,
                    "拒绝安装插件文件："
                            + ApiMessages.message(
                                    refused.code(), null, Locale.SIMPLIFIED_CHINESE, refused.arguments()));
            throw PluginRefused.VERSION_NOT_NEWER.equals(refused.code())
                            || PluginRefused.VERSION_RUNS.equals(refused.code())
                    ? InvalidInputException.conflict(refused.code(), "file", refused.getMessage(), refused.arguments())
                    : new InvalidInputException(refused.code(), "file", refused.getMessage(), refused.arguments());
        }
        PluginInfo plugin = installed.plugin();
        String previous = installed.previousVersion();
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            store(c, caller, plugin, jar, sha256);
            audit.append(
                    caller,
                    previous == null ? INSTALLED : UPGRADED,
                    PluginEnablement.AUDIT_TARGET,
                    null,
                    null,
                    null,
                    previous == null
                            ? "安装插件" + label(plugin) + "，版本 " + plugin.version()
                            : "升级插件" + label(plugin) + "：版本 " + previous + " → " + plugin.version());
            return null;
        });
        applied.put(plugin.id(), sha256);
        failed.remove(plugin.id());
        return plugin;
    }

    /** Switches a plugin off on every node: it stops, and stays stopped across restarts. */
    public synchronized PluginInfo switchOff(Caller caller, String pluginId) {
        return setEnabled(caller, pluginId, false);
    }

    /** Switches a plugin on again on every node. */
    public synchronized PluginInfo switchOn(Caller caller, String pluginId) {
        return setEnabled(caller, pluginId, true);
    }

    /**
     * Removes an uploaded plugin from every node. Its own database is dropped unless {@code
     * keepData}; its points accounts stay in the ledger, which deletes nothing.
     */
    public synchronized void uninstall(Caller caller, String pluginId, boolean keepData) {
        requirePlatformAdmin(caller);
        PluginInfo plugin = known(pluginId);
        Installation row = installations().get(pluginId);
        if (row == null || row.sha256() == null) {
            throw InvalidInputException.conflict(
                    NOT_UPLOADED,
                    null,
                    "Plugin " + pluginId + " was placed in the plugins directory or ships with the server:"
                            + " remove its file there, or switch it off");
        }
        host.unload(pluginId);
        applied.remove(pluginId);
        host.switchOn(pluginId); // forgets the switch; nothing is loaded to start
        if (!keepData) {
            databases.drop(pluginId);
        }
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            update(c, "DELETE FROM plugin_installation WHERE plugin_id = ?", pluginId);
            for (String sha : packagesOf(c, pluginId)) {
                update(c, "DELETE FROM plugin_package_chunk WHERE sha256 = ?", sha);
                update(c, "DELETE FROM plugin_package WHERE sha256 = ?", sha);
            }
            audit.append(
                    caller,
                    UNINSTALLED,
                    PluginEnablement.AUDIT_TARGET,
                    null,
                    null,
                    null,
                    "卸载插件" + label(plugin) + "，版本 " + plugin.version() + "，" + (keepData ? "数据已保留" : "数据已删除"));
            return null;
        });
        deleteQuietly(store.resolve(row.sha256() + ".jar"));
    }

    private PluginInfo setEnabled(Caller caller, String pluginId, boolean enabled) {
        requirePlatformAdmin(caller);
        PluginInfo plugin = known(pluginId);
        if (host.isSwitchedOff(pluginId) == !enabled) {
            return known(pluginId);
        }
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO plugin_installation (plugin_id, sha256, enabled, changed_at, changed_by)"
                            + " VALUES (?, NULL, ?, ?, ?) ON DUPLICATE KEY UPDATE enabled = VALUES(enabled),"
                            + " changed_at = VALUES(changed_at), changed_by = VALUES(changed_by)")) {
                s.setString(1, pluginId);
                s.setBoolean(2, enabled);
                s.setTimestamp(3, Timestamp.from(clock.instant()));
                s.setLong(4, caller.userId());
                s.executeUpdate();
            }
            audit.append(
                    caller,
                    enabled ? SWITCHED_ON : SWITCHED_OFF,
                    PluginEnablement.AUDIT_TARGET,
                    null,
                    null,
                    null,
                    (enabled ? "启用插件" : "停用插件") + label(plugin) + "（所有服务器）");
            return null;
        });
        if (enabled) {
            host.switchOn(pluginId);
        } else {
            host.switchOff(pluginId);
        }
        return known(pluginId);
    }

    /** The plugin as the audit page names it: its description, and its id to tell two apart. */
    private static String label(PluginInfo plugin) {
        return "“" + (plugin.description() == null ? plugin.id() : plugin.description()) + "”（" + plugin.id() + "）";
    }

    private PluginInfo known(String pluginId) {
        return host.find(pluginId).orElseThrow(() -> new NotFoundException("Plugin", 0));
    }

    private static void requirePlatformAdmin(Caller caller) {
        if (!caller.isPlatformAdmin()) {
            throw new ForbiddenException("Only platform administrators install and remove plugins");
        }
    }

    /** An upload in the store, with its hash. */
    private record Received(Path jar, String sha256) {}

    /** Copies the upload into the store as {@code <sha256>.jar}, refusing it past {@link #MAX_JAR_BYTES}. */
    private Received receive(InputStream upload) {
        try {
            Path tmp = Files.createTempFile(store, "upload", ".part");
            MessageDigest digest = sha256();
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest)) {
                size = copyAtMost(upload, out, MAX_JAR_BYTES);
            }
            if (size > MAX_JAR_BYTES) {
                deleteQuietly(tmp);
                throw new InvalidInputException(
                        TOO_LARGE, "file", "A plugin jar may have at most " + MAX_JAR_BYTES + " bytes", MAX_JAR_BYTES);
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            Path jar = store.resolve(sha256 + ".jar");
            return new Received(
                    Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE), sha256);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the uploaded plugin in " + store, e);
        }
    }

    /** Copies up to {@code limit + 1} bytes; a result past the limit means the input was too long. */
    private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
            if (total > limit) {
                return total;
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    /** The stored jar of a package, written to the store from the database unless it is there already. */
    private Path materialise(String sha256) {
        Path jar = store.resolve(sha256 + ".jar");
        try {
            if (Files.isRegularFile(jar) && sha256.equals(hashOf(jar))) {
                return jar;
            }
            Path tmp = Files.createTempFile(store, sha256, ".part");
            MessageDigest digest = sha256();
            transactions.executeRead(status -> {
                try (PreparedStatement s = status.getConnection()
                                .prepareStatement(
                                        "SELECT bytes FROM plugin_package_chunk WHERE sha256 = ? ORDER BY seq");
                        OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest)) {
                    s.setString(1, sha256);
                    try (ResultSet rows = s.executeQuery()) {
                        while (rows.next()) {
                            out.write(rows.getBytes(1));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
            if (!sha256.equals(HexFormat.of().formatHex(digest.digest()))) {
                deleteQuietly(tmp);
                throw new UncheckedIOException(new IOException("The stored package " + sha256 + " is incomplete"));
            }
            return Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores the package (once per content) and points the installation at it; older packages go. */
    private void store(Connection c, Caller caller, PluginInfo plugin, Path jar, String sha256) throws SQLException {
        Timestamp now = Timestamp.from(clock.instant());
        if (!exists(c, sha256)) {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO plugin_package (sha256, plugin_id, version, size_bytes, uploaded_at, uploaded_by)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, sha256);
                s.setString(2, plugin.id());
                s.setString(3, plugin.version());
                s.setLong(4, size(jar));
                s.setTimestamp(5, now);
                s.setLong(6, caller.userId());
                s.executeUpdate();
            }
            try (InputStream in = Files.newInputStream(jar);
                    PreparedStatement s = c.prepareStatement(
                            "INSERT INTO plugin_package_chunk (sha256, seq, bytes) VALUES (?, ?, ?)")) {
                byte[] chunk;
                for (int seq = 0; (chunk = in.readNBytes(CHUNK_BYTES)).length > 0; seq++) {
                    s.setString(1, sha256);
                    s.setInt(2, seq);
                    s.setBytes(3, chunk);
                    s.executeUpdate();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO plugin_installation (plugin_id, sha256, enabled, changed_at, changed_by)"
                        + " VALUES (?, ?, TRUE, ?, ?) ON DUPLICATE KEY UPDATE sha256 = VALUES(sha256),"
                        + " changed_at = VALUES(changed_at), changed_by = VALUES(changed_by)")) {
            s.setString(1, plugin.id());
            s.setString(2, sha256);
            s.setTimestamp(3, now);
            s.setLong(4, caller.userId());
            s.executeUpdate();
        }
        for (String old : packagesOf(c, plugin.id())) {
            if (!old.equals(sha256)) {
                update(c, "DELETE FROM plugin_package_chunk WHERE sha256 = ?", old);
                update(c, "DELETE FROM plugin_package WHERE sha256 = ?", old);
            }
        }
    }

    /** The installation rows, by plugin id. */
    Map<String, Installation> installations() {
        return transactions.executeRead(status -> {
            Map<String, Installation> rows = new LinkedHashMap<>();
            try (PreparedStatement s = status.getConnection()
                            .prepareStatement(
                                    "SELECT plugin_id, sha256, enabled FROM plugin_installation ORDER BY plugin_id");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.put(r.getString(1), new Installation(r.getString(1), r.getString(2), r.getBoolean(3)));
                }
            }
            return rows;
        });
    }

    /** One plugin as every node should run it: its package (none: a jar in a plugin directory). */
    record Installation(String pluginId, String sha256, boolean enabled) {}

    private static java.util.List<String> packagesOf(Connection c, String pluginId) throws SQLException {
        java.util.List<String> packages = new java.util.ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT sha256 FROM plugin_package WHERE plugin_id = ?")) {
            s.setString(1, pluginId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    packages.add(r.getString(1));
                }
            }
        }
        return packages;
    }

    private static boolean exists(Connection c, String sha256) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM plugin_package WHERE sha256 = ?")) {
            s.setString(1, sha256);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static void update(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            s.executeUpdate();
        }
    }

    private static long size(Path jar) {
        try {
            return Files.size(jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hashOf(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Could not delete {}", file, e);
        }
    }

    /** For tests: forget what this node applied, as a node that has just started knows nothing. */
    void forgetApplied() {
        applied.clear();
        failed.clear();
    }
}
