package org.gongjian.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import javax.sql.DataSource;
import org.gongjian.home.GongjianHome;
import org.gongjian.plugins.fixtures.ItemCountMetric;
import org.gongjian.plugins.fixtures.TablePlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outside development mode the host starts a plugin jar only when every entry is signed by a
 * publisher in {@code $GONGJIAN_HOME/trusted-publishers}: real jars, signed as {@code jarsigner}
 * signs, then left unsigned, signed by a stranger, changed or extended after signing.
 */
@MicronautTest(transactional = false)
@Property(name = "gongjian.plugins.development-mode", value = "false")
class PluginSignaturesIT {

    @Inject
    PluginHost host;

    @Inject
    GongjianHome home;

    @Inject
    DataSource dataSource;

    @TempDir
    Path dir;

    PluginSigner publisher;

    @BeforeEach
    void trust_one_publisher() {
        publisher = PluginSigner.create("district-it", dir);
        publisher.trustIn(home.directory("trusted-publishers"), "district-it.pem");
    }

    @AfterEach
    void unload_every_plugin() throws IOException {
        for (PluginInfo plugin : host.list()) {
            host.unload(plugin.id());
        }
        Files.deleteIfExists(home.directory("trusted-publishers").resolve("district-it.pem"));
    }

    @Test
    void a_jar_signed_by_a_trusted_publisher_starts() throws Exception {
        PluginInfo info = host.load(publisher.sign(plain("signed"), dir.resolve("signed.jar")));

        assertThat(info.error()).isNull();
        assertThat(info.state()).isEqualTo("STARTED");
        assertThat(migrated("signed")).isTrue();
    }

    @Test
    void an_unsigned_jar_is_refused_and_its_migrations_never_run() throws Exception {
        PluginInfo info = host.load(plain("unsigned"));

        assertThat(info.state()).isEqualTo("FAILED");
        assertThat(info.error()).contains("not signed");
        assertThat(migrated("unsigned")).isFalse();
    }

    @Test
    void a_jar_signed_by_a_publisher_nobody_trusts_is_refused() throws Exception {
        PluginSigner stranger = PluginSigner.create("stranger", dir);

        PluginInfo info = host.load(stranger.sign(plain("strange"), dir.resolve("strange.jar")));

        assertThat(info.state()).isEqualTo("FAILED");
        assertThat(info.error()).contains("publisher is not trusted");
        assertThat(migrated("strange")).isFalse();
    }

    @Test
    void a_jar_changed_after_signing_is_refused() throws Exception {
        Path signed = publisher.sign(plain("changed"), dir.resolve("signed-changed.jar"));
        Path changed = PluginSigner.rewrite(
                signed,
                dir.resolve("changed.jar"),
                (name, bytes) -> name.endsWith("V1__items.sql")
                        ? new String(bytes, StandardCharsets.UTF_8)
                                .replace("'first'", "'forged'")
                                .getBytes(StandardCharsets.UTF_8)
                        : bytes);

        PluginInfo info = host.load(changed);

        assertThat(info.state()).isEqualTo("FAILED");
        assertThat(info.error()).contains("changed after it was signed");
        assertThat(migrated("changed")).isFalse();
    }

    @Test
    void a_jar_with_an_entry_added_after_signing_is_refused() throws Exception {
        Path signed = publisher.sign(plain("added"), dir.resolve("signed-added.jar"));
        Path added = dir.resolve("added.jar");
        try (JarFile in = new JarFile(signed.toFile(), false);
                OutputStream file = Files.newOutputStream(added);
                JarOutputStream out = new JarOutputStream(file)) {
            PluginSigner.copy(in, out, (name, bytes) -> bytes);
            out.putNextEntry(new JarEntry("db/migration/added/V2__more.sql"));
            out.write("DROP TABLE added_item;".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        PluginInfo info = host.load(added);

        assertThat(info.state()).isEqualTo("FAILED");
        assertThat(info.error()).contains("added after it was signed");
        assertThat(migrated("added")).isFalse();
    }

    private Path plain(String id) {
        return PluginJar.of(id, "1.0.0", TablePlugin.class)
                .extension(ItemCountMetric.class)
                .migration(
                        "V1__items.sql",
                        """
                        CREATE TABLE %1$s_item (id BIGINT NOT NULL, name VARCHAR(50) NOT NULL, PRIMARY KEY (id));
                        INSERT INTO %1$s_item (id, name) VALUES (1, 'first');
                        """
                                .formatted(id))
                .writeTo(dir.resolve(id + "-plain.jar"));
    }

    /** Whether the plugin's V1 migration created its table. */
    private boolean migrated(String id) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM information_schema.tables"
                        + " WHERE table_schema = ? AND table_name = ?")) {
            s.setString(1, "gjp_" + id);
            s.setString(2, id + "_item");
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1) > 0;
            }
        }
    }
}
