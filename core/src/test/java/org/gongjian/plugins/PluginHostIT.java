package org.gongjian.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.gongjian.home.GongjianHome;
import org.gongjian.plugin.api.DashboardMetric;
import org.gongjian.plugins.PluginHost.MetricValue;
import org.gongjian.plugins.fixtures.CoreLinkedPlugin;
import org.gongjian.plugins.fixtures.FailingPlugin;
import org.gongjian.plugins.fixtures.ItemCountMetric;
import org.gongjian.plugins.fixtures.ProbingPlugin;
import org.gongjian.plugins.fixtures.TablePlugin;
import org.gongjian.plugins.fixtures.TrespassingPlugin;
import org.gongjian.sdk.HostCaller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real plugin host with real plugin jars, written into a temp directory for each test from the
 * classes in {@code org.gongjian.plugins.fixtures}, against the embedded database.
 */
@MicronautTest(transactional = false)
class PluginHostIT {

    @Inject
    PluginHost host;

    @Inject
    GongjianHome home;

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource injectedDataSource;

    @TempDir
    Path dir;

    @AfterEach
    void unload_every_plugin() {
        for (PluginInfo plugin : host.list()) {
            host.unload(plugin.id());
        }
    }

    @Test
    void a_loaded_plugin_is_started_after_its_migrations_and_shows_its_metric() throws Exception {
        Path jar = tablePlugin("items", "1.0.0").writeTo(dir.resolve("items.jar"));

        PluginInfo info = host.load(jar);

        assertThat(info.id()).isEqualTo("items");
        assertThat(info.version()).isEqualTo("1.0.0");
        assertThat(info.state()).isEqualTo("STARTED");
        assertThat(info.error()).isNull();
        assertThat(info.provider()).isEqualTo("Gongjian tests");
        assertThat(tableExists("items_item")).isTrue();
        assertThat(tableExists("flyway_history_items")).isTrue();
        assertThat(appliedVersions("gjp_items.flyway_history_items")).contains("1");
        // start() counted the rows the migration inserted, so the migration ran first.
        assertThat(Files.readString(startedMarker("items"))).isEqualTo("2");
        assertThat(host.list()).extracting(PluginInfo::id).contains("items");

        assertThat(host.metrics(HostCaller.system()))
                .containsExactly(new MetricValue("items", "items", "条目 · items 1.0.0", 2));
        assertThat(host.metrics(english())).extracting(MetricValue::label).containsExactly("Items · items 1.0.0");

        execute("INSERT INTO gjp_items.items_item (id, name) VALUES (3, 'third')");
        assertThat(host.metrics(HostCaller.system()))
                .extracting(MetricValue::value)
                .containsExactly(3L);
    }

    @Test
    void the_extension_gets_the_context_of_its_own_plugin() throws Exception {
        host.load(tablePlugin("alpha", "1.2.0").writeTo(dir.resolve("alpha.jar")));
        host.load(tablePlugin("beta", "3.4.5").writeTo(dir.resolve("beta.jar")));
        execute("INSERT INTO gjp_beta.beta_item (id, name) VALUES (3, 'only in beta')");

        assertThat(host.metrics(HostCaller.system()))
                .containsExactlyInAnyOrder(
                        new MetricValue("alpha", "items", "条目 · alpha 1.2.0", 2),
                        new MetricValue("beta", "items", "条目 · beta 3.4.5", 3));
        assertThat(home.root().resolve("plugin-data/alpha")).isDirectory();
        assertThat(startedMarker("beta")).exists();
        assertThat(host.extensions(DashboardMetric.class)).hasSize(2);
    }

    @Test
    void a_stopped_plugin_loses_its_metric_and_can_start_again() throws Exception {
        host.load(tablePlugin("stopper", "1.0.0").writeTo(dir.resolve("stopper.jar")));

        assertThat(host.stop("stopper").name()).isEqualTo("STOPPED");

        assertThat(host.find("stopper")).get().extracting(PluginInfo::state).isEqualTo("STOPPED");
        assertThat(host.metrics(HostCaller.system()))
                .extracting(MetricValue::pluginId)
                .doesNotContain("stopper");
        assertThat(host.extensions(DashboardMetric.class)).isEmpty();
        assertThat(startedMarker("stopper")).doesNotExist();
        assertThat(host.startedCount()).isZero();

        assertThat(host.start("stopper").name()).isEqualTo("STARTED");

        assertThat(host.find("stopper")).get().extracting(PluginInfo::state).isEqualTo("STARTED");
        assertThat(host.metrics(HostCaller.system()))
                .extracting(MetricValue::pluginId)
                .containsExactly("stopper");
        assertThat(startedMarker("stopper")).exists();
    }

    @Test
    void an_unloaded_plugin_is_gone() throws Exception {
        host.load(tablePlugin("leaver", "1.0.0").writeTo(dir.resolve("leaver.jar")));

        assertThat(host.unload("leaver")).isTrue();

        assertThat(host.list()).extracting(PluginInfo::id).doesNotContain("leaver");
        assertThat(host.find("leaver")).isEmpty();
        assertThat(host.metrics(HostCaller.system())).isEmpty();
        assertThat(startedMarker("leaver")).as("stop() ran before unloading").doesNotExist();
        assertThat(host.unload("leaver")).isFalse();
        // Its data stays: unloading is not uninstalling.
        assertThat(tableExists("leaver_item")).isTrue();
    }

    @Test
    void a_reloaded_plugin_runs_its_new_migration_and_keeps_its_data() throws Exception {
        Path jar = dir.resolve("upgrade.jar");
        tablePlugin("upgrade", "1.0.0").writeTo(jar);
        host.load(jar);
        execute("INSERT INTO gjp_upgrade.upgrade_item (id, name) VALUES (3, 'added while version 1 ran')");

        tablePlugin("upgrade", "2.0.0")
                .migration(
                        "V2__note.sql",
                        """
                        ALTER TABLE upgrade_item ADD COLUMN note VARCHAR(50) NULL;
                        INSERT INTO upgrade_item (id, name, note) VALUES (10, 'v2', 'added by V2');
                        """)
                .writeTo(jar);
        PluginInfo info = host.reload("upgrade");

        assertThat(info.version()).isEqualTo("2.0.0");
        assertThat(info.state()).isEqualTo("STARTED");
        assertThat(appliedVersions("gjp_upgrade.flyway_history_upgrade")).contains("1", "2");
        assertThat(queryStrings("SELECT name FROM gjp_upgrade.upgrade_item ORDER BY id"))
                .containsExactly("first", "second", "added while version 1 ran", "v2");
        assertThat(queryStrings("SELECT note FROM gjp_upgrade.upgrade_item WHERE id = 10"))
                .containsExactly("added by V2");
        assertThat(host.metrics(HostCaller.system()))
                .containsExactly(new MetricValue("upgrade", "items", "条目 · upgrade 2.0.0", 4));
        assertThat(host.list()).filteredOn(p -> p.id().equals("upgrade")).hasSize(1);
    }

    @Test
    void a_plugin_whose_start_throws_is_failed_and_the_others_keep_running() throws Exception {
        host.load(tablePlugin("steady", "1.0.0").writeTo(dir.resolve("steady.jar")));

        PluginInfo failed = host.load(PluginJar.of("grumpy", "1.0.0", FailingPlugin.class)
                .classes(TablePlugin.class)
                .extension(ItemCountMetric.class)
                .migration("V1__items.sql", itemsTable("grumpy"))
                .writeTo(dir.resolve("grumpy.jar")));

        assertThat(failed.state()).isEqualTo("FAILED");
        assertThat(failed.error()).contains(FailingPlugin.MESSAGE);
        assertThat(host.find("grumpy"))
                .get()
                .extracting(PluginInfo::error)
                .asString()
                .contains(FailingPlugin.MESSAGE);
        assertThat(host.find("steady")).get().extracting(PluginInfo::state).isEqualTo("STARTED");
        assertThat(host.metrics(HostCaller.system()))
                .extracting(MetricValue::pluginId)
                .containsExactly("steady");
        assertThat(host.list()).extracting(PluginInfo::id).containsExactly("grumpy", "steady");
        assertThat(get("/api/health").statusCode()).isEqualTo(200);

        // A second attempt fails the same way and still harms nobody.
        assertThat(host.start("grumpy").name()).isEqualTo("FAILED");
        assertThat(host.find("steady")).get().extracting(PluginInfo::state).isEqualTo("STARTED");
    }

    @Test
    void a_plugin_whose_migration_fails_is_failed_and_never_started() throws Exception {
        PluginInfo info = host.load(PluginJar.of("bad-sql", "1.0.0", TablePlugin.class)
                .extension(ItemCountMetric.class)
                .migration("V1__broken.sql", "CREATE TABLEE bad_sql_item (id BIGINT);")
                .writeTo(dir.resolve("bad-sql.jar")));

        assertThat(info.state()).isEqualTo("FAILED");
        assertThat(info.error()).contains("V1__broken.sql");
        assertThat(startedMarker("bad-sql")).doesNotExist();
        assertThat(host.metrics(HostCaller.system())).isEmpty();
        assertThat(host.startedCount()).isZero();
    }

    @Test
    void a_plugin_linked_against_a_core_class_is_refused_before_its_migrations_run() throws Exception {
        host.load(tablePlugin("steady", "1.0.0").writeTo(dir.resolve("steady.jar")));

        PluginInfo info = host.load(PluginJar.of("linked", "1.0.0", CoreLinkedPlugin.class)
                .migration("V1__items.sql", itemsTable("linked"))
                .writeTo(dir.resolve("linked.jar")));

        assertThat(info.state()).isEqualTo("FAILED");
        assertThat(info.error())
                .contains("org.gongjian.ids.IdGenerator")
                .contains("a class of the Gongjian core, not part of the plugin SDK");
        assertThat(tableExists("linked_item")).isFalse();
        assertThat(host.find("steady")).get().extracting(PluginInfo::state).isEqualTo("STARTED");
        assertThat(get("/api/health").statusCode()).isEqualTo(200);
    }

    @Test
    void a_plugin_gets_its_own_schema_and_the_database_refuses_it_the_platform_tables() throws Exception {
        // TrespassingPlugin's start() throws unless each of its SQL trespasses is denied.
        PluginInfo info = host.load(
                PluginJar.of("trespassing", "1.0.0", TrespassingPlugin.class).writeTo(dir.resolve("trespassing.jar")));

        assertThat(info.error()).isNull();
        assertThat(info.state()).isEqualTo("STARTED");
        assertThat(queryStrings(
                        "SELECT table_schema FROM information_schema.tables WHERE table_name = 'trespassing_own'"))
                .containsExactly("gjp_trespassing");
        assertThat(tableExists("trespass")).isFalse();
        assertThat(get("/api/health").statusCode()).isEqualTo(200);
    }

    @Test
    void a_plugin_reaching_for_core_classes_by_reflection_finds_only_the_sdk() throws Exception {
        // ProbingPlugin's start() throws unless the core class and application.yml are out of its reach.
        PluginInfo info =
                host.load(PluginJar.of("probing", "1.0.0", ProbingPlugin.class).writeTo(dir.resolve("probing.jar")));

        assertThat(info.error()).isNull();
        assertThat(info.state()).isEqualTo("STARTED");
    }

    @Test
    void a_plugin_with_an_id_that_is_not_allowed_is_reported_and_touches_nothing() throws Exception {
        PluginInfo info = host.load(tablePlugin("Bad_Id", "1.0.0").writeTo(dir.resolve("bad-id.jar")));

        assertThat(info.id()).isEqualTo("Bad_Id");
        assertThat(info.state()).isEqualTo("FAILED");
        assertThat(info.error()).contains("not allowed");
        assertThat(host.list()).extracting(PluginInfo::id).containsExactly("Bad_Id");
        assertThat(host.metrics(HostCaller.system())).isEmpty();
        // Its migrations must not run: the id names its tables and its directory.
        assertThat(tableExists("flyway_history_Bad_Id")).isFalse();
        assertThat(tableExists("Bad_Id_item")).isFalse();
        assertThat(home.root().resolve("plugin-data/Bad_Id")).doesNotExist();
    }

    @Test
    void a_plugin_for_a_newer_host_is_not_started_and_does_not_migrate() throws Exception {
        PluginInfo info =
                host.load(tablePlugin("too-new", "1.0.0").requires(">=99.0.0").writeTo(dir.resolve("too-new.jar")));

        assertThat(info.state()).isNotEqualTo("STARTED");
        assertThat(host.startedCount()).isZero();
        assertThat(tableExists("too_new_item")).isFalse();
        assertThat(tableExists("flyway_history_too_new")).isFalse();
    }

    @Test
    void a_plugin_for_this_host_version_starts() throws Exception {
        PluginInfo info =
                host.load(tablePlugin("fits", "1.0.0").requires(">=0.1.0").writeTo(dir.resolve("fits.jar")));

        assertThat(info.state()).isEqualTo("STARTED");
    }

    @Test
    void listeners_hear_once_of_each_start_and_stop() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        PluginLifecycleListener listener = new PluginLifecycleListener() {
            @Override
            public void started(String pluginId) {
                events.add("started " + pluginId);
            }

            @Override
            public void stopping(String pluginId) {
                events.add("stopping " + pluginId);
            }
        };
        host.addListener(listener);
        try {
            host.load(tablePlugin("heard", "1.0.0").writeTo(dir.resolve("heard.jar")));
            host.load(PluginJar.of("unheard", "1.0.0", FailingPlugin.class).writeTo(dir.resolve("unheard.jar")));
            host.start("heard");
            host.stop("heard");
            host.stop("heard");
            host.start("heard");
            host.unload("heard");
            host.unload("unheard");
        } finally {
            host.removeListener(listener);
        }

        assertThat(events).containsExactly("started heard", "stopping heard", "started heard", "stopping heard");
    }

    /** A {@link TablePlugin} with its metric and a V1 migration that creates its table with two rows. */
    private static PluginJar tablePlugin(String id, String version) {
        return PluginJar.of(id, version, TablePlugin.class)
                .extension(ItemCountMetric.class)
                .migration("V1__items.sql", itemsTable(id));
    }

    private static String itemsTable(String id) {
        String table = id.replace('-', '_') + "_item";
        return """
                CREATE TABLE %1$s (
                    id   BIGINT      NOT NULL,
                    name VARCHAR(50) NOT NULL,
                    PRIMARY KEY (id)
                ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
                INSERT INTO %1$s (id, name) VALUES (1, 'first'), (2, 'second');
                """
                .formatted(table);
    }

    private Path startedMarker(String pluginId) {
        return home.root().resolve("plugin-data").resolve(pluginId).resolve(TablePlugin.STARTED_MARKER);
    }

    private static HostCaller english() {
        return HostCaller.signedIn(org.gongjian.access.Caller.system(), List.of(), Locale.ENGLISH);
    }

    private DataSource dataSource() {
        return DelegatingDataSource.unwrapDataSource(injectedDataSource);
    }

    /** Whether the table exists in the application's schema or in a plugin's own. */
    private boolean tableExists(String table) throws SQLException {
        try (Connection c = dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM information_schema.tables"
                        + " WHERE (table_schema = DATABASE() OR table_schema LIKE 'gjp\\_%') AND table_name = ?")) {
            s.setString(1, table);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    private List<String> appliedVersions(String historyTable) throws SQLException {
        return queryStrings("SELECT version FROM " + historyTable + " WHERE success = 1 AND version IS NOT NULL"
                + " ORDER BY installed_rank");
    }

    private List<String> queryStrings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.getURI() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
