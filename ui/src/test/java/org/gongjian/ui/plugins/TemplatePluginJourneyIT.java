package org.gongjian.ui.plugins;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.textfield.TextField;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.access.Grant;
import org.gongjian.access.Role;
import org.gongjian.events.EventTypeCatalog;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.OwnerType;
import org.gongjian.members.MemberInput;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.plugins.PluginEnablement;
import org.gongjian.plugins.PluginHost;
import org.gongjian.plugins.PluginInfo;
import org.gongjian.plugins.PluginInstaller;
import org.gongjian.points.PointKinds;
import org.gongjian.points.PointsRules;
import org.gongjian.points.RuleInput;
import org.gongjian.security.Accounts;
import org.gongjian.security.UserAdmin;
import org.gongjian.testing.Api;
import org.gongjian.testing.TestUsers;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The "done when": the jar that {@code plugins/template} builds (公告栏) is installed on the
 * running server from the plugins page; it is on for one community only, where its page, endpoint,
 * settings and rule event work, and absent from the other; an upgrade to version 2 runs its new
 * migration without a restart and keeps the data.
 */
@MicronautTest(transactional = false)
class TemplatePluginJourneyIT {

    private static final String PLUGIN = "notice-board";
    private static final Path BUILT = Path.of("target/test-plugins/notice-board.jar");
    private static final String PASSWORD = "journey-password-1";

    @Inject
    ApplicationContext context;

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    Accounts accounts;

    @Inject
    UserAdmin users;

    @Inject
    Organizations organizations;

    @Inject
    PluginEnablement enablement;

    @Inject
    PluginHost host;

    @Inject
    PluginInstaller installer;

    @Inject
    Members members;

    @Inject
    PointKinds kinds;

    @Inject
    PointsRules rules;

    @Inject
    Ledger ledger;

    @Inject
    EventTypeCatalog catalog;

    @Inject
    DataSource injected;

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
        if (host.find(PLUGIN).isPresent()) {
            installer.uninstall(Caller.system(), PLUGIN, false);
        }
    }

    @Test
    void the_template_is_installed_from_the_ui_works_where_it_is_on_and_upgrades_to_version_2() throws Exception {
        String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "模板街道" + run);
        Organization on = organizations.createChild(street, OrganizationKind.COMMUNITY, "开通社区" + run);
        Organization off = organizations.createChild(street, OrganizationKind.COMMUNITY, "未开通社区" + run);

        // Installed from the plugins page, by a platform administrator.
        String platform = "journey-platform-" + run;
        accounts.createUser(platform, PASSWORD, false, Set.of(Role.PLATFORM_ADMIN));
        signIn(platform);
        UI.getCurrent().navigate("plugins");
        _get(PluginsView.class).receive("notice-board.jar", Files.readAllBytes(BUILT));
        PluginInfo installed = host.find(PLUGIN).orElseThrow();
        assertThat(installed.state()).isEqualTo("STARTED");
        assertThat(installed.source()).isEqualTo(PluginInfo.UPLOADED);

        // Off by default, on for one community.
        enablement.setDefault(Caller.system(), PLUGIN, false);
        enablement.set(Caller.system(), on.id(), PLUGIN, true);

        // Its page: in the menu of the community where it is on, not elsewhere.
        String secretaryOn = "journey-on-" + run;
        String secretaryOff = "journey-off-" + run;
        KaribuSupport.userWithRole(context, secretaryOn, PASSWORD, Role.ORG_ADMIN, on.id());
        KaribuSupport.userWithRole(context, secretaryOff, PASSWORD, Role.ORG_ADMIN, off.id());
        signIn(secretaryOn);
        assertThat(pluginPages()).contains("plugins/notice-board/notices");
        UI.getCurrent().navigate("plugins/notice-board/notices");
        assertThat(_get(TextField.class, s -> s.withId("notice-board-title")).getLabel())
                .isEqualTo("公告内容");
        signIn(secretaryOff);
        assertThat(pluginPages()).doesNotContain("plugins/notice-board/notices");

        // Its endpoint and its rule event: a rule of the community rewards a notice posted for a resident.
        Api api = new Api(server, json);
        TestUsers tokens = new TestUsers(users, api);
        String tokenOn = tokens.token("journey-api-on-" + run, Role.ORG_ADMIN, on, null);
        String tokenOff = tokens.token("journey-api-off-" + run, Role.ORG_ADMIN, off, null);
        Caller admin = new Caller(0, "journey-admin", null, List.of(new Grant(Role.ORG_ADMIN, on.id(), on.path())));
        Asset points = kinds.create(admin, on.id(), "GONGGAO", "公告积分", 10, false, "NEVER", null, null);
        assertThat(catalog.offered(on.id(), Locale.SIMPLIFIED_CHINESE))
                .anySatisfy(choice ->
                        assertThat(choice.type() + " " + choice.label()).isEqualTo("NOTICE_BOARD_POSTED 发布公告"));
        assertThat(catalog.offered(off.id(), Locale.SIMPLIFIED_CHINESE))
                .noneSatisfy(choice -> assertThat(choice.type()).isEqualTo("NOTICE_BOARD_POSTED"));
        rules.create(
                admin,
                new RuleInput(
                        points.id(),
                        on.id(),
                        "发布公告奖励",
                        "NOTICE_BOARD_POSTED",
                        null,
                        null,
                        null,
                        "FIXED",
                        5,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "NOTICE",
                        null,
                        null));
        long resident = members.create(Caller.system(), MemberInput.named(on.id(), "热心居民"))
                .id();

        var posted = api.post(notices(on), tokenOn, Map.of("title", "周六上午义诊", "memberId", resident));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        assertThat(api.post(notices(off), tokenOff, Map.of("title", "x")).statusCode())
                .as("off for that community: no such endpoint")
                .isEqualTo(404);
        awaitBalance(points, resident, 5);

        // Its settings: the community allows at most 10 characters.
        var set = api.put(
                "/api/plugin-settings/" + PLUGIN + "/" + on.id(),
                tokenOn,
                Map.of("values", Map.of("maxTitleLength", 10)));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        var tooLong = api.post(notices(on), tokenOn, Map.of("title", "这是一条超过十个字的很长的公告"));
        assertThat(api.code(tooLong)).isEqualTo("NOTICE_TITLE_TOO_LONG");

        // Version 2, with a new migration, uploaded on the same running server.
        signIn(platform);
        UI.getCurrent().navigate("plugins");
        _get(PluginsView.class)
                .receive(
                        "notice-board-2.jar",
                        version2(
                                "V2__pinned.sql",
                                "ALTER TABLE notice_board_notice ADD COLUMN pinned BOOLEAN NOT NULL DEFAULT FALSE;"));
        assertThat(host.find(PLUGIN).orElseThrow().version()).isEqualTo("2.0.0");
        assertThat(columnExists("gjp_notice_board", "notice_board_notice", "pinned"))
                .isTrue();
        var after = api.get(notices(on), tokenOn);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).as("the data of version 1 is kept").contains("周六上午义诊");
    }

    private void signIn(String username) {
        KaribuSupport.tearDown();
        KaribuSupport.setUp(context, Messages.CHINESE);
        KaribuSupport.signIn(username, PASSWORD);
    }

    private static List<String> pluginPages() {
        return _find(SideNav.class, s -> s.withId("plugin-nav")).stream()
                .flatMap(nav -> nav.getItems().stream())
                .map(i -> i.getPath())
                .toList();
    }

    private static String notices(Organization org) {
        return "/api/plugins/" + PLUGIN + "/x/orgs/" + org.id() + "/notices";
    }

    private void awaitBalance(Asset points, long member, long expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            long balance = ledger.find(points.id(), OwnerType.MEMBER, member)
                    .map(a -> a.balance())
                    .orElse(0L);
            if (balance == expected) {
                return;
            }
            assertThat(Instant.now())
                    .as("balance %d reached (now %d)", expected, balance)
                    .isBefore(deadline);
            Thread.sleep(50);
        }
    }

    /** The built jar as version 2.0.0 with one more migration. */
    private static byte[] version2(String migration, String sql) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarFile in = new JarFile(BUILT.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Plugin-Version", "2.0.0");
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry entry : in.stream().toList()) {
                    if (entry.getName().equals(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream content = in.getInputStream(entry)) {
                        content.transferTo(out);
                    }
                    out.closeEntry();
                }
                out.putNextEntry(new JarEntry("db/migration/" + PLUGIN + "/" + migration));
                out.write(sql.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private boolean columnExists(String schema, String table, String column) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(injected).getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM information_schema.columns"
                        + " WHERE table_schema = ? AND table_name = ? AND column_name = ?")) {
            s.setString(1, schema);
            s.setString(2, table);
            s.setString(3, column);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1) > 0;
            }
        }
    }
}
