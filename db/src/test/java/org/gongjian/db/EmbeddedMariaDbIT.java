package org.gongjian.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

class EmbeddedMariaDbIT {

    private static final Path BINARIES = Paths.get(System.getProperty("gongjian.db.binaries", "target/mariadb"));

    @Test
    void migrations_apply_on_an_empty_database_and_data_survives_a_restart() throws Exception {
        Path home = Files.createDirectories(Paths.get("target", "it-db-" + UUID.randomUUID()));

        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(home, BINARIES)) {
            MigrateResult first = migrate(db);
            assertTrue(first.migrationsExecuted >= 1, "the core migrations ran on the empty database");
            try (Connection c = connect(db);
                    Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO organization (id, parent_id, kind, name, path, created_at)"
                        + " VALUES (1, NULL, 'PARTY_COMMITTEE', '街道党工委', '/1/', UTC_TIMESTAMP(6))");
            }
        }

        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(home, BINARIES)) {
            MigrateResult second = migrate(db);
            assertEquals(0, second.migrationsExecuted, "a restart migrates nothing twice");
            try (Connection c = connect(db);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT name FROM organization WHERE id = 1")) {
                assertTrue(rs.next(), "the row written before the restart is still there");
                assertEquals("街道党工委", rs.getString(1), "utf8mb4 text round-trips");
            }
        }
    }

    @Test
    void data_under_the_system_temp_directory_survives_a_restart_too() throws Exception {
        Path home = Files.createTempDirectory("gongjian-db-it-");
        try {
            try (EmbeddedMariaDb db = EmbeddedMariaDb.start(home, BINARIES)) {
                migrate(db);
            }
            try (EmbeddedMariaDb db = EmbeddedMariaDb.start(home, BINARIES)) {
                assertEquals(0, migrate(db).migrationsExecuted, "the schema is still there");
            }
        } finally {
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void the_server_only_accepts_the_application_user_with_its_password() throws Exception {
        Path home = Files.createDirectories(Paths.get("target", "it-db-" + UUID.randomUUID()));
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(home, BINARIES)) {
            SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    SQLException.class, () -> DriverManager.getConnection(db.jdbcUrl(), db.user(), "wrong"));
            assertTrue(refused.getMessage().contains("Access denied"), refused.getMessage());
            assertEquals(
                    "rw-------",
                    java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(home.resolve("password"))));
        }
    }

    @Test
    void a_server_left_behind_by_a_killed_jvm_is_stopped_before_the_next_start() throws Exception {
        Path home = Files.createDirectories(Paths.get("target", "it-db-" + UUID.randomUUID()));
        EmbeddedMariaDb orphan = EmbeddedMariaDb.start(home, BINARIES);
        long orphanPid =
                Long.parseLong(Files.readString(home.resolve("mysqld.pid")).strip());
        assertTrue(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false));

        // The first server is never closed, as if its JVM had been killed.
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(home, BINARIES)) {
            assertTrue(
                    ProcessHandle.of(orphanPid).map(p -> !p.isAlive()).orElse(true), "the orphaned server was stopped");
            try (Connection c = connect(db)) {
                assertTrue(c.isValid(2));
            }
        }
        orphan.close();
    }

    private static MigrateResult migrate(EmbeddedMariaDb db) {
        return Flyway.configure()
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:db/migration/core")
                .load()
                .migrate();
    }

    private static Connection connect(EmbeddedMariaDb db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }
}
