package org.gongjian.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Writes a real PF4J plugin jar for tests: a manifest with the plugin's id, version and class, the
 * extension index PF4J's {@code LegacyExtensionFinder} reads, the class files of the given classes
 * (nested ones included) copied from the test class path, extra resources such as migrations, and a
 * directory entry for every parent directory (Flyway's class path scanner finds {@code
 * db/migration/<id>} only through one).
 *
 * <pre>{@code
 * Path jar = PluginJar.of("items", "1.0.0", TablePlugin.class)
 *         .extension(ItemCountMetric.class)
 *         .resource("db/migration/items/V1__items.sql", "CREATE TABLE items_item (...)")
 *         .writeTo(dir.resolve("items.jar"));
 * }</pre>
 */
final class PluginJar {

    private final String pluginId;
    private final String version;
    private final String pluginClass;
    private String requires;
    private String dependencies;
    private final Set<Class<?>> classes = new LinkedHashSet<>();
    private final List<String> extensions = new ArrayList<>();
    private final Map<String, byte[]> resources = new LinkedHashMap<>();

    private PluginJar(String pluginId, String version, String pluginClass) {
        this.pluginId = pluginId;
        this.version = version;
        this.pluginClass = pluginClass;
    }

    /** A plugin whose {@code Plugin-Class} is {@code pluginClass}; its class files go into the jar. */
    static PluginJar of(String pluginId, String version, Class<?> pluginClass) {
        PluginJar jar = new PluginJar(pluginId, version, pluginClass.getName());
        jar.classes.add(pluginClass);
        return jar;
    }

    /** {@code Plugin-Requires}: the host versions the plugin runs on, e.g. {@code ">=0.1.0"}. */
    PluginJar requires(String versions) {
        this.requires = versions;
        return this;
    }

    /** {@code Plugin-Dependencies}: plugins that must run first, e.g. {@code "points-shop@>=1.0.0"}. */
    PluginJar dependencies(String plugins) {
        this.dependencies = plugins;
        return this;
    }

    /** Adds the class files of these classes (with their nested classes). */
    PluginJar classes(Class<?>... types) {
        classes.addAll(List.of(types));
        return this;
    }

    /** Adds an extension: its class files and a line in {@code META-INF/extensions.idx}. */
    PluginJar extension(Class<?> type) {
        classes.add(type);
        extensions.add(type.getName());
        return this;
    }

    PluginJar resource(String path, String content) {
        resources.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** A migration of this plugin: {@code db/migration/<pluginId>/<fileName>}. */
    PluginJar migration(String fileName, String sql) {
        return resource("db/migration/" + pluginId + "/" + fileName, sql);
    }

    /**
     * Writes the jar, replacing any file at {@code target} atomically (a loaded plugin keeps reading
     * the old file until its class loader is closed).
     */
    Path writeTo(Path target) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", manifest());
        if (!extensions.isEmpty()) {
            entries.put(
                    "META-INF/extensions.idx",
                    String.join("\n", extensions).concat("\n").getBytes(StandardCharsets.UTF_8));
        }
        for (Class<?> type : classes) {
            entries.putAll(classFiles(type));
        }
        entries.putAll(resources);
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(
                    target.toAbsolutePath().getParent(), target.getFileName().toString(), ".part");
            try (OutputStream file = Files.newOutputStream(tmp);
                    JarOutputStream out = new JarOutputStream(file)) {
                Set<String> directories = new LinkedHashSet<>();
                for (String name : entries.keySet()) {
                    for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                        String directory = name.substring(0, slash + 1);
                        if (directories.add(directory)) {
                            out.putNextEntry(new JarEntry(directory));
                            out.closeEntry();
                        }
                    }
                    out.putNextEntry(new JarEntry(name));
                    out.write(entries.get(name));
                    out.closeEntry();
                }
            }
            return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] manifest() {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", pluginId);
        main.putValue("Plugin-Version", version);
        main.putValue("Plugin-Class", pluginClass);
        main.putValue("Plugin-Provider", "Gongjian tests");
        main.putValue("Plugin-Description", "Test plugin " + pluginId);
        if (requires != null) {
            main.putValue("Plugin-Requires", requires);
        }
        if (dependencies != null) {
            main.putValue("Plugin-Dependencies", dependencies);
        }
        try (var out = new java.io.ByteArrayOutputStream()) {
            manifest.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class file of {@code type} and of every class nested in it, anonymous ones included. */
    private static Map<String, byte[]> classFiles(Class<?> type) {
        Class<?> outer = type;
        while (outer.getEnclosingClass() != null) {
            outer = outer.getEnclosingClass();
        }
        String path = type.getName().replace('.', '/') + ".class";
        URL url = type.getClassLoader().getResource(path);
        if (url == null) {
            throw new IllegalArgumentException("No class file for " + type.getName());
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        if ("file".equals(url.getProtocol())) {
            // Siblings named Outer$... are the nested, local and anonymous classes.
            String prefix = outer.getSimpleName() + "$";
            String directory = path.substring(0, path.lastIndexOf('/') + 1);
            try (Stream<Path> siblings = Files.list(Path.of(url.toURI()).getParent())) {
                for (Path sibling : siblings.sorted().toList()) {
                    String name = sibling.getFileName().toString();
                    if (name.endsWith(".class")
                            && (name.startsWith(prefix) || name.equals(outer.getSimpleName() + ".class"))) {
                        files.put(directory + name, Files.readAllBytes(sibling));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        } else {
            addMemberClasses(outer, files);
        }
        return files;
    }

    private static void addMemberClasses(Class<?> type, Map<String, byte[]> files) {
        String path = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No class file for " + type.getName());
            }
            files.put(path, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            addMemberClasses(nested, files);
        }
    }
}
