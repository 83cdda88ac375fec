package org.gongjian.ui.members;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditEntry;
import org.gongjian.members.Household;
import org.gongjian.members.Households;
import org.gongjian.members.MemberInput;
import org.gongjian.members.MemberStatus;
import org.gongjian.members.MemberTransfer;
import org.gongjian.members.MemberView;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.organizations.Organizations;
import org.gongjian.personaldata.IdNumbers;
import org.gongjian.security.Accounts;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A community secretary records a member, finds her by pinyin initials and sees her ID number in
 * full (audited); her staff do not; nobody of community A sees community B's member.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MembersViewIT {

    private static final String PASSWORD = "a-long-password-1";
    private static final String FIRST17 = "11010519850612002";

    @Inject
    ApplicationContext context;

    @Inject
    Accounts accounts;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Inject
    DataSource dataSource;

    @Inject
    Households households;

    Organization a;
    Organization b;
    MemberView toMove;
    MemberView ofB;
    MemberView ofA;

    @BeforeAll
    void two_communities_with_a_member_each() throws Exception {
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "幸福街道党工委");
        a = organizations.createChild(street, OrganizationKind.COMMUNITY, "和平社区");
        b = organizations.createChild(street, OrganizationKind.COMMUNITY, "光明社区");
        toMove = members.create(Caller.system(), MemberInput.named(a.id(), "王五"));
        ofB = members.create(
                Caller.system(),
                MemberInput.builder()
                        .organizationId(b.id())
                        .name("欧阳秘密")
                        .phone("13698765432")
                        .build());
        ofA = members.create(
                Caller.system(),
                MemberInput.builder()
                        .organizationId(a.id())
                        .name("李四")
                        .phone("13612345678")
                        .build());
        grant("secretary-m", Role.ORG_ADMIN, a);
        grant("staff-m", Role.ORG_STAFF, a);
        grant("street-m", Role.ORG_ADMIN, street);
        Household home = households.create(Caller.system(), a.id(), "和平路3号");
        households.addMember(Caller.system(), home.id(), ofA.id(), "HEAD");
    }

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
    }

    @Test
    void a_secretary_adds_a_member_finds_her_by_initials_and_sees_her_id_number_in_full() throws Exception {
        signIn("secretary-m");
        UI.getCurrent().navigate("members");
        Grid<MemberView> grid = grid();
        List<MemberView> rows = rows(grid);
        assertThat(rows).extracting(MemberView::name).contains("李四").doesNotContain("欧阳秘密");
        assertThat(rows)
                .filteredOn(m -> m.name().equals("李四"))
                .extracting(MemberView::phoneMasked)
                .containsExactly("136****5678");
        long before = members.count();

        _click(_get(Button.class, s -> s.withId("members-new")));
        @SuppressWarnings("unchecked")
        ComboBox<OrganizationNode> organization = _get(ComboBox.class, s -> s.withId("form-organization"));
        assertThat(organization.getListDataView().getItems().map(OrganizationNode::name))
                .containsExactly("和平社区");
        _setValue(organization, organization.getListDataView().getItem(0));
        _setValue(_get(TextField.class, s -> s.withId("form-name")), "张三丰");
        TextField idNumber = _get(TextField.class, s -> s.withId("form-id-number"));
        char check = IdNumbers.checkCharacter(FIRST17);
        String good = FIRST17 + check;
        String bad = FIRST17 + (check == '1' ? '2' : '1');
        _setValue(idNumber, bad);
        assertThat(idNumber.isInvalid()).isTrue();
        assertThat(idNumber.getErrorMessage()).isEqualTo("身份证号校验位不正确，请核对");
        _click(_get(Button.class, s -> s.withId("form-save")));
        _get(MemberFormView.class);
        assertThat(members.count()).isEqualTo(before);

        _setValue(idNumber, good);
        assertThat(idNumber.isInvalid()).isFalse();
        _setValue(_get(TextField.class, s -> s.withId("form-phone")), "13912345678");
        _click(_get(Button.class, s -> s.withId("form-save")));
        _get(MemberDetailView.class);

        UI.getCurrent().navigate("members");
        grid = grid();
        _setValue(_get(TextField.class, s -> s.withId("members-search")), "zsf");
        assertThat(GridKt._size(grid)).isEqualTo(1);
        MemberView found = GridKt._get(grid, 0);
        assertThat(found.name()).isEqualTo("张三丰");
        assertThat(found.idNumberMasked()).contains("*").doesNotContain(good.substring(6, 14));
        _setValue(_get(TextField.class, s -> s.withId("members-search")), "oymm");
        assertThat(GridKt._size(grid)).isZero();
        _setValue(_get(TextField.class, s -> s.withId("members-search")), "zsf");

        GridKt._clickItem(grid, 0);
        _get(MemberDetailView.class);
        Span shown = _get(Span.class, s -> s.withId("member-id-number"));
        assertThat(shown.getText()).contains("*");
        _click(_get(Button.class, s -> s.withId("member-unmask")));
        assertThat(shown.getText()).isEqualTo(good);
        assertThat(unmaskAudits(found.id())).isEqualTo(1);
    }

    @Test
    void staff_see_masked_data_without_the_unmask_button() {
        signIn("staff-m");
        UI.getCurrent().navigate("members/" + ofA.id());
        _get(MemberDetailView.class);
        assertThat(_get(Span.class, s -> s.withId("member-phone")).getText()).isEqualTo("136****5678");
        _assertNone(Button.class, s -> s.withId("member-unmask"));
        _assertNone(Button.class, s -> s.withId("member-transfer"));
        @SuppressWarnings("unchecked")
        Grid<Household.HouseholdMember> household = _get(Grid.class, s -> s.withId("member-household"));
        assertThat(household.getListDataView().getItems().map(Household.HouseholdMember::name))
                .containsExactly("李四");
        assertThat(_get(Span.class, s -> s.withId("member-household-address")).getText())
                .isEqualTo("和平路3号");
    }

    @Test
    void the_street_secretary_transfers_a_member_to_another_community_and_the_history_shows_it() {
        signIn("street-m");
        _get(SideNavItem.class, s -> s.withId("nav-members"));
        UI.getCurrent().navigate("members/" + toMove.id());
        _click(_get(Button.class, s -> s.withId("member-transfer")));
        @SuppressWarnings("unchecked")
        ComboBox<OrganizationNode> to = _get(ComboBox.class, s -> s.withId("transfer-to"));
        OrganizationNode target = to.getListDataView()
                .getItems()
                .filter(o -> o.name().equals("光明社区"))
                .findFirst()
                .orElseThrow();
        _setValue(to, target);
        _click(_get(Button.class, s -> s.withId("transfer-save")));
        TextArea reason = _get(TextArea.class, s -> s.withId("transfer-reason"));
        assertThat(reason.isInvalid()).isTrue();
        assertThat(reason.getErrorMessage()).isEqualTo("请填写原因");
        _setValue(reason, "搬家到光明社区");
        _click(_get(Button.class, s -> s.withId("transfer-save")));

        assertThat(members.get(Caller.system(), toMove.id()).organizationId()).isEqualTo(b.id());
        @SuppressWarnings("unchecked")
        Grid<MemberTransfer> transfers = _get(Grid.class, s -> s.withId("member-transfers"));
        assertThat(transfers.getListDataView().getItems().map(MemberTransfer::reason))
                .containsExactly("搬家到光明社区");
        @SuppressWarnings("unchecked")
        Grid<AuditEntry> history = _get(Grid.class, s -> s.withId("member-history"));
        assertThat(history.getListDataView().getItems().map(AuditEntry::action))
                .contains("MEMBER_TRANSFERRED_OUT", "MEMBER_TRANSFERRED_IN");
    }

    @Test
    void a_volunteer_has_no_member_pages() {
        accounts.createUser("volunteer-m", PASSWORD, false, Set.of(Role.VOLUNTEER));
        signIn("volunteer-m");
        _assertNone(SideNavItem.class, s -> s.withId("nav-members"));
        UI.getCurrent().navigate("members");
        _assertNone(MembersView.class);
    }

    @Test
    void a_member_changed_by_someone_else_meanwhile_is_not_overwritten() {
        signIn("secretary-m");
        UI.getCurrent().navigate("members/" + ofA.id() + "/edit");
        _get(MemberFormView.class);
        MemberView current = members.get(Caller.system(), ofA.id());
        members.update(
                Caller.system(),
                ofA.id(),
                MemberInput.builder()
                        .name("李四")
                        .address("和平路1号")
                        .version(current.version())
                        .build());

        _setValue(_get(TextField.class, s -> s.withId("form-address")), "和平路2号");
        NotificationsKt.clearNotifications();
        _click(_get(Button.class, s -> s.withId("form-save")));
        NotificationsKt.expectNotifications("该成员已被他人修改，请刷新后重试");
        _get(MemberFormView.class);
        assertThat(members.get(Caller.system(), ofA.id()).address()).isEqualTo("和平路1号");
    }

    @Test
    void the_filters_narrow_the_list_to_the_caller_s_own_data() {
        signIn("secretary-m");
        UI.getCurrent().navigate("members");
        Grid<MemberView> grid = grid();
        @SuppressWarnings("unchecked")
        Select<MemberStatus> status = _get(Select.class, s -> s.withId("members-status"));
        _setValue(status, MemberStatus.DECEASED);
        assertThat(GridKt._size(grid)).isZero();
        _setValue(status, MemberStatus.ACTIVE);
        assertThat(rows(grid)).extracting(MemberView::name).contains("李四").doesNotContain("欧阳秘密");
        @SuppressWarnings("unchecked")
        ComboBox<OrganizationNode> organization = _get(ComboBox.class, s -> s.withId("members-org"));
        assertThat(organization.getListDataView().getItems().map(OrganizationNode::name))
                .containsExactly("和平社区");
        @SuppressWarnings("unchecked")
        Select<String> volunteer = _get(Select.class, s -> s.withId("members-volunteer"));
        _setValue(volunteer, "yes");
        assertThat(GridKt._size(grid)).isZero();
    }

    @Test
    void another_communitys_member_is_not_found() {
        signIn("secretary-m");
        UI.getCurrent().navigate("members/" + ofB.id());
        _assertNone(MemberDetailView.class);
        _get(MembersView.class);
    }

    private static List<MemberView> rows(Grid<MemberView> grid) {
        return IntStream.range(0, GridKt._size(grid))
                .mapToObj(i -> GridKt._get(grid, i))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Grid<MemberView> grid() {
        return _get(Grid.class, s -> s.withId("members-grid"));
    }

    private long unmaskAudits(long memberId) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM audit_log"
                        + " WHERE action = 'PERSONAL_DATA_UNMASKED' AND target_type = 'MEMBER' AND target_id = ?")) {
            s.setLong(1, memberId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void signIn(String username) {
        KaribuSupport.setUp(context, Messages.CHINESE);
        KaribuSupport.signIn(username, PASSWORD);
    }

    private void grant(String username, Role role, Organization org) {
        KaribuSupport.userWithRole(context, username, PASSWORD, role, org.id());
    }
}
