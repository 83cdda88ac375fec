package org.gongjian.plugins;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader that sees its own jar, the JDK and the SDK with the libraries it names
 * ({@link #SDK_PACKAGES}), and nothing else of the server: not core classes, not the database
 * driver, not the server's configuration files. A plugin that links against a core class fails
 * with a message that says so, and cannot read {@code application.yml} off the class path.
 */
final class SdkClassLoader extends PluginClassLoader {

    /** What a plugin may use of the server's class path: the SDK, PF4J, SLF4J and Vaadin Flow. */
    static final List<String> SDK_PACKAGES =
            List.of("org.gongjian.plugin.api.", "org.pf4j.", "org.slf4j.", "com.vaadin.", "elemental.");

    private SdkClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader application) {
        super(manager, descriptor, application);
    }

    @Override
    public Class<?> loadClass(String name) throws ClassNotFoundException {
        Class<?> type = super.loadClass(name);
        ClassLoader origin = type.getClassLoader();
        if (origin == null || origin == this || origin instanceof PluginClassLoader || isJdk(origin)) {
            return type;
        }
        if (offered(name)) {
            return type;
        }
        throw new ClassNotFoundException(refusal(name));
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        if (own != null) {
            return own;
        }
        return offeredResource(name) ? super.getResource(name) : null;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return offeredResource(name) ? super.getResources(name) : findResources(name);
    }

    /** Whether a class of the server's class path is part of what plugins may use. */
    static boolean offered(String className) {
        for (String prefix : SDK_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The message a plugin gets for a class it may not use. */
    static String refusal(String className) {
        return className + " is " + kind(className);
    }

    /** What a refused class is, and what plugins may use instead. */
    static String kind(String className) {
        String what =
                className.startsWith("org.gongjian.") ? "a class of the Gongjian core" : "a library of the server";
        return what + ", not part of the plugin SDK: plugins may use the JDK, "
                + String.join(", ", SDK_PACKAGES.stream().map(p -> p + "*").toList())
                + " and what their own jar contains";
    }

    private static boolean offeredResource(String name) {
        String asClass = name.replace('/', '.');
        return offered(asClass) || name.startsWith("java/") || name.startsWith("javax/");
    }

    private static boolean isJdk(ClassLoader origin) {
        return origin == ClassLoader.getPlatformClassLoader();
    }

    /** PF4J's jar loader, handing out SDK class loaders. */
    static final class Loader extends JarPluginLoader {

        Loader(PluginManager manager) {
            super(manager);
        }

        @Override
        protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
            return new SdkClassLoader(pluginManager, descriptor, getClass().getClassLoader());
        }
    }
}
