package org.gongjian.ui.users;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.TextField;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.Grant;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditEntry;
import org.gongjian.audit.AuditFilter;
import org.gongjian.audit.AuditLog;
import org.gongjian.ids.IdGenerator;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.organizations.Organizations;
import org.gongjian.security.Accounts;
import org.gongjian.security.SignInResult;
import org.gongjian.security.UserAdmin;
import org.gongjian.security.UserSummary;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * 用户与角色 as a platform administrator and as the secretary of one community next to another:
 * who sees whom, creating a user with a one-time password, granting, revoking, disabling, and the
 * messages of the form in Chinese and English.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsersViewIT {

    private static final String PASSWORD = "a-long-password-1";

    @Inject
    ApplicationContext context;

    @Inject
    Organizations organizations;

    @Inject
    Accounts accounts;

    @Inject
    UserAdmin users;

    @Inject
    Callers callers;

    @Inject
    AuditLog audit;

    @Inject
    IdGenerator ids;

    String prefix;
    Organization a;
    Organization gridA;
    Organization b;
    long helperA;
    long helperB;

    @BeforeAll
    void a_street_with_two_communities() {
        prefix = "v" + Long.toString(ids.next() % 1_000_000_000L, 36) + "-";
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, prefix + "街道");
        a = organizations.createChild(street, OrganizationKind.COMMUNITY, "晨光社区");
        gridA = organizations.createChild(a, OrganizationKind.GRID, "晨光一网格");
        b = organizations.createChild(street, OrganizationKind.COMMUNITY, "星火社区");
        accounts.createUser(prefix + "platform", PASSWORD, false, Set.of(Role.PLATFORM_ADMIN));
        grant("secretary-a", Role.ORG_ADMIN, a);
        grant("staff-a", Role.ORG_STAFF, a);
        helperA = grant("helper-a", Role.VOLUNTEER, gridA);
        helperB = grant("helper-b", Role.VOLUNTEER, b);
    }

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
    }

    @Test
    void the_platform_administrator_sees_every_user_and_a_secretary_only_those_of_her_community() {
        signIn("platform", Messages.CHINESE);
        UI.getCurrent().navigate("users");
        search(prefix);
        assertThat(usernames()).contains(prefix + "helper-a", prefix + "helper-b", prefix + "secretary-a");
        KaribuSupport.tearDown();

        signIn("secretary-a", Messages.CHINESE);
        _get(SideNavItem.class, s -> s.withId("nav-users"));
        UI.getCurrent().navigate("users");
        search(prefix);
        assertThat(usernames())
                .contains(prefix + "helper-a", prefix + "secretary-a", prefix + "staff-a")
                .doesNotContain(prefix + "helper-b", prefix + "platform");
        UserSummary helper = row(prefix + "helper-a");
        assertThat(_get(UsersView.class).roles(helper)).isEqualTo("志愿者 · 晨光一网格");
    }

    @Test
    void staff_have_neither_the_menu_entry_nor_the_page() {
        signIn("staff-a", Messages.CHINESE);

        _assertNone(SideNavItem.class, s -> s.withId("nav-users"));
        UI.getCurrent().navigate("users");
        _assertNone(UsersView.class);
    }

    @Test
    void a_secretary_creates_a_user_in_her_grid_and_sees_the_one_time_password_once() {
        signIn("secretary-a", Messages.CHINESE);
        UI.getCurrent().navigate("users");

        _click(_get(Button.class, s -> s.withId("users-new")));
        TextField username = _get(TextField.class, s -> s.withId("users-username"));
        _setValue(username, "张三");
        assertThat(username.isInvalid()).isTrue();
        assertThat(username.getErrorMessage()).isEqualTo("用户名需为 3 到 64 个字符，只能包含小写字母、数字、点、下划线或连字符");
        _setValue(username, prefix + "Zhang.San");
        assertThat(username.isInvalid()).isFalse();
        @SuppressWarnings("unchecked")
        Select<Role> role = _get(Select.class, s -> s.withId("users-role"));
        assertThat(role.getListDataView().getItems()).doesNotContain(Role.PLATFORM_ADMIN);
        _setValue(role, Role.ORG_STAFF);
        @SuppressWarnings("unchecked")
        ComboBox<OrganizationNode> org = _get(ComboBox.class, s -> s.withId("users-org"));
        assertThat(org.getListDataView().getItems().map(OrganizationNode::name)).containsExactly("晨光社区", "晨光一网格");
        _setValue(
                org,
                org.getListDataView()
                        .getItems()
                        .filter(o -> o.id() == gridA.id())
                        .findFirst()
                        .orElseThrow());
        _click(_get(Button.class, s -> s.withId("users-save")));

        String password = _get(TextField.class, s -> s.withId("users-password")).getValue();
        assertThat(password).hasSize(16);
        _assertOne(Button.class, s -> s.withId("users-copy"));
        long id = users.list(Caller.system(), prefix + "zhang.san", 0, 10)
                .getFirst()
                .id();
        assertThat(callers.forUser(id).grants()).containsExactly(new Grant(Role.ORG_STAFF, gridA.id(), gridA.path()));
        assertThat(accounts.signIn(prefix + "zhang.san", password).status())
                .isEqualTo(SignInResult.Status.PASSWORD_CHANGE_REQUIRED);
        _click(_get(Button.class, s -> s.withId("users-done")));
        _assertNone(TextField.class, s -> s.withId("users-password"));
        search(prefix + "zhang");
        assertThat(usernames()).containsExactly(prefix + "zhang.san");

        // The same name again: the service's code, next to the field, in Chinese.
        _click(_get(Button.class, s -> s.withId("users-new")));
        TextField again = _get(TextField.class, s -> s.withId("users-username"));
        _setValue(again, prefix + "zhang.san");
        _click(_get(Button.class, s -> s.withId("users-save")));
        assertThat(again.isInvalid()).isTrue();
        assertThat(again.getErrorMessage()).isEqualTo("该用户名已被使用");
    }

    @Test
    void the_form_speaks_english_to_an_english_user() {
        signIn("secretary-a", Messages.ENGLISH);
        UI.getCurrent().navigate("users");

        _click(_get(Button.class, s -> s.withId("users-new")));
        TextField username = _get(TextField.class, s -> s.withId("users-username"));
        _setValue(username, "x");
        assertThat(username.getErrorMessage())
                .isEqualTo("A username has 3 to 64 characters: lower-case letters, digits, dot, underscore or hyphen");
    }

    @Test
    void a_secretary_grants_and_revokes_a_role_and_disables_and_enables_a_user() {
        long helper = grant("helper-roles", Role.VOLUNTEER, a);
        signIn("secretary-a", Messages.CHINESE);
        UI.getCurrent().navigate("users");
        search(prefix + "helper-roles");
        GridKt._clickItem(grid(), 0);

        @SuppressWarnings("unchecked")
        Select<Role> role = _get(Select.class, s -> s.withId("users-grant-role"));
        _setValue(role, Role.ORG_STAFF);
        _click(_get(Button.class, s -> s.withId("users-grant")));
        assertThat(callers.forUser(helper).grants())
                .containsExactlyInAnyOrder(
                        new Grant(Role.VOLUNTEER, a.id(), a.path()), new Grant(Role.ORG_STAFF, a.id(), a.path()));

        // Roles are listed by role: ORG_STAFF before VOLUNTEER.
        _click(_get(Button.class, s -> s.withId("users-revoke-1")));
        ConfirmDialog confirm = _get(ConfirmDialog.class, s -> s.withId("users-revoke-confirm"));
        assertThat(confirm.getElement().getProperty("message")).contains("志愿者 · 晨光社区");
        ConfirmDialogKt._fireConfirm(confirm);
        assertThat(callers.forUser(helper).grants()).containsExactly(new Grant(Role.ORG_STAFF, a.id(), a.path()));

        _click(_get(Button.class, s -> s.withId("users-disable")));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class, s -> s.withId("users-disable-confirm")));
        assertThat(accounts.isEnabled(helper)).isFalse();
        assertThat(row(prefix + "helper-roles").enabled()).isFalse();

        _click(_get(Button.class, s -> s.withId("users-enable")));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class, s -> s.withId("users-enable-confirm")));
        assertThat(accounts.isEnabled(helper)).isTrue();
    }

    @Test
    void a_refusal_of_the_service_is_shown_in_chinese_and_audited_with_the_page() {
        long shared = grant("helper-shared", Role.VOLUNTEER, a);
        users.grant(Caller.system(), shared, Role.VOLUNTEER, b.id());
        signIn("secretary-a", Messages.CHINESE);
        UI.getCurrent().navigate("users");
        search(prefix + "helper-shared");
        GridKt._clickItem(grid(), 0);

        NotificationsKt.clearNotifications();
        _click(_get(Button.class, s -> s.withId("users-disable")));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class, s -> s.withId("users-disable-confirm")));

        NotificationsKt.expectNotifications("您没有权限进行此操作");
        assertThat(accounts.isEnabled(shared)).isTrue();
        List<AuditEntry> denials =
                audit.latest(Caller.system(), new AuditFilter("ACCESS_DENIED", prefix + "secretary-a", null, null), 10);
        assertThat(denials).hasSize(1);
        assertThat(denials.getFirst().targetId()).isEqualTo(shared);
        assertThat(denials.getFirst().detail())
                .startsWith("page /users: UserAdmin.disable userId=" + shared + ": FORBIDDEN");
    }

    private void search(String text) {
        _setValue(_get(TextField.class, s -> s.withId("users-search")), text);
    }

    @SuppressWarnings("unchecked")
    private static Grid<UserSummary> grid() {
        return _get(Grid.class, s -> s.withId("users-grid"));
    }

    private static List<String> usernames() {
        Grid<UserSummary> grid = grid();
        return IntStream.range(0, GridKt._size(grid))
                .mapToObj(i -> GridKt._get(grid, i).username())
                .toList();
    }

    private static UserSummary row(String username) {
        Grid<UserSummary> grid = grid();
        return IntStream.range(0, GridKt._size(grid))
                .mapToObj(i -> GridKt._get(grid, i))
                .filter(u -> u.username().equals(username))
                .findFirst()
                .orElseThrow();
    }

    private void signIn(String name, Locale locale) {
        KaribuSupport.setUp(context, locale);
        KaribuSupport.signIn(prefix + name, PASSWORD);
    }

    private long grant(String name, Role role, Organization org) {
        return KaribuSupport.userWithRole(context, prefix + name, PASSWORD, role, org.id());
    }
}
