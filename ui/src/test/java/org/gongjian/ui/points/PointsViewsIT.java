package org.gongjian.ui.points;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.Role;
import org.gongjian.ids.IdGenerator;
import org.gongjian.ledger.Account;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.LedgerAccess;
import org.gongjian.ledger.OwnerType;
import org.gongjian.ledger.Posting;
import org.gongjian.ledger.TransferSpec;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.points.Adjustment;
import org.gongjian.points.Adjustments;
import org.gongjian.points.PointKinds;
import org.gongjian.points.PointsRule;
import org.gongjian.points.PointsRules;
import org.gongjian.security.UserAdmin;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The points pages against the real services: a member's statement with reasons and categories
 * in words, awards and deductions by staff, large ones waiting for a second administrator, the
 * approvals inbox, the rules editor and the red and black lists.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PointsViewsIT {

    private static final String PASSWORD = "a-long-password-1";

    @Inject
    ApplicationContext context;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Inject
    Ledger ledger;

    @Inject
    LedgerAccess ledgerAccess;

    @Inject
    PointKinds kinds;

    @Inject
    PointsRules rules;

    @Inject
    Adjustments adjustments;

    @Inject
    UserAdmin users;

    @Inject
    Callers callers;

    @Inject
    IdGenerator ids;

    String prefix;
    Organization community;
    Asset party;
    long staff;
    long secretary;
    long deputy;

    @BeforeAll
    void a_community_with_a_point_kind_staff_and_two_administrators() {
        prefix = "p" + Long.toString(ids.next() % 1_000_000_000L, 36) + "-";
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, prefix + "街道");
        community = organizations.createChild(street, OrganizationKind.COMMUNITY, prefix + "和平社区");
        party = kinds.create(Caller.system(), community.id(), "PARTY", "党员积分", 10, false, "NEVER", null, null);
        staff = KaribuSupport.userWithRole(context, prefix + "staff", PASSWORD, Role.ORG_STAFF, community.id());
        secretary = KaribuSupport.userWithRole(context, prefix + "secretary", PASSWORD, Role.ORG_ADMIN, community.id());
        deputy = KaribuSupport.userWithRole(context, prefix + "deputy", PASSWORD, Role.ORG_ADMIN, community.id());
    }

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
    }

    @Test
    void the_statement_shows_reason_and_category_in_words_with_signed_amounts_and_balances() {
        long member = members.add(community.id(), "李大爷").id();
        deposit(member, 90, "SERVICE_DEPOSIT", "VOLUNTEER", "陪伴独居老人");
        adjustments.adjust(
                Caller.system(),
                "seed-" + ids.next(),
                new Adjustments.Request(member, party.id(), null, 125, null, null, "参加社区清洁"));
        adjustments.adjust(
                Caller.system(),
                "seed-" + ids.next(),
                new Adjustments.Request(member, party.id(), null, -20, "LITTERING", "CONDUCT", "乱扔垃圾"));

        signIn("staff", Messages.CHINESE);
        UI.getCurrent().navigate("members/" + member);

        assertThat(text("points-balance-PARTY")).isEqualTo("10.5 分");
        _assertNone(Div.class, s -> s.withId("points-card-TIME"));
        _assertNone(Grid.class, s -> s.withId("points-statement-TIME"));
        assertThat(text("timebank-balance"))
                .as("the time bank only in its own section")
                .isEqualTo("余额 1.5 小时");
        assertThat(text("points-service-hours")).isEqualTo("累计服务 1.5 小时");
        assertThat(text("points-stars")).isEqualTo("☆☆☆☆☆");
        assertThat(text("points-next-star")).contains("100");
        assertThat(rows("points-statement-PARTY"))
                .as("newest first; an unknown reason code is shown as it is")
                .containsExactly(
                        List.of("LITTERING", "文明行为", "乱扔垃圾", "-2 分", "10.5 分"),
                        List.of("人工加分", "人工调整", "参加社区清洁", "+12.5 分", "12.5 分"));
        _assertNone(Button.class, s -> s.withId("points-more-PARTY"));
    }

    @Test
    void the_statement_loads_more_lines_below_the_last_one() {
        long member = members.add(community.id(), "王阿姨").id();
        for (int i = 1; i <= StatementList.PAGE + 5; i++) {
            deposit(member, 60, "SERVICE_DEPOSIT", "VOLUNTEER", "第 " + i + " 次服务");
        }
        resident("wang", member, community);
        signIn("wang", Messages.CHINESE);
        UI.getCurrent().navigate("points/mine");

        assertThat(GridKt._size(statement("points-statement-TIME"))).isEqualTo(StatementList.PAGE);
        _click(_get(Button.class, s -> s.withId("points-more-TIME")));

        assertThat(GridKt._size(statement("points-statement-TIME"))).isEqualTo(StatementList.PAGE + 5);
        assertThat(rows("points-statement-TIME").getLast()).contains("第 1 次服务", "1 小时");
        _assertNone(Button.class, s -> s.withId("points-more-TIME"));
    }

    @Test
    void the_statement_speaks_english_to_an_english_user() {
        long member = members.add(community.id(), "张三").id();
        deposit(member, 30, "GIFT", "DONATION", null);
        resident("zhang", member, community);
        signIn("zhang", Messages.ENGLISH);
        UI.getCurrent().navigate("points/mine");

        assertThat(rows("points-statement-TIME")).containsExactly(List.of("Gift", "Donation", "", "+0.5 h", "0.5 h"));
    }

    @Test
    void staff_award_points_once_with_the_amount_checked_as_they_type() {
        long member = members.add(community.id(), "赵奶奶").id();
        signIn("staff", Messages.CHINESE);
        UI.getCurrent().navigate("members/" + member);

        _click(_get(Button.class, s -> s.withId("points-adjust")));
        TextField amount = _get(TextField.class, s -> s.withId("adjust-amount"));
        _setValue(amount, "1.25");
        assertThat(amount.isInvalid()).isTrue();
        assertThat(amount.getErrorMessage()).isEqualTo("请填写大于 0 的分值，最多 1 位小数");
        _setValue(amount, "0");
        assertThat(amount.isInvalid()).isTrue();
        _setValue(amount, "12.5");
        assertThat(amount.isInvalid()).isFalse();
        _click(_get(Button.class, s -> s.withId("adjust-save")));
        TextArea memo = _get(TextArea.class, s -> s.withId("adjust-memo"));
        assertThat(memo.isInvalid()).as("the memo is required").isTrue();
        assertThat(memo.getErrorMessage()).isEqualTo("请填写事由（最多 200 字）");

        _setValue(memo, "帮助邻居修理水管");
        Button save = _get(Button.class, s -> s.withId("adjust-save"));
        _click(save);

        NotificationsKt.expectNotifications("已记入积分");
        _assertNone(TextField.class, s -> s.withId("adjust-amount"));
        assertThat(text("points-balance-PARTY")).isEqualTo("12.5 分");
        assertThat(rows("points-statement-PARTY"))
                .containsExactly(List.of("人工加分", "人工调整", "帮助邻居修理水管", "+12.5 分", "12.5 分"));
        // A second click of the same dialog reaching the server (a double click) posts nothing more.
        save.click();
        assertThat(balance(member)).isEqualTo(125);
        assertThat(rows("points-statement-PARTY")).hasSize(1);
    }

    @Test
    void a_deduction_is_posted_as_a_negative_line() {
        long member = members.add(community.id(), "钱师傅").id();
        adjustments.adjust(
                Caller.system(),
                "seed-" + ids.next(),
                new Adjustments.Request(member, party.id(), null, 100, null, null, "志愿服务"));
        signIn("staff", Messages.CHINESE);
        UI.getCurrent().navigate("members/" + member);

        _click(_get(Button.class, s -> s.withId("points-adjust")));
        @SuppressWarnings("unchecked")
        RadioButtonGroup<String> direction = _get(RadioButtonGroup.class, s -> s.withId("adjust-direction"));
        _setValue(direction, AdjustmentDialog.DEDUCT);
        _setValue(_get(TextField.class, s -> s.withId("adjust-amount")), "3");
        _setValue(_get(TextArea.class, s -> s.withId("adjust-memo")), "会议无故缺席");
        _click(_get(Button.class, s -> s.withId("adjust-save")));

        assertThat(text("points-balance-PARTY")).isEqualTo("7 分");
        assertThat(rows("points-statement-PARTY").getFirst()).containsExactly("人工扣分", "人工调整", "会议无故缺席", "-3 分", "7 分");
    }

    @Test
    void a_large_award_waits_for_a_second_administrator_who_approves_it_in_the_inbox() {
        long member = members.add(community.id(), "孙大姐").id();
        signIn("secretary", Messages.CHINESE);
        UI.getCurrent().navigate("members/" + member);
        _click(_get(Button.class, s -> s.withId("points-adjust")));
        _setValue(_get(TextField.class, s -> s.withId("adjust-amount")), "80");
        _setValue(_get(TextArea.class, s -> s.withId("adjust-memo")), "抗洪抢险表现突出");
        _click(_get(Button.class, s -> s.withId("adjust-save")));

        NotificationsKt.expectNotifications("分值超过审批额度，等待另一位管理员审批");
        assertThat(balance(member)).isZero();
        Adjustment pending = pendingFor(member);

        // The requester sees it in her inbox but cannot approve it herself.
        UI.getCurrent().navigate("points/approvals");
        assertThat(_get(Span.class, s -> s.withId("nav-approvals-badge")).getText())
                .isNotEqualTo("0");
        Component ownRow = approvalActions(pending.id());
        Button own = _get(ownRow, Button.class, s -> s.withId("approvals-approve-" + pending.id()));
        assertThat(own.isEnabled()).isFalse();
        assertThat(own.getTooltip().getText()).isEqualTo("本人提交的申请需由另一位管理员审批");
        assertThat(_get(ownRow, Span.class, s -> s.withId("approvals-own-" + pending.id()))
                        .getText())
                .isEqualTo("本人提交的申请需由另一位管理员审批");
        KaribuSupport.tearDown();

        signIn("deputy", Messages.CHINESE);
        UI.getCurrent().navigate("points/approvals");
        Button approve =
                _get(approvalActions(pending.id()), Button.class, s -> s.withId("approvals-approve-" + pending.id()));
        assertThat(approve.isEnabled()).isTrue();
        _click(approve);
        _setValue(_get(TextArea.class, s -> s.withId("approvals-note")), "情况属实");
        _click(_get(Button.class, s -> s.withId("approvals-confirm")));

        NotificationsKt.expectNotifications("已同意，积分已记入");
        assertThat(balance(member)).isEqualTo(800);
        assertThat(approvals()).extracting(Adjustment::id).doesNotContain(pending.id());
        UI.getCurrent().navigate("members/" + member);
        assertThat(rows("points-statement-PARTY").getFirst()).contains("抗洪抢险表现突出", "+80 分");
    }

    @Test
    void a_refusal_by_the_service_is_shown_when_someone_else_decided_first() {
        long member = members.add(community.id(), "周先生").id();
        Adjustment pending = adjustments.adjust(
                callers.forUser(staff),
                "large-" + ids.next(),
                new Adjustments.Request(member, party.id(), null, 600, null, null, "见义勇为"));
        assertThat(pending.status()).isEqualTo("PENDING");

        signIn("deputy", Messages.CHINESE);
        UI.getCurrent().navigate("points/approvals");
        _click(_get(approvalActions(pending.id()), Button.class, s -> s.withId("approvals-approve-" + pending.id())));
        adjustments.reject(callers.forUser(secretary), pending.id(), "重复申报");
        NotificationsKt.clearNotifications();
        _click(_get(Button.class, s -> s.withId("approvals-confirm")));

        NotificationsKt.expectNotifications("该申请已处理");
        assertThat(balance(member)).isZero();
    }

    @Test
    void staff_have_no_approvals_menu_and_no_approvals_page() {
        signIn("staff", Messages.CHINESE);
        _assertNone(SideNavItem.class, s -> s.withId("nav-approvals"));
        _assertOne(SideNavItem.class, s -> s.withId("nav-rankings"));
        UI.getCurrent().navigate("points/approvals");
        _assertNone(ApprovalsView.class);
    }

    @Test
    void an_administrator_creates_a_rule_that_is_checked_as_she_types_and_archives_it() {
        signIn("secretary", Messages.CHINESE);
        UI.getCurrent().navigate("points/rules");
        _click(_get(Button.class, s -> s.withId("rules-new")));

        TextField name = _get(TextField.class, s -> s.withId("rule-name"));
        _setValue(name, "学习打卡");
        @SuppressWarnings("unchecked")
        ComboBox<String> event = _get(ComboBox.class, s -> s.withId("rule-event"));
        assertThat(event.getListDataView().getItems().map(event.getItemLabelGenerator()))
                .contains("志愿时长审核通过", "学习出勤", "自主申报通过", "学习打卡");
        _setValue(event, "STUDY_ACTION");
        TextField points = _get(TextField.class, s -> s.withId("rule-points"));
        _setValue(points, "0.55");
        assertThat(points.isInvalid()).isTrue();
        assertThat(points.getErrorMessage()).isEqualTo("请填写不为 0 的分值，最多 1 位小数");
        _setValue(points, "0.5");
        assertThat(points.isInvalid()).isFalse();
        TextField capDay = _get(TextField.class, s -> s.withId("rule-cap-day"));
        _setValue(capDay, "-1");
        assertThat(capDay.isInvalid()).isTrue();
        _setValue(capDay, "2");
        assertThat(capDay.isInvalid()).isFalse();
        _click(_get(Button.class, s -> s.withId("rule-save")));

        NotificationsKt.expectNotifications("规则已创建");
        PointsRule rule = rules.list(callers.forUser(secretary), community.id()).stream()
                .filter(r -> r.name().equals("学习打卡"))
                .findFirst()
                .orElseThrow();
        assertThat(rule.points()).isEqualTo(5);
        assertThat(rule.capDay()).isEqualTo(20);
        @SuppressWarnings("unchecked")
        Grid<PointsRule> grid = _get(Grid.class, s -> s.withId("rules-grid"));
        assertThat(GridKt._findAll(grid)).extracting(PointsRule::name).contains("学习打卡");
        int row = GridKt._findAll(grid).stream().map(PointsRule::id).toList().indexOf(rule.id());
        assertThat(GridKt._getFormatted(grid, row, "points")).isEqualTo("党员积分 +0.5 分，每日上限 2 分");
        assertThat(GridKt._getFormatted(grid, row, "state")).isEqualTo("生效中");

        _click(_get(
                GridKt._getCellComponent(grid, row, "archive"),
                Button.class,
                s -> s.withId("rules-archive-" + rule.id())));
        assertThat(rules.list(callers.forUser(secretary), community.id()).stream()
                        .filter(r -> r.id() == rule.id())
                        .findFirst()
                        .orElseThrow()
                        .archived())
                .isTrue();
    }

    @Test
    void staff_read_the_rules_but_neither_create_nor_archive() {
        signIn("staff", Messages.CHINESE);
        UI.getCurrent().navigate("points/rules");
        _assertNone(Button.class, s -> s.withId("rules-new"));
        _assertNone(Button.class, s -> s.withId("kinds-new"));
        @SuppressWarnings("unchecked")
        Grid<Asset> kindGrid = _get(Grid.class, s -> s.withId("kinds-grid"));
        assertThat(GridKt._findAll(kindGrid)).extracting(Asset::code).contains("PARTY");
    }

    @Test
    void the_board_ranks_earners_on_the_red_list_and_deductions_on_the_black_list_and_shows_my_rank() {
        Organization grid = organizations.createChild(community, OrganizationKind.GRID, prefix + "排行网格");
        Asset credit = kinds.create(Caller.system(), grid.id(), "CREDIT", "信用积分", 1, true, "NEVER", null, null);
        long first = members.add(grid.id(), "第一名").id();
        long second = members.add(grid.id(), "第二名").id();
        long me = members.add(grid.id(), "我自己").id();
        long black = members.add(grid.id(), "乱扔垃圾者").id();
        award(first, credit, 30);
        award(second, credit, 20);
        award(me, credit, 5);
        award(black, credit, -10);
        resident("me", me, grid);

        signIn("me", Messages.CHINESE);
        _assertOne(SideNavItem.class, s -> s.withId("nav-rankings"));
        _assertNone(SideNavItem.class, s -> s.withId("nav-approvals"));
        UI.getCurrent().navigate("points/rankings");
        assertThat(_get(Div.class, s -> s.withId("rankings-me")).isVisible()).isTrue();
        assertThat(text("rankings-me-text")).isEqualTo("我的排名：第 3 名 · 5 分");
        assertThat(lines("red")).containsExactly("1第一名30 分", "2第二名20 分", "3我自己5 分");
        assertThat(lines("black")).containsExactly("1乱扔垃圾者-10 分");
    }

    @SuppressWarnings("unchecked")
    private static List<Adjustment> approvals() {
        List<Grid> grids = _find(Grid.class, s -> s.withId("approvals-grid"));
        return grids.isEmpty() ? List.of() : GridKt._findAll(grids.getFirst());
    }

    /** The approve and reject buttons of one adjustment in the inbox. */
    @SuppressWarnings("unchecked")
    private static Component approvalActions(long adjustmentId) {
        Grid<Adjustment> grid = _get(Grid.class, s -> s.withId("approvals-grid"));
        int row = approvals().stream().map(Adjustment::id).toList().indexOf(adjustmentId);
        assertThat(row).as("adjustment %s in the inbox", adjustmentId).isNotNegative();
        return GridKt._getCellComponent(grid, row, "actions");
    }

    @Test
    void a_resident_reads_her_own_balances_and_statement_without_the_adjustment_form() {
        long member = members.add(community.id(), "吴婆婆").id();
        deposit(member, 150, "SERVICE_DEPOSIT", "VOLUNTEER", "社区义诊");
        resident("wu", member, community);

        signIn("wu", Messages.CHINESE);
        _assertNone(SideNavItem.class, s -> s.withId("nav-members"));
        _assertOne(SideNavItem.class, s -> s.withId("nav-my-points"));
        UI.getCurrent().navigate("points/mine");

        assertThat(text("points-balance-TIME")).isEqualTo("2.5 小时");
        assertThat(rows("points-statement-TIME"))
                .containsExactly(List.of("志愿服务存入", "志愿服务", "社区义诊", "+2.5 小时", "2.5 小时"));
        _assertNone(Button.class, s -> s.withId("points-adjust"));
    }

    @Test
    void staff_without_a_member_record_have_no_page_of_their_own_points() {
        signIn("staff", Messages.CHINESE);
        _assertNone(SideNavItem.class, s -> s.withId("nav-my-points"));
        UI.getCurrent().navigate("points/mine");
        _assertNone(MyPointsView.class);
    }

    private List<String> lines(String list) {
        return _find(Div.class, s -> s.withClasses("gj-rank-row")).stream()
                .filter(d -> d.getId().orElse("").startsWith("rankings-" + list + "-"))
                .map(d -> d.getChildren().map(c -> ((Span) c).getText()).reduce("", String::concat))
                .toList();
    }

    /** A volunteer user who signs in as the member. */
    private void resident(String username, long member, Organization org) {
        long id = users.createUser(Caller.system(), prefix + username, PASSWORD, member, false)
                .user()
                .id();
        users.grant(Caller.system(), id, Role.VOLUNTEER, org.id());
    }

    private void award(long member, Asset kind, long amount) {
        Adjustment a = adjustments.adjust(
                Caller.system(),
                "seed-" + ids.next(),
                new Adjustments.Request(member, kind.id(), null, amount, null, null, "排行测试"));
        assertThat(a.status()).isEqualTo("POSTED");
    }

    private void deposit(long member, long minutes, String reason, String category, String memo) {
        Account issuance = ledger.open(Asset.TIME_ID, OwnerType.ISSUANCE, community.id(), community.path());
        Account account = ledger.open(Asset.TIME_ID, OwnerType.MEMBER, member, "");
        var result = ledger.post(new Posting(
                0,
                "seed-" + ids.next(),
                community.id(),
                null,
                List.of(new TransferSpec(
                        issuance.id(), account.id(), minutes, reason, category, memo, null, null, null))));
        assertThat(result.ok()).as(result.result().name()).isTrue();
    }

    private long balance(long member) {
        return ledgerAccess.memberAccounts(Caller.system(), member).stream()
                .filter(a -> a.assetId() == party.id())
                .findFirst()
                .map(a -> a.balance())
                .orElse(0L);
    }

    private Adjustment pendingFor(long member) {
        return adjustments.inbox(callers.forUser(deputy)).stream()
                .filter(a -> a.memberId() == member)
                .findFirst()
                .orElseThrow();
    }

    private void signIn(String user, Locale locale) {
        KaribuSupport.setUp(context, locale);
        KaribuSupport.signIn(prefix + user, PASSWORD);
    }

    private static String text(String id) {
        return _get(Span.class, s -> s.withId(id)).getText();
    }

    @SuppressWarnings("unchecked")
    private static Grid<Object> statement(String id) {
        return _get(Grid.class, s -> s.withId(id));
    }

    /** The rows as shown, without the date column. */
    private static List<List<String>> rows(String id) {
        Grid<Object> grid = statement(id);
        return java.util.stream.IntStream.range(0, GridKt._size(grid))
                .mapToObj(i -> GridKt._getFormattedRow(grid, i).subList(1, 6))
                .toList();
    }
}
