package org.gongjian.ui.points;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.ids.IdGenerator;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.points.PointsSettings;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The points settings on the rules page against the real service: where the values come from (the
 * platform, a parent organization, the organization itself), input checked as the administrator
 * types, bad input refused without a change, a save that gives the organization its own settings,
 * and staff who only read.
 */
@MicronautTest(transactional = false)
class PointsSettingsPanelIT {

    private static final String PASSWORD = "a-long-password-1";

    @Inject
    ApplicationContext context;

    @Inject
    Organizations organizations;

    @Inject
    PointsSettings settings;

    @Inject
    IdGenerator ids;

    private String prefix;

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
    }

    /** A street and a community below it, with an administrator and staff of the community. */
    private Organization community(String street) {
        prefix = "ps" + Long.toString(ids.next() % 1_000_000_000L, 36) + "-";
        Organization root = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, street);
        Organization community = organizations.createChild(root, OrganizationKind.COMMUNITY, prefix + "和谐社区");
        KaribuSupport.userWithRole(context, prefix + "secretary", PASSWORD, Role.ORG_ADMIN, community.id());
        KaribuSupport.userWithRole(context, prefix + "staff", PASSWORD, Role.ORG_STAFF, community.id());
        return community;
    }

    @Test
    void an_administrator_sees_the_inherited_values_and_bad_input_changes_nothing_until_she_saves_her_own() {
        String streetName = "东风街道" + ids.next() % 100_000;
        Organization community = community(streetName);
        Organization street = organizations.find(community.parentId()).orElseThrow();
        settings.set(Caller.system(), street.id(), 30, List.of(100, 200, 500, 800, 1000));
        signIn("secretary", Messages.CHINESE);
        UI.getCurrent().navigate("points/rules");

        assertThat(source()).isEqualTo("沿用上级组织“" + streetName + "”的设置；保存后本组织使用自己的设置");
        assertThat(threshold().getValue()).isEqualTo(30);
        assertThat(stars()).isEqualTo(List.of(100, 200, 500, 800, 1000));
        assertThat(threshold().isReadOnly()).isFalse();

        _setValue(threshold(), 0);
        assertThat(threshold().isInvalid()).isTrue();
        assertThat(threshold().getErrorMessage()).isEqualTo("请填写 1–1000000 之间的整数");
        _setValue(threshold(), 80);
        assertThat(threshold().isInvalid()).isFalse();
        _setValue(star(3), 150);
        assertThat(star(3).isInvalid()).isTrue();
        assertThat(star(3).getErrorMessage()).isEqualTo("须大于上一级的 200 小时");
        _setValue(star(1), null);
        assertThat(star(1).getErrorMessage()).isEqualTo("请填写 1–100000 之间的整数小时数");
        _click(save());

        PointsSettings.Settings unchanged = settings.effective(Caller.system(), community.id());
        assertThat(unchanged.inherited()).as("bad input saves nothing").isTrue();
        assertThat(unchanged.definedBy()).isEqualTo(street.id());
        assertThat(unchanged.approvalThreshold()).isEqualTo(30);
        assertThat(source()).startsWith("沿用上级组织");

        _setValue(star(1), 50);
        _setValue(star(3), 300);
        assertThat(IntStream.rangeClosed(1, 5).mapToObj(i -> star(i).isInvalid()))
                .containsOnly(false);
        _click(save());

        NotificationsKt.expectNotifications("积分设置已保存");
        PointsSettings.Settings own = settings.effective(Caller.system(), community.id());
        assertThat(own.inherited()).isFalse();
        assertThat(own.definedBy()).isEqualTo(community.id());
        assertThat(own.approvalThreshold()).isEqualTo(80);
        assertThat(own.starHours()).containsExactly(50, 200, 300, 800, 1000);
        assertThat(source()).isEqualTo("本组织自己的设置，下级组织未另行设置时沿用");
        assertThat(settings.effective(Caller.system(), street.id()).approvalThreshold())
                .as("the parent keeps its own")
                .isEqualTo(30);

        _click(_get(Button.class, s -> s.withId("points-settings-inherit")));
        ConfirmDialog confirm = _get(ConfirmDialog.class, s -> s.withId("points-settings-inherit-confirm"));
        ConfirmDialogKt._fireConfirm(confirm);
        NotificationsKt.expectNotifications("已恢复沿用上级设置");
        assertThat(settings.effective(Caller.system(), community.id()).definedBy())
                .as("follows the street again")
                .isEqualTo(street.id());
        assertThat(threshold().getValue()).isEqualTo(30);
        assertThat(source()).startsWith("沿用上级组织");
        _assertNone(Button.class, s -> s.withId("points-settings-inherit"));
    }

    @Test
    void without_settings_anywhere_the_platform_defaults_show_and_staff_only_read_them() {
        Organization community = community("西湖街道" + ids.next() % 100_000);
        signIn("staff", Messages.CHINESE);
        UI.getCurrent().navigate("points/rules");

        assertThat(source()).isEqualTo("使用平台默认设置；保存后本组织使用自己的设置");
        assertThat(threshold().getValue()).isEqualTo(50);
        assertThat(stars()).isEqualTo(List.of(100, 300, 600, 1000, 1500));
        assertThat(threshold().isReadOnly()).isTrue();
        assertThat(star(5).isReadOnly()).isTrue();
        _assertNone(Button.class, s -> s.withId("points-settings-save"));
        assertThat(settings.effective(Caller.system(), community.id()).inherited())
                .isTrue();
    }

    @Test
    void the_settings_speak_english_to_an_english_user() {
        community("南湖街道" + ids.next() % 100_000);
        signIn("secretary", Messages.ENGLISH);
        UI.getCurrent().navigate("points/rules");

        assertThat(source()).isEqualTo("The platform's defaults; saving gives this organization its own settings");
        assertThat(star(2).getLabel()).isEqualTo("2 star(s) (hours)");
        _setValue(star(2), 100);
        assertThat(star(2).getErrorMessage()).isEqualTo("Must be more than 100 hours, the level before");
    }

    private static String source() {
        return _get(Span.class, s -> s.withId("points-settings-source")).getText();
    }

    private static IntegerField threshold() {
        return _get(IntegerField.class, s -> s.withId("points-settings-threshold"));
    }

    private static IntegerField star(int level) {
        return _get(IntegerField.class, s -> s.withId("points-settings-star-" + level));
    }

    private static List<Integer> stars() {
        return IntStream.rangeClosed(1, 5).mapToObj(i -> star(i).getValue()).toList();
    }

    private static Button save() {
        return _get(Button.class, s -> s.withId("points-settings-save"));
    }

    private void signIn(String user, Locale locale) {
        KaribuSupport.setUp(context, locale);
        KaribuSupport.signIn(prefix + user, PASSWORD);
    }
}
