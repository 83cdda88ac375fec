package org.gongjian.home;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The server's home directory, from {@code gongjian.home} (environment {@code GONGJIAN_HOME}),
 * default {@code ./data}. Created on first use.
 */
@Singleton
public final class GongjianHome {

    private final Path root;
    private final boolean deleteOnShutdown;

    public GongjianHome(
            @Value("${gongjian.home:./data}") String home,
            @Value("${gongjian.home-delete-on-shutdown:false}") boolean deleteOnShutdown) {
        this.root = Paths.get(home).toAbsolutePath().normalize();
        this.deleteOnShutdown = deleteOnShutdown;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create GONGJIAN_HOME " + root, e);
        }
    }

    /**
     * For throwaway servers (tests, benchmarks): deletes the whole home when the application
     * stops. Beans that use the home (the embedded database) are stopped before this one.
     */
    @PreDestroy
    void deleteIfThrowaway() {
        if (!deleteOnShutdown || !Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** A directory under the home, created if missing. */
    public Path directory(String name) {
        Path dir = root.resolve(name);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }

    /** Writes a file only the server's user can read (mode 600), replacing any previous one. */
    public Path writePrivateFile(String name, String content) {
        Path file = root.resolve(name);
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
