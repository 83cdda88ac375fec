package org.gongjian.home;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The server's home directory, from {@code gongjian.home} (environment {@code GONGJIAN_HOME}),
 * default {@code ./data}. Created on first use.
 */
@Singleton
public final class GongjianHome {

    private final Path root;

    public GongjianHome(@Value("${gongjian.home:./data}") String home) {
        this.root = Paths.get(home).toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create GONGJIAN_HOME " + root, e);
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
