package org.gongjian.plugins;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.gongjian.home.GongjianHome;
import org.gongjian.ids.IdGenerator;
import org.gongjian.plugin.api.DashboardMetric;
import org.gongjian.plugin.api.GongjianPlugin;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.PluginView;
import org.gongjian.sdk.HostCaller;
import org.gongjian.sdk.PluginExtensions;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, starts, stops and unloads plugins, and answers which extensions are available. One per
 * server. A plugin that fails (bad jar, failing migration, exception in {@code start()}) is left in
 * the FAILED state with its reason; the host and the other plugins keep running.
 */
@Singleton
public class PluginHost implements ApplicationEventListener<StartupEvent>, PluginExtensions {

    /** Plugin ids become table and directory names: lowercase letters, digits and dashes. */
    static final Pattern PLUGIN_ID = Pattern.compile("[a-z][a-z0-9-]{1,39}");

    static final String BUNDLED_INDEX = "bundled-plugins/index.txt";

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final GongjianHome home;
    private final Clock clock;
    private final IdGenerator ids;
    private final HostServices services;
    private final PluginDatabases databases;
    private final boolean loadOnStartup;
    private final boolean developmentMode;
    private final Map<String, HostPluginContext> contexts = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> extensions = new ConcurrentHashMap<>();
    private final List<PluginLifecycleListener> listeners = new CopyOnWriteArrayList<>();
    private final Manager manager;

    PluginHost(
            GongjianHome home,
            Clock clock,
            IdGenerator ids,
            HostServices services,
            PluginDatabases databases,
            @Value("${gongjian.plugins.load-on-startup:true}") boolean loadOnStartup,
            @Value("${gongjian.plugins.development-mode:false}") boolean developmentMode) {
        this.home = home;
        this.clock = clock;
        this.ids = ids;
        this.services = services;
        this.databases = databases;
        this.loadOnStartup = loadOnStartup;
        this.developmentMode = developmentMode;
        if (developmentMode) {
            LOG.warn("Plugin development mode is on: unsigned plugins are started. Never on a server people use.");
        }
        this.manager = new Manager(List.of(home.directory("plugins"), home.directory(".bundled-plugins")), this);
        this.manager.setSystemVersion(SystemVersion.current());
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (loadOnStartup) {
            copyBundledPlugins();
            loadAll();
        }
    }

    /** Loads every plugin found in the plugin directories and starts those that resolved. */
    public synchronized void loadAll() {
        manager.loadPlugins();
        for (PluginWrapper plugin : List.copyOf(manager.getResolvedPlugins())) {
            start(plugin.getPluginId());
        }
        LOG.info(
                "Plugins: {}",
                list().stream().map(p -> p.id() + "=" + p.state()).toList());
    }

    /** Loads one plugin jar (already in a plugin directory or anywhere else) and starts it. */
    public synchronized PluginInfo load(Path jar) {
        String id = manager.loadPlugin(jar);
        start(id);
        return info(manager.getPlugin(id));
    }

    /** Runs the plugin's migrations, then starts it. Failures leave it FAILED, with the reason. */
    public synchronized PluginState start(String pluginId) {
        PluginWrapper plugin = manager.getPlugin(pluginId);
        if (plugin == null) {
            throw new IllegalArgumentException("No plugin " + pluginId);
        }
        if (plugin.getPluginState() == PluginState.STARTED) {
            return PluginState.STARTED; // listeners already know; telling them twice adds its pages twice
        }
        // PF4J disables a plugin built for another host version; such a plugin must not touch the schema.
        if (plugin.getPluginState().isDisabled() && !manager.enablePlugin(pluginId)) {
            LOG.error("Plugin {} is disabled and cannot be enabled (see the log above); it stays stopped", pluginId);
            return plugin.getPluginState();
        }
        try {
            checkId(pluginId);
            checkSignature(plugin);
            checkLinks(plugin);
            migrate(plugin);
        } catch (RuntimeException e) {
            LOG.error("Plugin {} cannot start: {}; it stays stopped", pluginId, e.getMessage());
            plugin.setPluginState(PluginState.FAILED);
            plugin.setFailedException(e);
            return PluginState.FAILED;
        }
        PluginState state = manager.startPlugin(pluginId);
        if (state == PluginState.STARTED) {
            listeners.forEach(l -> notify(() -> l.started(pluginId)));
        } else {
            LOG.error("Plugin {} did not start: {}", pluginId, reason(plugin));
        }
        return state;
    }

    /** Stops a started plugin; its extensions and pages go away. */
    public synchronized PluginState stop(String pluginId) {
        PluginWrapper plugin = manager.getPlugin(pluginId);
        if (plugin == null) {
            throw new IllegalArgumentException("No plugin " + pluginId);
        }
        if (plugin.getPluginState() == PluginState.STARTED) {
            listeners.forEach(l -> notify(() -> l.stopping(pluginId)));
        }
        PluginState state = manager.stopPlugin(pluginId);
        evict(plugin.getPluginClassLoader());
        return state;
    }

    /** Stops and unloads a plugin, closing its class loader. The jar stays where it is. */
    public synchronized boolean unload(String pluginId) {
        PluginWrapper plugin = manager.getPlugin(pluginId);
        if (plugin == null) {
            return false;
        }
        if (plugin.getPluginState() == PluginState.STARTED) {
            listeners.forEach(l -> notify(() -> l.stopping(pluginId)));
        }
        ClassLoader loader = plugin.getPluginClassLoader();
        URL[] jars = loader instanceof URLClassLoader urls ? urls.getURLs() : new URL[0];
        boolean unloaded = manager.unloadPlugin(pluginId);
        evict(loader);
        forgetCachedJars(jars);
        contexts.remove(pluginId);
        services.forget(pluginId);
        databases.close(pluginId);
        return unloaded;
    }

    /** Unloads a plugin and loads its jar again (e.g. after the jar was replaced by a new version). */
    public synchronized PluginInfo reload(String pluginId) {
        PluginWrapper plugin = manager.getPlugin(pluginId);
        if (plugin == null) {
            throw new IllegalArgumentException("No plugin " + pluginId);
        }
        Path path = plugin.getPluginPath();
        unload(pluginId);
        return load(path);
    }

    /** Every plugin the host knows, in id order. */
    public List<PluginInfo> list() {
        return manager.getPlugins().stream()
                .map(PluginHost::info)
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .toList();
    }

    public Optional<PluginInfo> find(String pluginId) {
        return Optional.ofNullable(manager.getPlugin(pluginId)).map(PluginHost::info);
    }

    @Override
    public List<String> startedPluginIds() {
        return manager.getStartedPlugins().stream()
                .map(PluginWrapper::getPluginId)
                .sorted()
                .toList();
    }

    public long startedCount() {
        return manager.getStartedPlugins().size();
    }

    /** The extensions of started plugins implementing an SDK extension point. */
    @Override
    public <T> List<T> extensions(Class<T> extensionPoint) {
        return manager.getExtensions(extensionPoint);
    }

    /** The extensions of one started plugin implementing an SDK extension point (empty when not started). */
    @Override
    public <T> List<T> extensions(Class<T> extensionPoint, String pluginId) {
        PluginWrapper plugin = manager.getPlugin(pluginId);
        return plugin == null || plugin.getPluginState() != PluginState.STARTED
                ? List.of()
                : manager.getExtensions(extensionPoint, pluginId);
    }

    /** The context of a loaded plugin (its own data source), for the host services working for it. */
    Optional<PluginContext> context(String pluginId) {
        return Optional.ofNullable(contexts.get(pluginId));
    }

    /** The pages of started plugins, with the plugin each belongs to. */
    public List<ContributedView> views() {
        List<ContributedView> views = new ArrayList<>();
        for (PluginWrapper plugin : manager.getStartedPlugins()) {
            for (PluginView view : manager.getExtensions(PluginView.class, plugin.getPluginId())) {
                views.add(new ContributedView(plugin.getPluginId(), view));
            }
        }
        return views;
    }

    /**
     * The dashboard numbers of started plugins, as the caller may see them; a metric that throws is
     * left out and logged.
     */
    public List<MetricValue> metrics(HostCaller caller) {
        Locale locale = caller.locale();
        List<MetricValue> values = new ArrayList<>();
        for (PluginWrapper plugin : manager.getStartedPlugins()) {
            for (DashboardMetric metric : manager.getExtensions(DashboardMetric.class, plugin.getPluginId())) {
                try {
                    values.add(new MetricValue(
                            plugin.getPluginId(), metric.key(), metric.label(locale), metric.value(caller)));
                } catch (RuntimeException e) {
                    LOG.warn("Metric {} of plugin {} failed", metric.getClass().getName(), plugin.getPluginId(), e);
                }
            }
        }
        return values;
    }

    /**
     * Constructs a class of a started plugin (an extension or a page component), passing the
     * plugin's context to a constructor that takes one.
     */
    public <T> T instantiate(Class<T> type) {
        PluginWrapper plugin = manager.whichPlugin(type);
        PluginContext context = plugin == null ? null : contexts.get(plugin.getPluginId());
        return construct(type, context);
    }

    /**
     * The context of the started plugin a class belongs to, for components whose constructor takes
     * more than the context (a page's caller, a member section's member).
     */
    public Optional<PluginContext> contextOf(Class<?> type) {
        PluginWrapper plugin = manager.whichPlugin(type);
        return plugin == null ? Optional.empty() : Optional.ofNullable(contexts.get(plugin.getPluginId()));
    }

    public void addListener(PluginLifecycleListener listener) {
        listeners.add(listener);
    }

    public void removeListener(PluginLifecycleListener listener) {
        listeners.remove(listener);
    }

    @PreDestroy
    synchronized void shutdown() {
        // stopPlugins() of PF4J 3.15 modifies the list it iterates: stop one by one over a copy.
        List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
        Collections.reverse(started);
        for (PluginWrapper plugin : started) {
            try {
                stop(plugin.getPluginId());
            } catch (RuntimeException e) {
                LOG.warn("Plugin {} did not stop cleanly", plugin.getPluginId(), e);
            }
        }
        for (PluginWrapper plugin : List.copyOf(manager.getPlugins())) {
            manager.unloadPlugin(plugin.getPluginId());
        }
    }

    private void migrate(PluginWrapper plugin) {
        String id = plugin.getPluginId();
        ClassLoader loader = plugin.getPluginClassLoader();
        String location = "db/migration/" + id;
        if (loader.getResource(location) == null) {
            return;
        }
        var result = Flyway.configure(loader)
                .dataSource(databases.open(id))
                .locations("classpath:" + location)
                .table("flyway_history_" + id.replace('-', '_'))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info(
                    "Plugin {}: {} migration(s) applied, schema now at {}",
                    id,
                    result.migrationsExecuted,
                    result.targetSchemaVersion);
        }
    }

    /**
     * A plugin jar runs only when every entry is signed by a publisher the operator trusts, unless
     * development mode is on; the jars shipped inside the server are part of its own release.
     */
    private void checkSignature(PluginWrapper plugin) {
        Path jar = plugin.getPluginPath();
        if (developmentMode || !Files.isRegularFile(jar) || jar.startsWith(home.directory(".bundled-plugins"))) {
            return;
        }
        Optional<PluginSignatures.Refusal> refusal =
                PluginSignatures.trusting(home.directory("trusted-publishers")).check(jar);
        if (refusal.isPresent()) {
            throw new PluginRuntimeException("{}", refusal.get().message());
        }
    }

    /** A plugin linked against classes it may not use is refused before any of its code runs. */
    private static void checkLinks(PluginWrapper plugin) {
        Path jar = plugin.getPluginPath();
        if (!Files.isRegularFile(jar)) {
            return;
        }
        Set<String> forbidden = PluginLinks.forbidden(jar);
        if (!forbidden.isEmpty()) {
            throw new PluginRuntimeException("{}", PluginLinks.refusal(forbidden));
        }
    }

    /** Plugin ids name tables and directories: checked before a plugin's migrations or constructor run. */
    private static void checkId(String id) {
        if (!PLUGIN_ID.matcher(id).matches() || "core".equals(id)) {
            throw new PluginRuntimeException(
                    "Plugin id '{}' is not allowed: use 2-40 lowercase letters, digits, dashes", id);
        }
    }

    /**
     * Flyway and PF4J read a plugin's migrations and extension index through {@code jar:} URLs, whose
     * opened jar files the JDK caches per jar path; closing the plugin's class loader does not release
     * them. Without this, a jar replaced at the same path (an upgrade) would be read from the stale
     * cached copy of the old one.
     */
    private static void forgetCachedJars(URL[] jars) {
        for (URL url : jars) {
            if (!url.getPath().endsWith(".jar")) {
                continue;
            }
            try {
                if (URI.create("jar:" + url + "!/").toURL().openConnection() instanceof JarURLConnection jar) {
                    jar.setUseCaches(true);
                    jar.getJarFile().close(); // closing a cached jar file removes it from the cache
                }
            } catch (IOException e) {
                LOG.debug("Could not release the cached jar {}", url, e);
            }
        }
    }

    private Plugin createPlugin(PluginWrapper wrapper) {
        String id = wrapper.getPluginId();
        checkId(id);
        String className = wrapper.getDescriptor().getPluginClass();
        Class<?> type;
        try {
            type = wrapper.getPluginClassLoader().loadClass(className);
        } catch (ClassNotFoundException e) {
            throw new PluginRuntimeException(e, "Plugin class {} not found in {}", className, wrapper.getPluginPath());
        }
        if (!GongjianPlugin.class.isAssignableFrom(type)) {
            throw new PluginRuntimeException(
                    "Plugin class {} does not extend {}", className, GongjianPlugin.class.getName());
        }
        return (Plugin) construct(type, context(wrapper));
    }

    private HostPluginContext context(PluginWrapper wrapper) {
        return contexts.computeIfAbsent(
                wrapper.getPluginId(),
                id -> new HostPluginContext(
                        id,
                        wrapper.getDescriptor().getVersion(),
                        databases.open(id),
                        home.directory("plugin-data/" + id),
                        clock,
                        ids,
                        services));
    }

    private <T> T createExtension(Class<T> type) {
        return type.cast(extensions.computeIfAbsent(type, this::instantiate));
    }

    private static <T> T construct(Class<T> type, PluginContext context) {
        try {
            if (context != null) {
                for (Constructor<?> constructor : type.getConstructors()) {
                    if (constructor.getParameterCount() == 1
                            && constructor.getParameterTypes()[0] == PluginContext.class) {
                        return type.cast(constructor.newInstance(context));
                    }
                }
            }
            return type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new PluginRuntimeException(e.getCause(), "Constructing {} failed: {}", type.getName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new PluginRuntimeException(
                    e, "{} needs a public constructor taking a PluginContext or none", type.getName());
        }
    }

    private void evict(ClassLoader loader) {
        extensions.keySet().removeIf(type -> type.getClassLoader() == loader);
    }

    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("A plugin lifecycle listener failed", e);
        }
    }

    private static PluginInfo info(PluginWrapper plugin) {
        var descriptor = plugin.getDescriptor();
        return new PluginInfo(
                plugin.getPluginId(),
                descriptor.getVersion(),
                plugin.getPluginState().name(),
                blankToNull(descriptor.getPluginDescription()),
                blankToNull(descriptor.getProvider()),
                plugin.getPluginState() == PluginState.FAILED ? reason(plugin) : null);
    }

    private static String reason(PluginWrapper plugin) {
        Throwable failure = plugin.getFailedException();
        if (failure == null) {
            return plugin.getPluginState().name();
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure.getMessage()) : failure.getMessage() + ": " + root;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Copies the plugin jars shipped inside the server jar to {@code $GONGJIAN_HOME/.bundled-plugins}. */
    private void copyBundledPlugins() {
        Path target = home.directory(".bundled-plugins");
        try {
            Enumeration<URL> indexes = getClass().getClassLoader().getResources(BUNDLED_INDEX);
            while (indexes.hasMoreElements()) {
                URL index = indexes.nextElement();
                String names;
                try (InputStream in = index.openStream()) {
                    names = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                for (String name : names.lines()
                        .map(String::strip)
                        .filter(n -> n.endsWith(".jar"))
                        .toList()) {
                    try (InputStream jar = new URL(index, name).openStream()) {
                        Path tmp = Files.createTempFile(target, name, ".part");
                        Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
                        Path dest = target.resolve(name);
                        if (Files.exists(dest) && Files.mismatch(tmp, dest) == -1) {
                            Files.delete(tmp);
                        } else {
                            Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the bundled plugins to " + target, e);
        }
    }

    /** A page contributed by a started plugin. */
    public record ContributedView(String pluginId, PluginView view) {}

    /** One number of the dashboard contributed by a plugin. */
    public record MetricValue(String pluginId, String key, String label, long value) {}

    /** PF4J's manager with our factories; they reach back to the host lazily. */
    private static final class Manager extends DefaultPluginManager {

        private final PluginHost host;

        Manager(List<Path> roots, PluginHost host) {
            super(roots);
            this.host = host;
        }

        @Override
        protected PluginLoader createPluginLoader() {
            return new SdkClassLoader.Loader(this);
        }

        @Override
        protected PluginFactory createPluginFactory() {
            return wrapper -> host.createPlugin(wrapper);
        }

        @Override
        protected ExtensionFactory createExtensionFactory() {
            return new ExtensionFactory() {
                @Override
                public <T> T create(Class<T> type) {
                    return host.createExtension(type);
                }
            };
        }
    }
}
