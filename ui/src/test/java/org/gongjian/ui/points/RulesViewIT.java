package org.gongjian.ui.points;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
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
import org.gongjian.ledger.Asset;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.points.PointKinds;
import org.gongjian.points.PointsRule;
import org.gongjian.points.PointsRules;
import org.gongjian.points.RuleInput;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The rules editor against the real services: weekly and monthly caps and a minimum quantity
 * checked as the administrator types and shown in the list, editing a rule in the prefilled form
 * (a new version replaces it), an edit that someone else's edit overtook, and staff who only read.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RulesViewIT {

    private static final String PASSWORD = "a-long-password-1";

    @Inject
    ApplicationContext context;

    @Inject
    Organizations organizations;

    @Inject
    PointKinds kinds;

    @Inject
    PointsRules rules;

    @Inject
    Callers callers;

    @Inject
    IdGenerator ids;

    String prefix;
    Organization community;
    Asset party;
    long secretary;
    long deputy;

    @BeforeAll
    void a_community_with_a_point_kind_and_two_administrators() {
        prefix = "rv" + Long.toString(ids.next() % 1_000_000_000L, 36) + "-";
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, prefix + "街道");
        community = organizations.createChild(street, OrganizationKind.COMMUNITY, prefix + "幸福社区");
        party = kinds.create(Caller.system(), community.id(), "PARTY", "党员积分", 10, false, "NEVER", null, null);
        secretary = KaribuSupport.userWithRole(context, prefix + "secretary", PASSWORD, Role.ORG_ADMIN, community.id());
        deputy = KaribuSupport.userWithRole(context, prefix + "deputy", PASSWORD, Role.ORG_ADMIN, community.id());
        KaribuSupport.userWithRole(context, prefix + "staff", PASSWORD, Role.ORG_STAFF, community.id());
    }

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
    }

    private PointsRule rule(String name, long points, Long capDay) {
        return rules.create(callers.forUser(secretary), input(name, points, capDay));
    }

    private RuleInput input(String name, long points, Long capDay) {
        return new RuleInput(
                party.id(),
                community.id(),
                name,
                "STUDY_ACTION",
                null,
                null,
                null,
                "FIXED",
                points,
                null,
                capDay,
                null,
                null,
                null,
                "STUDY",
                null,
                null);
    }

    @Test
    void weekly_and_monthly_caps_and_a_minimum_quantity_are_checked_as_she_types_and_listed() {
        signIn("secretary", Messages.CHINESE);
        UI.getCurrent().navigate("points/rules");
        _click(_get(Button.class, s -> s.withId("rules-new")));
        _setValue(_get(TextField.class, s -> s.withId("rule-name")), "志愿服务满两小时");
        _setValue(event(), "HOURS_APPROVED");
        _setValue(field("rule-points"), "1");

        TextField capWeek = field("rule-cap-week");
        _setValue(capWeek, "1.25");
        assertThat(capWeek.isInvalid()).isTrue();
        assertThat(capWeek.getErrorMessage()).isEqualTo("上限须为大于 0 的分值，最多 1 位小数");
        _setValue(capWeek, "10");
        assertThat(capWeek.isInvalid()).isFalse();
        TextField capMonth = field("rule-cap-month");
        _setValue(capMonth, "0");
        assertThat(capMonth.isInvalid()).isTrue();
        assertThat(capMonth.getLabel()).isEqualTo("每月上限（可选）");
        TextField minQuantity = field("rule-min-quantity");
        assertThat(minQuantity.getLabel()).isEqualTo("最少数量（可选）");
        _setValue(minQuantity, "1.5");
        assertThat(minQuantity.isInvalid()).isTrue();
        assertThat(minQuantity.getErrorMessage()).isEqualTo("最少数量须为正整数");
        _setValue(minQuantity, "120");
        assertThat(minQuantity.isInvalid()).isFalse();

        _click(_get(Button.class, s -> s.withId("rule-save")));
        assertThat(find("志愿服务满两小时")).as("an invalid cap saves nothing").isNull();
        _setValue(capMonth, "30.5");
        _click(_get(Button.class, s -> s.withId("rule-save")));

        NotificationsKt.expectNotifications("规则已创建");
        PointsRule created = find("志愿服务满两小时");
        assertThat(created.capWeek()).isEqualTo(100);
        assertThat(created.capMonth()).isEqualTo(305);
        assertThat(created.minQuantity()).isEqualTo(120);
        assertThat(created.capDay()).isNull();
        assertThat(cell(created, "points")).isEqualTo("党员积分 +1 分，数量至少 120，每周上限 10 分，每月上限 30.5 分");
    }

    @Test
    void an_administrator_edits_a_rule_in_the_prefilled_form_and_a_new_version_replaces_it() {
        PointsRule v1 = rule("每日签到", 5, 20L);
        signIn("secretary", Messages.CHINESE);
        UI.getCurrent().navigate("points/rules");
        _click(_get(
                GridKt._getCellComponent(grid(), row(v1), "edit"),
                Button.class,
                s -> s.withId("rules-edit-" + v1.id())));

        assertThat(field("rule-name").getValue()).isEqualTo("每日签到");
        assertThat(field("rule-points").getValue()).isEqualTo("0.5");
        assertThat(field("rule-cap-day").getValue()).isEqualTo("2");
        assertThat(field("rule-cap-week").getValue()).isEmpty();
        assertThat(event().getValue()).isEqualTo("STUDY_ACTION");
        @SuppressWarnings("unchecked")
        Select<Asset> kind = _get(Select.class, s -> s.withId("rule-kind"));
        assertThat(kind.isReadOnly()).as("an edit keeps the kind").isTrue();
        assertThat(_get(Paragraph.class, s -> s.withId("rule-edit-note")).getText())
                .startsWith("保存后生成第 2 版并替代当前版本");

        _setValue(field("rule-points"), "0.55");
        assertThat(field("rule-points").isInvalid()).isTrue();
        _setValue(field("rule-points"), "1");
        _setValue(field("rule-cap-month"), "40");
        _click(_get(Button.class, s -> s.withId("rule-save")));

        NotificationsKt.expectNotifications("规则已修改（已生成新版本）");
        List<PointsRule> versions = rules.versions(callers.forUser(secretary), v1.id());
        assertThat(versions).extracting(PointsRule::version).containsExactly(1, 2);
        PointsRule v2 = versions.getLast();
        assertThat(v2.archived()).isFalse();
        assertThat(v2.points()).isEqualTo(10);
        assertThat(v2.capDay()).isEqualTo(20);
        assertThat(v2.capMonth()).isEqualTo(400);
        assertThat(versions.getFirst().archived()).isTrue();
        assertThat(versions.getFirst().points()).as("the old version is kept").isEqualTo(5);
        assertThat(GridKt._findAll(grid()))
                .extracting(PointsRule::id)
                .contains(v2.id())
                .doesNotContain(v1.id());
        assertThat(cell(v2, "points")).isEqualTo("党员积分 +1 分，每日上限 2 分，每月上限 40 分");
        assertThat(cell(v2, "state")).isEqualTo("生效中 · 第 2 版");

        _click(_get(
                GridKt._getCellComponent(grid(), row(v2), "history"),
                Button.class,
                s -> s.withId("rules-history-" + v2.id())));
        @SuppressWarnings("unchecked")
        Grid<PointsRule> history = _get(Grid.class, s -> s.withId("rules-history-grid"));
        assertThat(GridKt._findAll(history))
                .as("newest first, the old version as it was")
                .extracting(PointsRule::version, PointsRule::points)
                .containsExactly(tuple(2, 10L), tuple(1, 5L));
        assertThat(GridKt._getFormattedRow(history, 1)).contains("第 1 版", "已被新版本替代");
    }

    @Test
    void an_edit_overtaken_by_someone_elses_edit_is_refused_and_changes_nothing() {
        PointsRule v1 = rule("党员先锋岗", 30, null);
        signIn("secretary", Messages.CHINESE);
        UI.getCurrent().navigate("points/rules");
        _click(_get(
                GridKt._getCellComponent(grid(), row(v1), "edit"),
                Button.class,
                s -> s.withId("rules-edit-" + v1.id())));
        _setValue(field("rule-points"), "9");
        PointsRule theirs = rules.edit(callers.forUser(deputy), v1.id(), input("党员先锋岗", 40, null));
        _click(_get(Button.class, s -> s.withId("rule-save")));

        NotificationsKt.expectNotifications("该规则刚被他人修改或停用，列表已刷新，请在最新版本上修改");
        assertThat(rules.versions(callers.forUser(secretary), v1.id()))
                .extracting(PointsRule::id)
                .containsExactly(v1.id(), theirs.id());
        assertThat(cell(theirs, "points")).isEqualTo("党员积分 +4 分");
        _assertNone(TextField.class, s -> s.withId("rule-points"));
    }

    @Test
    void the_form_and_the_list_speak_english_to_an_english_user() {
        PointsRule v1 = rule("Sign-in", 5, 20L);
        signIn("secretary", Messages.ENGLISH);
        UI.getCurrent().navigate("points/rules");

        assertThat(cell(v1, "points")).isEqualTo("党员积分 +0.5 pts, at most 2 pts a day");
        _click(_get(
                GridKt._getCellComponent(grid(), row(v1), "edit"),
                Button.class,
                s -> s.withId("rules-edit-" + v1.id())));
        assertThat(field("rule-cap-week").getLabel()).isEqualTo("Weekly cap (optional)");
        _setValue(field("rule-cap-week"), "-3");
        assertThat(field("rule-cap-week").getErrorMessage())
                .isEqualTo("A cap is points above 0 with at most 1 decimal(s)");
    }

    @Test
    void staff_read_the_rules_without_edit_buttons() {
        PointsRule v1 = rule("只读规则", 5, null);
        signIn("staff", Messages.CHINESE);
        UI.getCurrent().navigate("points/rules");

        _assertNone(
                GridKt._getCellComponent(grid(), row(v1), "edit"),
                Button.class,
                s -> s.withId("rules-edit-" + v1.id()));
        _assertNone(
                GridKt._getCellComponent(grid(), row(v1), "archive"),
                Button.class,
                s -> s.withId("rules-archive-" + v1.id()));
        _assertNone(Button.class, s -> s.withId("rules-new"));
    }

    private PointsRule find(String name) {
        return rules.list(callers.forUser(secretary), community.id()).stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static Grid<PointsRule> grid() {
        return _get(Grid.class, s -> s.withId("rules-grid"));
    }

    private static int row(PointsRule rule) {
        int row = GridKt._findAll(grid()).stream().map(PointsRule::id).toList().indexOf(rule.id());
        assertThat(row).as("rule %s in the list", rule.id()).isNotNegative();
        return row;
    }

    private static String cell(PointsRule rule, String column) {
        return GridKt._getFormatted(grid(), row(rule), column);
    }

    private static TextField field(String id) {
        return _get(TextField.class, s -> s.withId(id));
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> event() {
        return _get(ComboBox.class, s -> s.withId("rule-event"));
    }

    private void signIn(String user, Locale locale) {
        KaribuSupport.setUp(context, locale);
        KaribuSupport.signIn(prefix + user, PASSWORD);
    }
}
