package org.gongjian.plugins;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.gongjian.home.GongjianHome;
import org.gongjian.ids.IdGenerator;
import org.gongjian.plugin.api.DashboardMetric;
import org.gongjian.plugin.api.GongjianPlugin;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.PluginView;
import org.gongjian.sdk.HostCaller;
import org.gongjian.sdk.PluginExtensions;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.Plugin;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
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
public class PluginHost implements PluginExtensions {

    /** Plugin ids become table and directory names: lowercase letters, digits and dashes. */
    static final Pattern PLUGIN_ID = Pattern.compile("[a-z][a-z0-9-]{1,39}");

    static final String BUNDLED_INDEX = "bundled-plugins/index.txt";

    /** How long a request waits for a plugin being upgraded, and an upgrade for the requests in flight. */
    static final int LEASE_WAIT_SECONDS = 30;

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
    private final Set<String> switchedOff = ConcurrentHashMap.newKeySet();
    private final Map<String, ReentrantReadWriteLock> gates = new ConcurrentHashMap<>();
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

    /** Whether the server loads its plugins when it starts (tests load theirs themselves). */
    boolean loadsOnStartup() {
        return loadOnStartup;
    }

    /** Loads every plugin found in the plugin directories and starts those that resolved. */
    public synchronized void loadAll() {
        loadAll(Set.of());
    }

    /**
     * Copies the bundled plugins out of the server jar, loads every plugin of the plugin directories
     * except those in {@code superseded} (an uploaded version replaces them), and starts those that
     * resolved and are not switched off.
     */
    synchronized void loadAll(Set<String> superseded) {
        copyBundledPlugins();
        manager.loadPlugins();
        for (String id : superseded) {
            if (manager.getPlugin(id) != null) {
                manager.unloadPlugin(id);
            }
        }
        for (PluginWrapper plugin : List.copyOf(manager.getResolvedPlugins())) {
            if (!switchedOff.contains(plugin.getPluginId())) {
                start(plugin.getPluginId());
            }
        }
    }

    /** Logs the state of every plugin (once the server has loaded them all). */
    void logStates() {
        LOG.info(
                "Plugins: {}",
                list().stream().map(p -> p.id() + "=" + p.state()).toList());
    }

    /**
     * Installs a jar whose plugin is not loaded here, or upgrades the loaded plugin to it, and
     * starts it unless the plugin is switched off. Nothing runs before the jar passed every check
     * ({@link #preflight}). An upgrade applies the new version's migrations while the old version
     * keeps serving, then waits for the requests in flight (a {@link #lease}), swaps the versions and
     * starts the new one; when that fails the old version is loaded and started again. Either way a
     * refusal says why, with a stable code.
     *
     * @throws PluginRefused the jar was not installed; what ran before is running still
     */
    public synchronized Installed install(Path jar) {
        PluginDescriptor descriptor = preflight(jar);
        String id = descriptor.getPluginId();
        PluginWrapper current = manager.getPlugin(id);
        if (current == null) {
            loadRefusing(jar);
            if (!switchedOff.contains(id) && start(id) != PluginState.STARTED) {
                PluginRefused why = refusalOf(manager.getPlugin(id));
                unload(id);
                throw why;
            }
            return new Installed(info(manager.getPlugin(id)), null);
        }
        String running = current.getDescriptor().getVersion();
        int newer = manager.getVersionManager().compareVersions(descriptor.getVersion(), running);
        if (newer == 0) {
            throw new PluginRefused(
                    PluginRefused.VERSION_RUNS,
                    "Version " + running + " runs already; a new version needs a higher version number",
                    running);
        }
        if (newer < 0) {
            throw new PluginRefused(
                    PluginRefused.VERSION_NOT_NEWER,
                    "Version " + descriptor.getVersion() + " is not newer than " + running + ", which runs now",
                    descriptor.getVersion(),
                    running);
        }
        migrate(id, jar);
        Path previous = current.getPluginPath();
        boolean start = current.getPluginState() == PluginState.STARTED;
        try (Lease exclusive = exclusive(id)) {
            unload(id);
            loadRefusing(jar);
            if (!start || start(id) == PluginState.STARTED) {
                return new Installed(info(manager.getPlugin(id)), running);
            }
            PluginRefused why = refusalOf(manager.getPlugin(id));
            LOG.error("Plugin {} {} did not start; version {} runs again", id, descriptor.getVersion(), running);
            unload(id);
            manager.loadPlugin(previous);
            start(id);
            throw why;
        }
    }

    /**
     * What must hold before any code or migration of a jar runs: a readable jar with a plugin
     * descriptor and an allowed id, signed by a trusted publisher (outside development mode), linked
     * against the SDK only, made for this platform version, its required plugins running.
     */
    PluginDescriptor preflight(Path jar) {
        try (JarFile ignored = new JarFile(jar.toFile())) {
            // readable as a jar
        } catch (IOException e) {
            throw new PluginRefused(PluginRefused.NOT_A_JAR, "The file is not a readable plugin jar");
        }
        PluginDescriptor descriptor;
        try {
            descriptor = manager.descriptorOf(jar);
        } catch (PluginRuntimeException e) {
            throw new PluginRefused(
                    PluginRefused.NO_DESCRIPTOR, "The jar has no plugin manifest (Plugin-Id, Plugin-Version)");
        }
        if (descriptor.getPluginId() == null || descriptor.getVersion() == null) {
            throw new PluginRefused(
                    PluginRefused.NO_DESCRIPTOR, "The jar has no plugin manifest (Plugin-Id, Plugin-Version)");
        }
        checkId(descriptor.getPluginId());
        checkSignature(jar);
        checkLinks(jar);
        String requires = descriptor.getRequires();
        String platform = manager.getSystemVersion();
        if (requires != null
                && !requires.isBlank()
                && !"*".equals(requires.strip())
                && !manager.getVersionManager().checkVersionConstraint(platform, requires)) {
            throw new PluginRefused(
                    PluginRefused.NEEDS_NEWER_PLATFORM,
                    "The plugin needs platform version " + requires + "; this server is " + platform,
                    requires,
                    platform);
        }
        for (PluginDependency dependency : descriptor.getDependencies()) {
            if (dependency.isOptional()) {
                continue;
            }
            PluginWrapper needed = manager.getPlugin(dependency.getPluginId());
            boolean satisfied = needed != null
                    && needed.getPluginState() == PluginState.STARTED
                    && manager.getVersionManager()
                            .checkVersionConstraint(
                                    needed.getDescriptor().getVersion(), dependency.getPluginVersionSupport());
            if (!satisfied) {
                throw new PluginRefused(
                        PluginRefused.DEPENDENCY_MISSING,
                        "The plugin needs plugin " + dependency.getPluginId() + " "
                                + dependency.getPluginVersionSupport() + " running",
                        dependency.getPluginId(),
                        dependency.getPluginVersionSupport());
            }
        }
        return descriptor;
    }

    /**
     * Switches a plugin off on this node: it stops, its pages, endpoints, jobs and listeners go
     * away, and it is not started again (not at a restart either) until {@link #switchOn}.
     */
    public synchronized void switchOff(String pluginId) {
        switchedOff.add(pluginId);
        if (manager.getPlugin(pluginId) != null) {
            try (Lease exclusive = exclusive(pluginId)) {
                stop(pluginId);
            }
        }
    }

    /** Switches a plugin on again and starts it; the state it reaches (FAILED with a reason, maybe). */
    public synchronized Optional<PluginInfo> switchOn(String pluginId) {
        switchedOff.remove(pluginId);
        if (manager.getPlugin(pluginId) == null) {
            return Optional.empty();
        }
        start(pluginId);
        return find(pluginId);
    }

    /** Whether the platform administrator switched the plugin off. */
    public boolean isSwitchedOff(String pluginId) {
        return switchedOff.contains(pluginId);
    }

    /**
     * Holds a plugin's current version for one request: an upgrade or a switch-off waits until the
     * requests holding a lease have finished, and requests arriving meanwhile wait for the swap
     * (up to {@value #LEASE_WAIT_SECONDS} s) and then reach the new version.
     */
    public Lease lease(String pluginId) {
        ReentrantReadWriteLock gate = gates.get(pluginId);
        if (gate == null && manager.getPlugin(pluginId) == null) {
            return () -> {}; // no such plugin: nothing to hold (and no lock kept per unknown id)
        }
        return acquire(gate(pluginId).readLock(), pluginId);
    }

    private Lease exclusive(String pluginId) {
        return acquire(gate(pluginId).writeLock(), pluginId);
    }

    private ReentrantReadWriteLock gate(String pluginId) {
        return gates.computeIfAbsent(pluginId, id -> new ReentrantReadWriteLock(true));
    }

    private static Lease acquire(java.util.concurrent.locks.Lock lock, String pluginId) {
        try {
            if (!lock.tryLock(LEASE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new PluginRefused(
                        PluginRefused.BUSY, "Plugin " + pluginId + " is being changed; try again in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginRefused(PluginRefused.BUSY, "Interrupted while waiting for plugin " + pluginId);
        }
        return lock::unlock;
    }

    /** A plugin just installed, and the version it replaced (null for a first install). */
    public record Installed(PluginInfo plugin, @Nullable String previousVersion) {}

    /** A plugin version held (see {@link #lease}); closing releases it. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    private void loadRefusing(Path jar) {
        try {
            manager.loadPlugin(jar);
        } catch (PluginRuntimeException e) {
            throw e instanceof PluginRefused refused
                    ? refused
                    : new PluginRefused(PluginRefused.START_FAILED, e, String.valueOf(e.getMessage()));
        }
    }

    private static PluginRefused refusalOf(PluginWrapper plugin) {
        Throwable failure = plugin.getFailedException();
        return failure instanceof PluginRefused refused
                ? refused
                : new PluginRefused(PluginRefused.START_FAILED, failure, reason(plugin), reason(plugin));
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
            if (!isBundled(plugin.getPluginPath())) {
                checkSignature(plugin.getPluginPath());
            }
            checkLinks(plugin.getPluginPath());
            migrate(pluginId, plugin.getPluginPath());
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
                .map(this::info)
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .toList();
    }

    public Optional<PluginInfo> find(String pluginId) {
        return Optional.ofNullable(manager.getPlugin(pluginId)).map(this::info);
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
        // Per started plugin: PF4J's own "all extensions" adds those indexed on the server's class
        // path, which in a plugin's own tests (the test kit) are class-path copies of its classes.
        List<T> all = new ArrayList<>();
        for (PluginWrapper plugin : manager.getStartedPlugins()) {
            all.addAll(manager.getExtensions(extensionPoint, plugin.getPluginId()));
        }
        return all;
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
     * A component of a started plugin (a page, a member section), constructed with ({@link
     * PluginContext}, {@link PluginCaller}, {@code extra...}) when it has that constructor, else as
     * the host constructs plugin classes (the context only, or nothing).
     */
    public <T> T create(Class<T> type, PluginCaller caller, Object... extra) {
        Optional<PluginContext> context = contextOf(type);
        if (context.isPresent()) {
            for (Constructor<?> constructor : type.getConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                if (parameters.length == 2 + extra.length
                        && parameters[0] == PluginContext.class
                        && parameters[1] == PluginCaller.class
                        && fits(parameters, extra)) {
                    Object[] arguments = new Object[parameters.length];
                    arguments[0] = context.get();
                    arguments[1] = caller;
                    System.arraycopy(extra, 0, arguments, 2, extra.length);
                    try {
                        return type.cast(constructor.newInstance(arguments));
                    } catch (InvocationTargetException e) {
                        throw new IllegalStateException("Constructing " + type.getName() + " failed", e.getCause());
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("Cannot construct " + type.getName(), e);
                    }
                }
            }
        }
        return instantiate(type);
    }

    private static boolean fits(Class<?>[] parameters, Object[] extra) {
        for (int i = 0; i < extra.length; i++) {
            Class<?> expected = parameters[i + 2];
            boolean primitiveLong = expected == long.class && extra[i] instanceof Long;
            if (!primitiveLong && !expected.isInstance(extra[i])) {
                return false;
            }
        }
        return true;
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

    /**
     * Applies the migrations of a plugin jar in the plugin's own schema, reading them through a
     * class loader of the jar alone (no plugin code runs). Migrations applied by a newer version are
     * left alone, so a version that runs again after a failed upgrade starts on the newer schema:
     * plugin migrations add, they do not take away (docs/plugins/README.md). A migration that fails
     * is taken out of the history again, so a corrected jar can run it.
     */
    private void migrate(String id, Path jar) {
        String location = "db/migration/" + id;
        URL url;
        try {
            url = jar.toUri().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {url}, ClassLoader.getPlatformClassLoader())) {
            if (loader.getResource(location) == null) {
                return;
            }
            Flyway flyway = Flyway.configure(loader)
                    .dataSource(databases.open(id))
                    .locations("classpath:" + location)
                    .table("flyway_history_" + id.replace('-', '_'))
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load();
            try {
                var result = flyway.migrate();
                if (result.migrationsExecuted > 0) {
                    LOG.info(
                            "Plugin {}: {} migration(s) applied, schema now at {}",
                            id,
                            result.migrationsExecuted,
                            result.targetSchemaVersion);
                }
            } catch (RuntimeException e) {
                repair(flyway, id);
                throw new PluginRefused(
                        PluginRefused.MIGRATION_FAILED,
                        e,
                        "A migration of the plugin failed: "
                                + String.valueOf(e.getMessage())
                                        .lines()
                                        .findFirst()
                                        .orElse("") + " ("
                                + rootMessage(e) + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            forgetCachedJars(new URL[] {url});
        }
    }

    private static void repair(Flyway flyway, String id) {
        try {
            flyway.repair();
        } catch (RuntimeException e) {
            LOG.warn("Plugin {}: the failed migration could not be taken out of the history: {}", id, e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage()).lines().findFirst().orElse("");
    }

    private boolean isBundled(Path jar) {
        return jar.toAbsolutePath()
                .startsWith(home.directory(".bundled-plugins").toAbsolutePath());
    }

    /**
     * A plugin jar runs only when every entry is signed by a publisher the operator trusts, unless
     * development mode is on; the jars shipped inside the server are part of its own release.
     */
    private void checkSignature(Path jar) {
        if (developmentMode || !Files.isRegularFile(jar)) {
            return;
        }
        Optional<PluginSignatures.Refusal> refusal =
                PluginSignatures.trusting(home.directory("trusted-publishers")).check(jar);
        if (refusal.isPresent()) {
            throw new PluginRefused(refusal.get().code(), refusal.get().message());
        }
    }

    /** A plugin linked against classes it may not use is refused before any of its code runs. */
    private static void checkLinks(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return;
        }
        Set<String> forbidden = PluginLinks.forbidden(jar);
        if (!forbidden.isEmpty()) {
            throw new PluginRefused(
                    PluginRefused.LINKS_CORE,
                    PluginLinks.refusal(forbidden),
                    forbidden.iterator().next());
        }
    }

    /** Plugin ids name tables and directories: checked before a plugin's migrations or constructor run. */
    private static void checkId(String id) {
        if (!PLUGIN_ID.matcher(id).matches() || "core".equals(id)) {
            throw new PluginRefused(
                    PluginRefused.ID_NOT_ALLOWED,
                    "Plugin id '" + id + "' is not allowed: use 2-40 lowercase letters, digits, dashes",
                    id);
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

    private PluginInfo info(PluginWrapper plugin) {
        var descriptor = plugin.getDescriptor();
        boolean failed = plugin.getPluginState() == PluginState.FAILED;
        boolean off = switchedOff.contains(plugin.getPluginId()) && !failed;
        return new PluginInfo(
                plugin.getPluginId(),
                descriptor.getVersion(),
                off ? PluginState.DISABLED.name() : plugin.getPluginState().name(),
                blankToNull(descriptor.getPluginDescription()),
                blankToNull(descriptor.getProvider()),
                failed ? reason(plugin) : null,
                failed ? refusalOf(plugin).code() : null,
                !switchedOff.contains(plugin.getPluginId()),
                source(plugin.getPluginPath()));
    }

    private String source(Path jar) {
        if (isBundled(jar)) {
            return PluginInfo.BUNDLED;
        }
        return jar.toAbsolutePath().startsWith(home.directory("plugin-store").toAbsolutePath())
                ? PluginInfo.UPLOADED
                : PluginInfo.DIRECTORY;
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

        PluginDescriptor descriptorOf(Path jar) {
            return getPluginDescriptorFinder().find(jar);
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
