package org.gongjian.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.gongjian.access.Role;
import org.gongjian.home.GongjianHome;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.plugins.fixtures.FailingPlugin;
import org.gongjian.plugins.fixtures.lifecycle.ItemsEndpoint;
import org.gongjian.plugins.fixtures.lifecycle.LifecyclePlugin;
import org.gongjian.security.UserAdmin;
import org.gongjian.testing.Api;
import org.gongjian.testing.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installing, upgrading, switching and removing real signed plugin jars through {@code /api/plugins}
 * while the server runs, outside development mode: every refusal answers its code and leaves what
 * ran before running.
 */
@MicronautTest(transactional = false)
@Property(name = "gongjian.plugins.development-mode", value = "false")
class PluginLifecycleIT {

    private static final AtomicInteger RUN = new AtomicInteger();

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    PluginHost host;

    @Inject
    PluginInstaller installer;

    @Inject
    GongjianHome home;

    @Inject
    Organizations organizations;

    @Inject
    UserAdmin users;

    @Inject
    DataSource injectedDataSource;

    @TempDir
    Path dir;

    Api api;
    PluginSigner publisher;
    String id;
    String platform;
    String admin;

    @BeforeEach
    void a_trusted_publisher_and_a_platform_administrator() {
        int run = RUN.incrementAndGet();
        api = new Api(server, json);
        id = "life-" + run;
        publisher = PluginSigner.create("district-it", dir);
        publisher.trustIn(home.directory("trusted-publishers"), "lifecycle.pem");
        Organization community = organizations.createRoot(OrganizationKind.COMMUNITY, "生命周期社区" + run);
        TestUsers tokens = new TestUsers(users, api);
        platform = tokens.token("life-platform-" + run, Role.PLATFORM_ADMIN, null, null);
        admin = tokens.token("life-admin-" + run, Role.ORG_ADMIN, community, null);
    }

    @AfterEach
    void uninstall() throws Exception {
        if (!installations(id).isEmpty()) {
            installer.uninstall(org.gongjian.access.Caller.system(), id, false);
        }
        host.unload(id);
        Files.deleteIfExists(home.directory("trusted-publishers").resolve("lifecycle.pem"));
    }

    @Test
    void a_signed_jar_is_installed_at_runtime_and_upgraded_with_its_new_migration_without_a_restart() throws Exception {
        var installed = upload(signed(version("1.0.0")));

        assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
        assertThat(api.object(installed))
                .containsEntry("id", id)
                .containsEntry("version", "1.0.0")
                .containsEntry("state", "STARTED")
                .containsEntry("source", "UPLOADED")
                .containsEntry("enabled", true);
        assertThat(items()).containsEntry("version", "1.0.0").containsEntry("items", 2);
        assertThat(installations(id)).hasSize(1);

        var upgraded = upload(signed(version("2.0.0")));

        assertThat(upgraded.statusCode()).as(upgraded.body()).isEqualTo(201);
        assertThat(api.object(upgraded)).containsEntry("version", "2.0.0");
        assertThat(items())
                .as("V2 ran: one row more")
                .containsEntry("version", "2.0.0")
                .containsEntry("items", 3);
        assertThat(packages(id)).as("only the running package is kept").hasSize(1);
        assertThat(audited(id)).contains(PluginInstaller.INSTALLED, PluginInstaller.UPGRADED);
    }

    @Test
    void a_downgrade_or_the_same_version_again_is_refused_and_the_running_version_stays() throws Exception {
        assertThat(upload(signed(version("2.0.0"))).statusCode()).isEqualTo(201);

        var downgrade = upload(signed(version("1.0.0")));
        var again = upload(signed(version("2.0.0")));

        assertThat(downgrade.statusCode()).isEqualTo(409);
        assertThat(api.code(downgrade)).isEqualTo("PLUGIN_VERSION_NOT_NEWER");
        assertThat((String) api.object(downgrade).get("message")).contains("1.0.0", "2.0.0");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(api.code(again)).isEqualTo("PLUGIN_VERSION_ALREADY_RUNS");
        assertThat(items()).containsEntry("version", "2.0.0");
    }

    @Test
    void unsigned_tampered_untrusted_and_broken_files_are_refused_with_their_code_and_change_nothing()
            throws Exception {
        Path plain = version("1.0.0");
        Path tampered = PluginSigner.rewrite(
                signed(plain),
                dir.resolve("tampered.jar"),
                (name, bytes) -> name.endsWith("V1__items.sql")
                        ? new String(bytes, StandardCharsets.UTF_8)
                                .replace("'first'", "'evil'")
                                .getBytes(StandardCharsets.UTF_8)
                        : bytes);
        Path stranger = PluginSigner.create("stranger", Files.createDirectories(dir.resolve("stranger")))
                .sign(plain, dir.resolve("stranger.jar"));
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);

        assertThat(api.code(upload(plain))).isEqualTo("PLUGIN_UNSIGNED");
        assertThat(api.code(upload(tampered))).isEqualTo("PLUGIN_SIGNATURE_INVALID");
        assertThat(api.code(upload(stranger))).isEqualTo("PLUGIN_PUBLISHER_UNTRUSTED");
        var notAJar = api.upload("/api/plugins", platform, "file", "x.jar", garbage);
        assertThat(notAJar.statusCode()).isEqualTo(400);
        assertThat(api.code(notAJar)).isEqualTo("PLUGIN_NOT_A_JAR");
        assertThat((String) api.object(notAJar).get("message")).containsPattern("\\p{IsHan}");
        var noFile = api.upload("/api/plugins", platform, "other", "x.jar", garbage);
        assertThat(api.code(noFile)).isEqualTo("PLUGIN_FILE_MISSING");

        assertThat(host.find(id)).isEmpty();
        assertThat(installations(id)).isEmpty();
        assertThat(schemaExists(id)).as("no migration ran").isFalse();
        assertThat(audited(null)).contains(PluginInstaller.REFUSED);
    }

    @Test
    void a_jar_for_a_newer_platform_is_refused_before_it_migrates() throws Exception {
        Path newer = PluginJar.of(id, "1.0.0", LifecyclePlugin.class)
                .extension(ItemsEndpoint.class)
                .migration("V1__items.sql", itemsTable())
                .requires(">=99.0.0")
                .writeTo(dir.resolve("newer.jar"));

        var answer = upload(signed(newer));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(api.code(answer)).isEqualTo("PLUGIN_NEEDS_NEWER_PLATFORM");
        assertThat((String) api.object(answer).get("message")).contains(">=99.0.0");
        assertThat(schemaExists(id)).isFalse();
    }

    @Test
    void a_jar_needing_a_plugin_that_does_not_run_is_refused_before_it_migrates() throws Exception {
        Path needy = LifecyclePluginJars.jar(id, "1.0.0")
                .dependencies("points-shop@>=1.0.0")
                .writeTo(dir.resolve("needy.jar"));

        var answer = upload(signed(needy));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(api.code(answer)).isEqualTo("PLUGIN_DEPENDENCY_MISSING");
        assertThat((String) api.object(answer).get("message")).contains("points-shop");
        assertThat(schemaExists(id)).isFalse();
    }

    @Test
    void a_failed_upgrade_leaves_the_previous_version_running_and_a_corrected_jar_installs() throws Exception {
        assertThat(upload(signed(version("1.0.0"))).statusCode()).isEqualTo(201);
        Path badMigration = PluginJar.of(id, "2.0.0", LifecyclePlugin.class)
                .extension(ItemsEndpoint.class)
                .migration("V1__items.sql", itemsTable())
                .migration("V2__broken.sql", "INSERT INTO no_such_table VALUES (1);")
                .writeTo(dir.resolve("broken.jar"));
        Path throwing = PluginJar.of(id, "2.0.0", FailingPlugin.class)
                .extension(ItemsEndpoint.class)
                .migration("V1__items.sql", itemsTable())
                .writeTo(dir.resolve("throwing.jar"));

        var migration = upload(signed(badMigration));
        assertThat(api.code(migration)).isEqualTo("PLUGIN_MIGRATION_FAILED");
        assertThat(items()).containsEntry("version", "1.0.0").containsEntry("items", 2);

        var start = upload(signed(throwing));
        assertThat(api.code(start)).isEqualTo("PLUGIN_START_FAILED");
        assertThat(items()).containsEntry("version", "1.0.0");
        assertThat(host.find(id).orElseThrow().state()).isEqualTo("STARTED");

        var corrected = upload(signed(version("2.0.0")));
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(201);
        assertThat(items()).containsEntry("version", "2.0.0").containsEntry("items", 3);
    }

    @Test
    void a_switched_off_plugin_answers_404_everywhere_until_it_is_switched_on() throws Exception {
        upload(signed(version("1.0.0")));

        var off = api.post("/api/plugins/" + id + "/disable", platform, "");
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        assertThat(api.object(off)).containsEntry("state", "DISABLED").containsEntry("enabled", false);
        assertThat(api.get(endpoint(), platform).statusCode()).isEqualTo(404);
        assertThat(installations(id).getFirst()).endsWith(":false");

        var on = api.post("/api/plugins/" + id + "/enable", platform, "");
        assertThat(api.object(on)).containsEntry("state", "STARTED").containsEntry("enabled", true);
        assertThat(items()).containsEntry("version", "1.0.0");
        assertThat(audited(id)).contains(PluginInstaller.SWITCHED_OFF, PluginInstaller.SWITCHED_ON);
    }

    @Test
    void uninstalling_keeps_the_data_when_asked_and_deletes_it_otherwise() throws Exception {
        upload(signed(version("1.0.0")));
        assertThat(api.delete("/api/plugins/" + id, platform).statusCode())
                .as("keepData must be said")
                .isEqualTo(400);

        var kept = api.delete("/api/plugins/" + id + "?keepData=true", platform);
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(204);
        assertThat(host.find(id)).isEmpty();
        assertThat(installations(id)).isEmpty();
        assertThat(packages(id)).isEmpty();
        assertThat(schemaExists(id)).isTrue();
        assertThat(api.get(endpoint(), platform).statusCode()).isEqualTo(404);

        upload(signed(version("1.0.0")));
        assertThat(items()).as("the kept rows, V1 not run again").containsEntry("items", 2);
        var deleted = api.delete("/api/plugins/" + id + "?keepData=false", platform);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(schemaExists(id)).isFalse();
        assertThat(audited(id)).contains(PluginInstaller.UNINSTALLED);
    }

    @Test
    void another_node_follows_the_installation_rows() throws Exception {
        upload(signed(version("1.0.0")));
        // This node forgets everything, as a freshly started node that has only the database.
        host.unload(id);
        installer.forgetApplied();
        for (Path stored : Files.list(home.directory("plugin-store")).toList()) {
            Files.delete(stored);
        }

        installer.sync();
        assertThat(items()).as("rebuilt from the stored chunks").containsEntry("version", "1.0.0");

        execute("UPDATE plugin_installation SET enabled = FALSE WHERE plugin_id = '" + id + "'");
        installer.sync();
        assertThat(host.find(id).orElseThrow().state()).isEqualTo("DISABLED");

        execute("UPDATE plugin_installation SET enabled = TRUE WHERE plugin_id = '" + id + "'");
        installer.sync();
        assertThat(items()).containsEntry("version", "1.0.0");

        execute("DELETE FROM plugin_installation WHERE plugin_id = '" + id + "'");
        installer.sync();
        assertThat(host.find(id)).as("uninstalled by another node").isEmpty();
    }

    @Test
    void at_startup_the_server_runs_what_the_database_says_and_a_switched_off_plugin_stays_off() throws Exception {
        upload(signed(version("1.0.0")));
        upload(signed(version("2.0.0")));
        api.post("/api/plugins/" + id + "/disable", platform, "");
        // As after a restart: nothing loaded, nothing remembered, no jar on disk.
        host.unload(id);
        host.switchOn(id);
        installer.forgetApplied();
        for (Path stored : Files.list(home.directory("plugin-store")).toList()) {
            Files.delete(stored);
        }

        installer.onApplicationEvent(null);

        PluginInfo loaded = host.find(id).orElseThrow();
        assertThat(loaded.version()).isEqualTo("2.0.0");
        assertThat(loaded.state()).as("switched off before the restart").isEqualTo("DISABLED");
        assertThat(api.get(endpoint(), platform).statusCode()).isEqualTo(404);
        api.post("/api/plugins/" + id + "/enable", platform, "");
        assertThat(items()).containsEntry("version", "2.0.0").containsEntry("items", 3);
    }

    @Test
    void only_platform_administrators_change_plugins_and_oversized_files_are_refused_unread() throws Exception {
        Path jar = signed(version("1.0.0"));
        assertThat(api.upload("/api/plugins", admin, "file", "p.jar", Files.readAllBytes(jar))
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.upload("/api/plugins", null, "file", "p.jar", Files.readAllBytes(jar))
                        .statusCode())
                .isEqualTo(401);
        upload(jar);
        assertThat(api.post("/api/plugins/" + id + "/disable", admin, "").statusCode())
                .isEqualTo(403);
        assertThat(api.delete("/api/plugins/" + id + "?keepData=true", admin).statusCode())
                .isEqualTo(403);
        assertThat(api.post("/api/plugins/no-such-plugin/disable", platform, "").statusCode())
                .isEqualTo(404);
        assertThat(api.post("/api/plugins/NOT%20AN%20ID/enable", platform, "").statusCode())
                .isEqualTo(404);
        assertThat(host.find(id).orElseThrow().state()).isEqualTo("STARTED");

        byte[] huge = new byte[(int) PluginInstaller.MAX_JAR_BYTES + 1];
        var tooLarge = api.upload("/api/plugins", platform, "file", "huge.jar", huge);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(api.code(tooLarge)).isEqualTo("PLUGIN_TOO_LARGE");
    }

    // --- helpers

    private Path version(String version) {
        return LifecyclePluginJars.write(id, version, dir);
    }

    private String itemsTable() {
        return LifecyclePluginJars.itemsTable(id);
    }

    private Path signed(Path plain) {
        return publisher.sign(plain, dir.resolve("signed-" + plain.getFileName()));
    }

    private HttpResponse<String> upload(Path jar) throws Exception {
        return api.upload("/api/plugins", platform, "file", jar.getFileName().toString(), Files.readAllBytes(jar));
    }

    private String endpoint() {
        return "/api/plugins/" + id + "/x/items";
    }

    private Map<String, Object> items() {
        var answer = api.get(endpoint(), platform);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return api.object(answer);
    }

    private DataSource dataSource() {
        return DelegatingDataSource.unwrapDataSource(injectedDataSource);
    }

    /** The installation rows of the plugin, as {@code sha256:enabled}. */
    private List<String> installations(String pluginId) throws SQLException {
        return strings(
                "SELECT CONCAT(COALESCE(sha256, '-'), ':', IF(enabled, 'true', 'false'))"
                        + " FROM plugin_installation WHERE plugin_id = ?",
                pluginId);
    }

    private List<String> packages(String pluginId) throws SQLException {
        return strings("SELECT sha256 FROM plugin_package WHERE plugin_id = ?", pluginId);
    }

    private boolean schemaExists(String pluginId) throws SQLException {
        return !strings(
                        "SELECT schema_name FROM information_schema.schemata WHERE schema_name = ?",
                        PluginDatabases.schema(pluginId))
                .isEmpty();
    }

    /** The plugin audit actions about this plugin (or, with null, every refusal). */
    private List<String> audited(String pluginId) throws SQLException {
        return pluginId == null
                ? strings(
                        "SELECT action FROM audit_log WHERE target_type = ? AND action = ?",
                        "PLUGIN",
                        "PLUGIN_INSTALL_REFUSED")
                : strings(
                        "SELECT action FROM audit_log WHERE target_type = ? AND detail LIKE ?",
                        "PLUGIN",
                        "%（" + pluginId + "）%");
    }

    private List<String> strings(String sql, String... parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection();
                var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
