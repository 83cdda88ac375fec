package org.gongjian.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.Role;
import org.gongjian.members.Households;
import org.gongjian.members.MemberInput;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.organizations.PluginCallers;
import org.gongjian.plugin.api.Access;
import org.gongjian.plugin.api.MemberRef;
import org.gongjian.plugin.api.OrganizationGrant;
import org.gongjian.plugin.api.OrganizationRef;
import org.gongjian.plugin.api.Permission;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginRole;
import org.gongjian.plugin.api.Relative;
import org.gongjian.sdk.CurrentPluginCaller;
import org.gongjian.sdk.HostCaller;
import org.gongjian.security.UserAdmin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's Access and Members as a plugin loaded by the real host gets them from its context (the
 * {@link HostServices} allowlist), over the real organizations, members and users: the same scope
 * as the host's own API, masked, and only for callers the host handed out.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginServicesIT {

    private static final String PLUGIN = "svc-services";

    @Inject
    PluginHost host;

    @Inject
    HostServices services;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Inject
    Households households;

    @Inject
    UserAdmin users;

    @Inject
    Callers callers;

    @Inject
    PluginCallers pluginCallers;

    @Inject
    DataSource dataSource;

    private final AtomicInteger names = new AtomicInteger();

    Access access;
    org.gongjian.plugin.api.Members plugins;
    Organization street;
    Organization own;
    Organization sibling;
    long zhangSan;
    long zhangAiguo;
    long liSi;
    long zhangWei;
    long wangWu;
    PluginCaller admin;
    PluginCaller staff;
    PluginCaller volunteer;

    @BeforeAll
    void a_plugin_and_a_street_with_two_communities(@TempDir Path dir) {
        host.load(SvcPluginJars.settings(PLUGIN, dir));
        access = services.find(PLUGIN, Access.class).orElseThrow();
        plugins = services.find(PLUGIN, org.gongjian.plugin.api.Members.class).orElseThrow();
        street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "服务街道");
        own = organizations.createChild(street, OrganizationKind.COMMUNITY, "服务和平社区");
        sibling = organizations.createChild(street, OrganizationKind.COMMUNITY, "服务和谐社区");
        zhangSan = member(own, "张三", "13812345678", null);
        zhangAiguo = member(own, "张爱国", "13900001234", "MOVED_OUT");
        liSi = member(own, "李四", "13700005678", null);
        zhangWei = member(sibling, "张伟", "13600001234", null);
        wangWu = member(street, "王五", "13500009999", null);
        long household = households.create(Caller.system(), own.id(), "和平路 1 号").id();
        households.addMember(Caller.system(), household, zhangSan, "HEAD");
        households.addMember(Caller.system(), household, liSi, "SPOUSE");
        admin = caller("svc-admin", Role.ORG_ADMIN, own, null);
        staff = caller("svc-staff", Role.ORG_STAFF, own, null);
        volunteer = caller("svc-volunteer", Role.VOLUNTEER, own, zhangSan);
    }

    @AfterAll
    void unload() {
        host.unload(PLUGIN);
    }

    @Test
    void organization_permissions_follow_the_hosts_roles_on_the_subtree() {
        for (Permission p : Permission.values()) {
            assertThat(access.may(admin, p, own.id())).as("admin %s own", p).isTrue();
            assertThat(access.may(admin, p, sibling.id()))
                    .as("admin %s sibling", p)
                    .isFalse();
            assertThat(access.may(admin, p, street.id()))
                    .as("admin %s parent", p)
                    .isFalse();
            assertThat(access.may(staff, p, sibling.id()))
                    .as("staff %s sibling", p)
                    .isFalse();
            assertThat(access.may(staff, p, street.id()))
                    .as("staff %s parent", p)
                    .isFalse();
            assertThat(access.may(volunteer, p, own.id()))
                    .as("volunteer %s own", p)
                    .isFalse();
            assertThat(access.may(volunteer, p, sibling.id()))
                    .as("volunteer %s sibling", p)
                    .isFalse();
            assertThat(access.may(volunteer, p, street.id()))
                    .as("volunteer %s parent", p)
                    .isFalse();
            assertThat(access.may(access.system(), p, street.id()))
                    .as("system %s", p)
                    .isTrue();
            assertThat(access.may(admin, p, 912_345_678_901L))
                    .as("admin %s guessed", p)
                    .isFalse();
        }
        assertThat(access.may(staff, Permission.READ, own.id())).isTrue();
        assertThat(access.may(staff, Permission.RECORD, own.id())).isTrue();
        assertThat(access.may(staff, Permission.MANAGE, own.id())).isFalse();
    }

    @Test
    void an_archived_organization_is_read_but_neither_recorded_in_nor_managed() {
        Organization grid = organizations.createChild(own, OrganizationKind.GRID, "服务旧网格");
        organizations.archive(Caller.system(), grid.id());

        assertThat(access.may(admin, Permission.READ, grid.id())).isTrue();
        assertThat(access.may(admin, Permission.RECORD, grid.id())).isFalse();
        assertThat(access.may(admin, Permission.MANAGE, grid.id())).isFalse();
        assertThat(access.may(admin, Permission.MANAGE, own.id())).isTrue();
    }

    @Test
    void member_permissions_follow_the_members_organization_and_a_volunteer_reads_only_self() {
        for (Permission p : Permission.values()) {
            assertThat(access.mayOnMember(admin, p, liSi))
                    .as("admin %s own member", p)
                    .isTrue();
            assertThat(access.mayOnMember(admin, p, zhangWei))
                    .as("admin %s sibling member", p)
                    .isFalse();
            assertThat(access.mayOnMember(admin, p, wangWu))
                    .as("admin %s parent member", p)
                    .isFalse();
            assertThat(access.mayOnMember(staff, p, zhangWei))
                    .as("staff %s sibling member", p)
                    .isFalse();
            assertThat(access.mayOnMember(staff, p, wangWu))
                    .as("staff %s parent member", p)
                    .isFalse();
            assertThat(access.mayOnMember(volunteer, p, liSi))
                    .as("volunteer %s other", p)
                    .isFalse();
            assertThat(access.mayOnMember(volunteer, p, zhangWei))
                    .as("volunteer %s sibling", p)
                    .isFalse();
            assertThat(access.mayOnMember(admin, p, 912_345_678_901L))
                    .as("guessed member")
                    .isFalse();
        }
        assertThat(access.mayOnMember(staff, Permission.READ, liSi)).isTrue();
        assertThat(access.mayOnMember(staff, Permission.RECORD, liSi)).isTrue();
        assertThat(access.mayOnMember(staff, Permission.MANAGE, liSi)).isFalse();
        assertThat(access.mayOnMember(volunteer, Permission.READ, zhangSan)).isTrue();
        assertThat(access.mayOnMember(volunteer, Permission.RECORD, zhangSan)).isFalse();
        assertThat(access.mayOnMember(volunteer, Permission.MANAGE, zhangSan)).isFalse();
    }

    @Test
    void organizations_outside_the_subtree_are_answered_like_missing_ones() {
        assertThat(access.organizations(admin))
                .containsExactly(new OrganizationRef(own.id(), own.name(), "COMMUNITY", Optional.of(street.id())));
        assertThat(access.organizations(volunteer)).isEmpty();
        assertThat(access.organizations(access.system()))
                .extracting(OrganizationRef::id)
                .contains(street.id());
        assertThat(access.organization(staff, own.id()))
                .map(OrganizationRef::name)
                .contains(own.name());
        assertThat(access.organization(staff, sibling.id())).isEmpty();
        assertThat(access.organization(staff, street.id())).isEmpty();
        assertThat(access.organization(staff, 912_345_678_901L)).isEmpty();
        assertThat(access.enabledFor(own.id()))
                .as("enabled everywhere until enablement replaces the default")
                .isTrue();
    }

    @Test
    void a_caller_the_host_did_not_hand_out_is_refused_by_every_service() {
        PluginCaller fake = new LookAlike();

        assertThatThrownBy(() -> access.may(fake, Permission.READ, own.id()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> access.mayOnMember(fake, Permission.READ, liSi))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> access.organizations(fake)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plugins.member(fake, liSi)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plugins.search(fake, "张", 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_current_caller_is_the_one_the_host_bound_to_the_thread() {
        assertThat(access.currentCaller()).isEmpty();

        Optional<PluginCaller> inside = CurrentPluginCaller.callAs(HostCaller.of(staff), () -> access.currentCaller());

        assertThat(inside).containsSame(staff);
        assertThat(access.currentCaller()).isEmpty();
        assertThat(access.system().isSystem()).isTrue();
    }

    @Test
    void the_caller_factory_names_the_organizations_of_the_grants_and_keeps_two_languages() {
        assertThat(admin.grants()).containsExactly(new OrganizationGrant(PluginRole.ORG_ADMIN, own.id(), own.name()));
        assertThat(admin.locale()).isEqualTo(Locale.ENGLISH);
        assertThat(admin.has(PluginRole.ORG_ADMIN)).isTrue();
        assertThat(admin.isSystem()).isFalse();
        assertThat(volunteer.memberId()).contains(zhangSan);
        HostCaller french = pluginCallers.of(HostCaller.of(staff).caller(), Locale.FRANCE);
        assertThat(french.locale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    }

    @Test
    void a_member_is_read_masked_and_a_siblings_member_is_empty() {
        MemberRef zhang = plugins.member(staff, zhangSan).orElseThrow();

        assertThat(zhang.name()).isEqualTo("张三");
        assertThat(zhang.phoneMasked()).contains("138****5678");
        assertThat(zhang.organizationId()).isEqualTo(own.id());
        assertThat(zhang.organizationName()).isEqualTo(own.name());
        assertThat(zhang.active()).isTrue();
        assertThat(plugins.member(staff, zhangWei)).isEmpty();
        assertThat(plugins.member(staff, wangWu)).isEmpty();
        assertThat(plugins.member(staff, 912_345_678_901L)).isEmpty();
        assertThat(plugins.member(admin, liSi)).isPresent();
    }

    @Test
    void a_volunteer_reads_only_their_own_member() {
        assertThat(plugins.own(volunteer)).map(MemberRef::id).contains(zhangSan);
        assertThat(plugins.member(volunteer, zhangSan)).isPresent();
        assertThat(plugins.member(volunteer, liSi)).isEmpty();
        assertThat(plugins.search(volunteer, "张", 10)).isEmpty();
        assertThat(plugins.relatives(volunteer, zhangSan))
                .as("relatives are other members' records")
                .isEmpty();
        assertThat(plugins.own(staff)).isEmpty();
    }

    @Test
    void search_finds_by_name_pinyin_and_initials_active_members_first_within_the_subtree() {
        assertThat(plugins.search(staff, "张", 10)).extracting(MemberRef::name).containsExactly("张三", "张爱国");
        assertThat(plugins.search(staff, "zhang", 10))
                .extracting(MemberRef::name)
                .containsExactly("张三", "张爱国");
        assertThat(plugins.search(staff, "zs", 10)).extracting(MemberRef::name).containsExactly("张三");
        assertThat(plugins.search(staff, "张", 1)).extracting(MemberRef::name).containsExactly("张三");
        assertThat(plugins.search(staff, "张爱", 10)).singleElement().satisfies(m -> assertThat(m.active())
                .isFalse());
        assertThat(plugins.search(staff, "  ", 10)).isEmpty();
        assertThatThrownBy(() -> plugins.search(staff, "张", 51)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plugins.search(staff, "张", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void search_finds_by_the_last_four_digits_of_the_phone_within_the_subtree() {
        assertThat(plugins.search(staff, "5678", 10))
                .extracting(MemberRef::name)
                .containsExactlyInAnyOrder("张三", "李四");
        assertThat(plugins.search(staff, "1234", 10))
                .as("张伟 of the sibling community has the same last four")
                .extracting(MemberRef::name)
                .containsExactly("张爱国");
        assertThat(plugins.search(staff, "0000", 10)).isEmpty();
    }

    @Test
    void relatives_are_the_other_readable_members_of_the_household() {
        List<Relative> relatives = plugins.relatives(staff, zhangSan);

        assertThat(relatives)
                .extracting(r -> r.member().name(), Relative::relation)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("李四", "SPOUSE"));
        assertThat(plugins.relatives(staff, zhangWei)).isEmpty();
        assertThat(plugins.relatives(staff, wangWu)).isEmpty();
    }

    @Test
    void nothing_a_plugin_reads_is_audited_as_unmasked() throws SQLException {
        long before = auditRows("PERSONAL_DATA_UNMASKED");

        plugins.member(admin, zhangSan);
        plugins.search(admin, "张", 10);
        plugins.relatives(admin, zhangSan);

        assertThat(auditRows("PERSONAL_DATA_UNMASKED")).isEqualTo(before);
    }

    private long member(Organization org, String name, String phone, String status) {
        return members.create(
                        Caller.system(),
                        MemberInput.builder()
                                .organizationId(org.id())
                                .name(name)
                                .phone(phone)
                                .status(status)
                                .build())
                .id();
    }

    private PluginCaller caller(String username, Role role, Organization org, Long memberId) {
        String name = username + "-" + names.incrementAndGet();
        long userId = users.createUser(Caller.system(), name, "a-long-password-1", memberId, false)
                .user()
                .id();
        users.grant(Caller.system(), userId, role, org.id());
        Caller caller = callers.forUser(userId);
        return pluginCallers.of(caller, Locale.ENGLISH);
    }

    private long auditRows(String action) throws SQLException {
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource)
                        .getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM audit_log WHERE action = ?")) {
            s.setString(1, action);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A caller a plugin made up itself. */
    private static final class LookAlike implements PluginCaller {
        @Override
        public long userId() {
            return 0;
        }

        @Override
        public String username() {
            return "system";
        }

        @Override
        public Optional<Long> memberId() {
            return Optional.empty();
        }

        @Override
        public List<OrganizationGrant> grants() {
            return List.of();
        }

        @Override
        public boolean isPlatformAdmin() {
            return true;
        }

        @Override
        public boolean has(PluginRole role) {
            return true;
        }

        @Override
        public Locale locale() {
            return Locale.ENGLISH;
        }

        @Override
        public boolean isSystem() {
            return true;
        }
    }
}
