package org.gongjian.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.UUID;
import org.gongjian.db.EmbeddedMariaDb;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.junit.jupiter.api.Test;

/**
 * With {@code GONGJIAN_DB_URL} set, the server uses that database and starts no embedded one. The
 * "external" server here is a separate MariaDB process reached over TCP like any MySQL server.
 */
class ExternalDatabaseIT {

    @Test
    void a_configured_database_is_used_and_no_embedded_one_is_started() throws Exception {
        Path root = Files.createDirectories(Paths.get("target", "test-homes", "external-" + UUID.randomUUID()));
        Path binaries = Paths.get(System.getProperty("gongjian.db.binaries", "target/mariadb"));
        try (EmbeddedMariaDb external = EmbeddedMariaDb.start(root.resolve("external-server"), binaries)) {
            Path home = root.resolve("home");
            Map<String, Object> config = Map.of(
                    "gongjian.home", home.toString(),
                    "gongjian.db.url", external.jdbcUrl(),
                    "gongjian.db.user", external.user(),
                    "gongjian.db.password", external.password());
            try (ApplicationContext context = ApplicationContext.run(config)) {
                DatabaseInfo info = context.getBean(DatabaseInfo.class);
                assertThat(info.isEmbedded()).isFalse();
                assertThat(info.displayUrl()).isEqualTo("jdbc:mysql://127.0.0.1:" + external.port() + "/gongjian");
                context.getBean(Organizations.class).createRoot(OrganizationKind.COMMUNITY, "和平社区");
                assertThat(context.getBean(Organizations.class).countActive()).isEqualTo(1);
            }
            assertThat(home.resolve("db"))
                    .as("no embedded database was prepared")
                    .doesNotExist();
        }
    }
}
