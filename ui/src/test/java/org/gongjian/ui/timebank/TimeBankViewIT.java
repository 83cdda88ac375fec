package org.gongjian.ui.timebank;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.members.Households;
import org.gongjian.members.MemberInput;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.security.UserAdmin;
import org.gongjian.testing.LedgerReconciles;
import org.gongjian.timebank.FlowReport;
import org.gongjian.timebank.GiftRecipient;
import org.gongjian.timebank.StatementEntry;
import org.gongjian.timebank.TimeBank;
import org.gongjian.timebank.TimeBankRequests.Deposit;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A community secretary sees a member's time bank on the member page (balance in hours, statement
 * with reason and category), deposits service through a form that refuses bad minutes and markup
 * as she types, and reads the time-bank page with the policy and the flows.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimeBankViewIT extends LedgerReconciles {

    private static final String PASSWORD = "a-long-password-1";

    @Inject
    ApplicationContext context;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Inject
    TimeBank timeBank;

    @Inject
    Households households;

    @Inject
    UserAdmin users;

    Organization a;
    long elder;

    @BeforeAll
    void a_community_with_an_elder_who_has_served_90_minutes() {
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "时间街道");
        a = organizations.createChild(street, OrganizationKind.COMMUNITY, "夕阳社区");
        elder = members.create(
                        Caller.system(),
                        MemberInput.builder()
                                .organizationId(a.id())
                                .name("张大爷")
                                .birthDate(LocalDate.of(1950, 3, 1))
                                .build())
                .id();
        assertThat(timeBank.deposit(
                                Caller.system(), "ui-seed", new Deposit(elder, a.id(), 90L, "敬老院陪护", "签到表", null, null))
                        .ok())
                .isTrue();
        KaribuSupport.userWithRole(context, "tb-secretary", PASSWORD, Role.ORG_ADMIN, a.id());
    }

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_member_page_shows_the_balance_in_hours_and_a_deposit_form_that_validates_as_you_type() {
        signIn();
        UI.getCurrent().navigate("members/" + elder);

        assertThat(_get(Span.class, s -> s.withId("timebank-balance")).getText())
                .isEqualTo("余额 1.5 小时");
        Grid<StatementEntry> statement = _get(Grid.class, s -> s.withId("timebank-statement"));
        assertThat(items(statement)).singleElement().satisfies(line -> {
            assertThat(line.reasonCode()).isEqualTo("SERVICE_DEPOSIT");
            assertThat(line.category()).isEqualTo("VOLUNTEER");
        });
        assertThat(statement.getColumns().get(3).getHeaderText()).isEqualTo("事由");

        _click(_get(Button.class, s -> s.withId("timebank-deposit")));
        IntegerField minutes = _get(IntegerField.class, s -> s.withId("deposit-minutes"));
        TextField reason = _get(TextField.class, s -> s.withId("deposit-reason"));
        TextField evidence = _get(TextField.class, s -> s.withId("deposit-evidence"));
        Button save = _get(Button.class, s -> s.withId("deposit-save"));
        assertThat(save.isEnabled()).isFalse();

        _setValue(minutes, 0);
        assertThat(minutes.isInvalid()).isTrue();
        assertThat(minutes.getErrorMessage()).isEqualTo("时长必须大于零");
        _setValue(minutes, 1441);
        assertThat(minutes.getErrorMessage()).isEqualTo("时长超过上限");
        _setValue(minutes, 60);
        assertThat(minutes.isInvalid()).isFalse();
        assertThat(reason.isInvalid()).as("not reached yet").isFalse();
        _setValue(reason, "<b>陪护</b>");
        assertThat(reason.isInvalid()).isTrue();
        assertThat(save.isEnabled()).isFalse();
        _setValue(reason, "陪护就医");
        assertThat(reason.isInvalid()).isFalse();
        assertThat(save.isEnabled()).as("evidence missing").isFalse();
        _setValue(evidence, "医院陪诊单");
        assertThat(save.isEnabled()).isTrue();
        _click(save);

        assertThat(_get(Span.class, s -> s.withId("timebank-balance")).getText())
                .isEqualTo("余额 2.5 小时");
        assertThat(items(statement)).first().satisfies(line -> {
            assertThat(line.hours()).isEqualByComparingTo("1.0");
            assertThat(line.memo()).isEqualTo("陪护就医｜证明：医院陪诊单");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_time_bank_page_in_the_menu_shows_the_policy_and_the_flows_of_the_community() {
        signIn();
        assertThat(_get(SideNavItem.class, s -> s.withId("nav-timebank")).getPath())
                .isEqualTo("timebank");
        UI.getCurrent().navigate("timebank");

        assertThat(_get(Span.class, s -> s.withId("timebank-policy")).getText())
                .isEqualTo("平台默认规则：60 岁起可支取，存储上限 1500.0 小时，允许转赠：是，允许捐赠：是");
        Grid<FlowReport.Flow> flows = _get(Grid.class, s -> s.withId("timebank-flows"));
        assertThat(items(flows)).anySatisfy(f -> {
            assertThat(f.organizationName()).isEqualTo("夕阳社区");
            assertThat(f.memberCommunityName()).isEqualTo("夕阳社区");
            assertThat(f.depositedMinutes()).isGreaterThanOrEqualTo(90);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_secretary_spends_gifts_and_donates_for_a_member_and_hears_a_refusal_in_words() {
        long parent = member("李阿姨", LocalDate.now().minusYears(45));
        long child = member("李小妹", LocalDate.now().minusYears(12));
        household("夕阳路 1 号", parent, "HEAD", child, "CHILD");
        served(parent, 120);
        signIn();
        UI.getCurrent().navigate("members/" + parent);

        _click(_get(Button.class, s -> s.withId("timebank-move")));
        RadioButtonGroup<Object> kind = _get(RadioButtonGroup.class, s -> s.withId("move-kind"));
        IntegerField minutes = _get(IntegerField.class, s -> s.withId("move-minutes"));
        Button save = _get(Button.class, s -> s.withId("move-save"));
        assertThat(kind.getValue()).hasToString("REDEEM");
        _setValue(minutes, -5);
        assertThat(minutes.getErrorMessage()).isEqualTo("时长必须大于零");
        assertThat(save.isEnabled()).isFalse();
        _setValue(minutes, 30);
        assertThat(save.isEnabled()).isTrue();
        NotificationsKt.clearNotifications();
        _click(save);
        NotificationsKt.expectNotifications("本人及配偶均未到可支取年龄");
        assertThat(balance()).as("a 45-year-old spends nothing").isEqualTo("余额 2.0 小时");

        _assertNone(ComboBox.class, s -> s.withId("move-relative"));
        _setValue(kind, MoveForm.Kind.GIFT);
        ComboBox<Object> relative = _get(ComboBox.class, s -> s.withId("move-relative"));
        assertThat(save.isEnabled()).as("no relative chosen").isFalse();
        _setValue(relative, relative.getListDataView().getItems().toList().getFirst());
        _setValue(minutes, 45);
        _click(save);
        NotificationsKt.expectNotifications("已转赠");
        assertThat(balance()).isEqualTo("余额 1.3 小时");
        assertThat(timeBank.account(Caller.system(), child).balanceMinutes()).isEqualTo(45);

        _click(_get(Button.class, s -> s.withId("timebank-move")));
        _setValue(_get(RadioButtonGroup.class, s -> s.withId("move-kind")), MoveForm.Kind.DONATE);
        _setValue(_get(IntegerField.class, s -> s.withId("move-minutes")), 15);
        _click(_get(Button.class, s -> s.withId("move-save")));
        assertThat(balance()).isEqualTo("余额 1.0 小时");
        Grid<StatementEntry> statement = _get(Grid.class, s -> s.withId("timebank-statement"));
        assertThat(items(statement))
                .extracting(StatementEntry::reasonCode)
                .containsExactly("DONATION", "GIFT", "SERVICE_DEPOSIT");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_volunteer_gifts_to_her_daughter_and_donates_from_her_own_page() {
        long mother = member("王阿姨", LocalDate.now().minusYears(50));
        long daughter = member("王小妹", LocalDate.now().minusYears(20));
        long lodger = member("租客", LocalDate.now().minusYears(30));
        household("夕阳路 2 号", mother, "HEAD", daughter, "CHILD", lodger, "OTHER");
        served(mother, 90);
        long user = users.createUser(Caller.system(), "tb-wang", PASSWORD, mother, false)
                .user()
                .id();
        users.grant(Caller.system(), user, Role.VOLUNTEER, a.id());
        KaribuSupport.setUp(context, Messages.CHINESE);
        KaribuSupport.signIn("tb-wang", PASSWORD);
        UI.getCurrent().navigate("points/mine");

        _click(_get(Button.class, s -> s.withId("my-timebank-move")));
        RadioButtonGroup<MoveForm.Kind> kind = _get(RadioButtonGroup.class, s -> s.withId("move-kind"));
        assertThat(kind.getListDataView().getItems()).containsExactly(MoveForm.Kind.GIFT, MoveForm.Kind.DONATE);
        assertThat(kind.getValue()).isEqualTo(MoveForm.Kind.GIFT);
        ComboBox<GiftRecipient> relative = _get(ComboBox.class, s -> s.withId("move-relative"));
        assertThat(relative.getListDataView().getItems().map(GiftRecipient::name))
                .as("the lodger is no relative")
                .containsExactly("王小妹");
        _setValue(relative, relative.getListDataView().getItems().findFirst().orElseThrow());
        _setValue(_get(IntegerField.class, s -> s.withId("move-minutes")), 30);
        _click(_get(Button.class, s -> s.withId("move-save")));
        NotificationsKt.expectNotifications("已转赠");

        _click(_get(Button.class, s -> s.withId("my-timebank-move")));
        _setValue(_get(RadioButtonGroup.class, s -> s.withId("move-kind")), MoveForm.Kind.DONATE);
        _setValue(_get(IntegerField.class, s -> s.withId("move-minutes")), 15);
        _click(_get(Button.class, s -> s.withId("move-save")));

        assertThat(timeBank.account(Caller.system(), mother).balanceMinutes()).isEqualTo(45);
        assertThat(timeBank.account(Caller.system(), daughter).balanceMinutes()).isEqualTo(30);
        assertThat(_get(Span.class, s -> s.withId("points-balance-TIME")).getText())
                .as("the page shows the new balance")
                .isEqualTo("0.8 小时");
    }

    /** A household of community A: member ids each followed by their relation to the head. */
    private void household(String address, Object... idsAndRelations) {
        long household = households.create(Caller.system(), a.id(), address).id();
        for (int i = 0; i < idsAndRelations.length; i += 2) {
            households.addMember(
                    Caller.system(), household, (Long) idsAndRelations[i], (String) idsAndRelations[i + 1]);
        }
    }

    /** Records {@code minutes} of service for the member. */
    private void served(long member, long minutes) {
        assertThat(timeBank.deposit(
                                Caller.system(),
                                "ui-seed-" + member,
                                new Deposit(member, a.id(), minutes, "助老", "签到表", null, null))
                        .ok())
                .isTrue();
    }

    private long member(String name, LocalDate birth) {
        return members.create(
                        Caller.system(),
                        MemberInput.builder()
                                .organizationId(a.id())
                                .name(name)
                                .birthDate(birth)
                                .build())
                .id();
    }

    private static String balance() {
        return _get(Span.class, s -> s.withId("timebank-balance")).getText();
    }

    private static <T> List<T> items(Grid<T> grid) {
        return grid.getListDataView().getItems().toList();
    }

    private void signIn() {
        KaribuSupport.setUp(context, Messages.CHINESE);
        KaribuSupport.signIn("tb-secretary", PASSWORD);
    }
}
