package org.gongjian.testkit;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.Role;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.plugin.api.MemberSection;
import org.gongjian.plugin.api.PluginView;
import org.gongjian.plugin.api.SelfServicePage;
import org.gongjian.plugins.PluginEnablement;
import org.gongjian.plugins.PluginHost;
import org.gongjian.plugins.PluginInfo;
import org.gongjian.plugins.PluginInstaller;
import org.gongjian.sdk.CurrentPluginCaller;
import org.gongjian.sdk.HostCaller;
import org.gongjian.sdk.HostCallers;
import org.gongjian.security.UserAdmin;

/**
 * A real Gongjian server for a plugin's tests: its own home and embedded MariaDB, the HTTP API on a
 * free port, the plugin installed from its jar as built through the same installer the plugins page
 * and {@code POST /api/plugins} use. Sign in people with a role at an organization, call the
 * plugin's endpoints as they would, and open its pages in a mocked Vaadin UI (Karibu).
 *
 * <pre>{@code
 * try (PluginTestHost host = PluginTestHost.start()) {
 *     PluginInfo plugin = host.install(PluginTestHost.builtJar());
 *     Organization community = host.community("花园社区");
 *     PluginTestHost.Person secretary = host.person(Role.ORG_ADMIN, community);
 *     var answer = host.get(secretary, "/api/plugins/" + plugin.id() + "/x/notices");
 *     Component page = host.page(NoticeBoardView.class, secretary);
 * }
 * }</pre>
 *
 * Development mode is on (a jar built by {@code mvn package} is unsigned); {@link
 * #start(boolean)} with {@code false} checks signatures as a production server does.
 */
public final class PluginTestHost implements AutoCloseable {

    /** The password of every person {@link #person} creates. */
    public static final String PASSWORD = "plugin-test-password-1";

    private static final AtomicInteger PEOPLE = new AtomicInteger();

    private final ApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();
    private boolean vaadin;

    private PluginTestHost(ApplicationContext context) {
        this.context = context;
    }

    /** Starts a host in development mode (unsigned jars run). */
    public static PluginTestHost start() {
        return start(true);
    }

    /** Starts a host; outside development mode only jars signed by a trusted publisher run. */
    public static PluginTestHost start(boolean developmentMode) {
        try {
            Path home = Files.createTempDirectory("gongjian-plugin-test");
            Map<String, Object> properties = new HashMap<>();
            properties.put("gongjian.home", home.toString());
            properties.put("gongjian.home-delete-on-shutdown", true);
            properties.put("gongjian.port", -1);
            properties.put("gongjian.bind", "127.0.0.1");
            properties.put("gongjian.plugins.development-mode", developmentMode);
            ApplicationContext context = ApplicationContext.builder()
                    .properties(properties)
                    .deduceEnvironment(false)
                    .start();
            context.getBean(EmbeddedServer.class).start();
            return new PluginTestHost(context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The plugin jar the build has just packaged: the one {@code *.jar} in {@code target/} that is
     * not a sources or javadoc jar (the kit's tests run after {@code package}, as failsafe's do).
     */
    public static Path builtJar() {
        Path target = Path.of("target");
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.endsWith(".jar")
                                && !name.endsWith("-sources.jar")
                                && !name.endsWith("-javadoc.jar");
                    })
                    .toList();
            if (jars.size() != 1) {
                throw new IllegalStateException("Expected one plugin jar in " + target.toAbsolutePath() + ", found "
                        + jars + ": run the test with `mvn verify` (after package)");
            }
            return jars.getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("No target directory: run the test with `mvn verify`", e);
        }
    }

    /**
     * A copy of a plugin jar as another version: {@code Plugin-Version} set to {@code version},
     * without the entries {@code drop} names (e.g. a later migration, to make the version before
     * it). For upgrade tests of the jar as built.
     */
    public static Path otherVersion(Path jar, String version, java.util.function.Predicate<String> drop, Path target) {
        try (java.util.jar.JarFile in = new java.util.jar.JarFile(jar.toFile())) {
            java.util.jar.Manifest manifest = new java.util.jar.Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Plugin-Version", version);
            try (java.util.jar.JarOutputStream out =
                    new java.util.jar.JarOutputStream(Files.newOutputStream(target), manifest)) {
                for (java.util.jar.JarEntry entry : in.stream().toList()) {
                    if (entry.getName().equals(java.util.jar.JarFile.MANIFEST_NAME) || drop.test(entry.getName())) {
                        continue;
                    }
                    out.putNextEntry(new java.util.jar.JarEntry(entry.getName()));
                    try (java.io.InputStream content = in.getInputStream(entry)) {
                        content.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Installs (or upgrades to) a plugin jar as a platform administrator would upload it.
     *
     * @throws org.gongjian.errors.InvalidInputException the refusal, with its code
     */
    public PluginInfo install(Path jar) {
        try {
            return context.getBean(PluginInstaller.class)
                    .install(Caller.system(), new ByteArrayInputStream(Files.readAllBytes(jar)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A street (党委) at the top of a new tree. */
    public Organization street(String name) {
        return organizations().createRoot(OrganizationKind.PARTY_COMMITTEE, name);
    }

    /** A new resident (member) of an organization; answers the member's id. */
    public long member(Organization organization, String name) {
        return context.getBean(org.gongjian.members.Members.class)
                .create(Caller.system(), org.gongjian.members.MemberInput.named(organization.id(), name))
                .id();
    }

    /**
     * A point kind of an organization (e.g. {@code VOL}, 志愿积分), amounts in tenths of a point,
     * never expiring, no negative balances.
     */
    public org.gongjian.ledger.Asset pointKind(Organization organization, String code, String name) {
        Caller admin = new Caller(
                0,
                "plugin-test-admin",
                null,
                List.of(new org.gongjian.access.Grant(Role.ORG_ADMIN, organization.id(), organization.path())));
        return context.getBean(org.gongjian.points.PointKinds.class)
                .create(admin, organization.id(), code, name, 10, false, "NEVER", null, null);
    }

    /** Gives a member points of a kind (in tenths), from the organization's issuance account. */
    public void award(org.gongjian.ledger.Asset kind, Organization organization, long memberId, long tenths) {
        org.gongjian.ledger.Ledger ledger = context.getBean(org.gongjian.ledger.Ledger.class);
        var issuance =
                ledger.open(kind.id(), org.gongjian.ledger.OwnerType.ISSUANCE, organization.id(), organization.path());
        var account = ledger.open(kind.id(), org.gongjian.ledger.OwnerType.MEMBER, memberId, "");
        ledger.post(new org.gongjian.ledger.Posting(
                0,
                "plugin-test-award-" + java.util.UUID.randomUUID(),
                organization.id(),
                null,
                List.of(org.gongjian.ledger.TransferSpec.of(
                        issuance.id(), account.id(), tenths, "TEST_AWARD", "TEST"))));
    }

    /** A member's balance of a kind, in tenths (0 without an account). */
    public long balance(org.gongjian.ledger.Asset kind, long memberId) {
        return context.getBean(org.gongjian.ledger.Ledger.class)
                .find(kind.id(), org.gongjian.ledger.OwnerType.MEMBER, memberId)
                .map(a -> a.balance())
                .orElse(0L);
    }

    /** Runs the ledger reconciliation (plugin accounts included); its result says whether the books balance. */
    public org.gongjian.ledger.ReconciliationResult reconcile() {
        return context.getBean(org.gongjian.ledger.Reconciliation.class).run("plugin-test");
    }

    /** A community (社区) under a new street of its own. */
    public Organization community(String name) {
        return organizations().createChild(street(name + "所在街道"), OrganizationKind.COMMUNITY, name);
    }

    /** A community under {@code street}. */
    public Organization community(Organization street, String name) {
        return organizations().createChild(street, OrganizationKind.COMMUNITY, name);
    }

    /** Turns the plugin on or off for an organization's subtree, as its administrator would. */
    public void enable(String pluginId, Organization organization, boolean enabled) {
        context.getBean(PluginEnablement.class).set(Caller.system(), organization.id(), pluginId, enabled);
    }

    /** The platform default: on everywhere (unless an organization says otherwise) or nowhere. */
    public void enableByDefault(String pluginId, boolean enabled) {
        context.getBean(PluginEnablement.class).setDefault(Caller.system(), pluginId, enabled);
    }

    /** A new user holding {@code role} at {@code organization} (null for a platform administrator), signed in. */
    public Person person(Role role, Organization organization) {
        return person(role, organization, null);
    }

    /** A new user linked to a member (a volunteer's own account), holding {@code role} at {@code organization}. */
    public Person person(Role role, Organization organization, Long memberId) {
        String username = "plugin-test-" + PEOPLE.incrementAndGet();
        UserAdmin users = context.getBean(UserAdmin.class);
        long userId = users.createUser(Caller.system(), username, PASSWORD, memberId, false)
                .user()
                .id();
        users.grant(Caller.system(), userId, role, organization == null ? null : organization.id());
        HttpResponse<String> signIn = send(
                "POST",
                "/api/auth/token",
                null,
                "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}",
                Map.of());
        if (signIn.statusCode() != 200) {
            throw new IllegalStateException("Sign-in of " + username + " failed: " + signIn.body());
        }
        String token = (String) json(signIn.body()).get("accessToken");
        return new Person(username, userId, token);
    }

    public HttpResponse<String> get(Person who, String path) {
        return send("GET", path, who, null, Map.of());
    }

    public HttpResponse<String> post(Person who, String path, String json) {
        return send("POST", path, who, json, Map.of());
    }

    /** A POST with extra headers, e.g. {@code Idempotency-Key}. */
    public HttpResponse<String> post(Person who, String path, String json, Map<String, String> headers) {
        return send("POST", path, who, json, headers);
    }

    public HttpResponse<String> put(Person who, String path, String json) {
        return send("PUT", path, who, json, Map.of());
    }

    public HttpResponse<String> delete(Person who, String path) {
        return send("DELETE", path, who, null, Map.of());
    }

    /** A JSON object answer as a map (numbers as Integer, Long or BigDecimal). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> json(String body) {
        try {
            return context.getBean(JsonMapper.class).readValue(body, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a page, member section or self-service page of a started plugin for {@code who} in a
     * mocked Vaadin UI, constructed as the admin UI constructs it ((PluginContext, PluginCaller,
     * extra...), or the context only). {@code type} may be the class from the test's class path:
     * the plugin's own copy of the class of that name, as its jar's class loader loaded it, is
     * constructed. Use Karibu's locators on the result; {@link #as} runs clicks as that person.
     */
    public Component page(Class<?> type, Person who, Object... extra) {
        if (!vaadin) {
            MockVaadin.setup();
            vaadin = true;
        }
        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);
        Class<?> own = pluginsCopyOf(type);
        Component page = (Component) as(who, () -> host().create(own, caller(who), extra));
        UI.getCurrent().removeAll();
        UI.getCurrent().add(page);
        return page;
    }

    /** The class of that name that a started plugin contributes as a page, section or self-service page. */
    private Class<?> pluginsCopyOf(Class<?> type) {
        PluginHost host = host();
        // Per started plugin: the test's class path holds the plugin's extension index as well, and
        // PF4J would offer those class-path copies among the extensions of all plugins.
        Stream<Class<?>> contributed = host.startedPluginIds().stream().flatMap(id -> Stream.of(
                        host.extensions(PluginView.class, id).stream().map(PluginView::componentClass),
                        host.extensions(MemberSection.class, id).stream().map(MemberSection::componentClass),
                        host.extensions(SelfServicePage.class, id).stream().map(SelfServicePage::componentClass))
                .flatMap(s -> s));
        return contributed
                .filter(c -> c.getName().equals(type.getName()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        type.getName() + " is not the component of a page, member section or self-service page"
                                + " of a started plugin"));
    }

    /** Runs {@code work} as {@code who}: what the plugin's SDK services see as the caller. */
    public <T> T as(Person who, Supplier<T> work) {
        return CurrentPluginCaller.callAs(caller(who), work);
    }

    /** Runs {@code work} as {@code who}. */
    public void as(Person who, Runnable work) {
        as(who, () -> {
            work.run();
            return null;
        });
    }

    /** The SDK's view of a person. */
    public HostCaller caller(Person who) {
        Caller caller = context.getBean(Callers.class).forUser(who.userId());
        return context.getBean(HostCallers.class).of(caller, Locale.SIMPLIFIED_CHINESE);
    }

    /**
     * The first column of the first row of a query on the application's database (the plugins'
     * schemas included, e.g. {@code gjp_leifeng_market.leifeng_market_item}), as a number: for
     * assertions on what the API does not show.
     */
    public long count(String sql, Object... arguments) {
        try (java.sql.Connection c = database().getConnection();
                java.sql.PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                s.setObject(i + 1, arguments[i]);
            }
            try (java.sql.ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Runs a statement on the application's database, e.g. to move a reservation's expiry into the past. */
    public void execute(String sql) {
        try (java.sql.Connection c = database().getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The application's own data source, without Micronaut's transaction binding. */
    public javax.sql.DataSource database() {
        return io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(
                context.getBean(javax.sql.DataSource.class));
    }

    public PluginHost host() {
        return context.getBean(PluginHost.class);
    }

    /** The application context, for what the kit does not wrap. */
    public ApplicationContext context() {
        return context;
    }

    /** The server's address, e.g. {@code http://127.0.0.1:41234}. */
    public URI uri() {
        return context.getBean(EmbeddedServer.class).getURI();
    }

    @Override
    public void close() {
        if (vaadin) {
            MockVaadin.tearDown();
        }
        context.close(); // deletes the home (gongjian.home-delete-on-shutdown)
    }

    /** Someone signed in: the user's id and API token. */
    public record Person(String username, long userId, String token) {}

    private Organizations organizations() {
        return context.getBean(Organizations.class);
    }

    private HttpResponse<String> send(
            String method, String path, Person who, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri() + path))
                .method(
                        method,
                        json == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (who != null) {
            request.header("Authorization", "Bearer " + who.token());
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
