package org.gongjian.ui.audit;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditEntry;
import org.gongjian.audit.AuditLog;
import org.gongjian.security.Accounts;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class AuditViewIT {

    @Inject
    ApplicationContext context;

    @Inject
    Accounts accounts;

    @Inject
    AuditLog audit;

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_platform_administrator_sees_the_entries_in_chinese_filters_them_and_sees_the_chain_is_intact() {
        accounts.createUser("auditor", "auditor-password-1", false, Set.of(Role.PLATFORM_ADMIN));
        audit.append(Caller.system(), "MEMBER_CREATED", "member", 42L, null, "/1/", "新增成员 张三");
        audit.append(Caller.system(), "ORGANIZATION_RENAMED", "organization", 7L, 7L, "/7/", "和平社区 → 和平街社区");
        KaribuSupport.setUp(context, Messages.CHINESE);
        signIn("auditor", "auditor-password-1");

        UI.getCurrent().navigate("audit");
        Grid<AuditEntry> grid = _get(Grid.class, s -> s.withId("audit-grid"));
        List<AuditEntry> rows = grid.getListDataView().getItems().toList();
        assertThat(rows).extracting(AuditEntry::detail).contains("新增成员 张三", "和平社区 → 和平街社区");
        assertThat(_get(Span.class, s -> s.withId("audit-chain")).getText())
                .startsWith("审计记录完整")
                .contains("未发现篡改");

        _setValue(_get(TextField.class, s -> s.withId("audit-action")), "MEMBER_CREATED");
        _click(_get(Button.class, s -> s.withId("audit-search")));
        assertThat(grid.getListDataView().getItems().toList())
                .extracting(AuditEntry::action)
                .containsOnly("MEMBER_CREATED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_plugins_row_shows_the_plugins_summary_as_its_action_and_the_facts_as_its_detail() {
        accounts.createUser("auditor-plugins", "auditor-password-1", false, Set.of(Role.PLATFORM_ADMIN));
        audit.append(Caller.system(), "PLUGIN_UNIT_UNDONE", "PLUGIN_UNIT", 5L, null, null, "plugin=market");
        audit.append(
                Caller.system(),
                "PLUGIN_MARKET_GOODS_REDEEMED",
                "REDEMPTION",
                9L,
                null,
                "/1/",
                "兑换物品：30 积分\namount=300\ngoods=oil");
        KaribuSupport.setUp(context, Messages.CHINESE);
        signIn("auditor-plugins", "auditor-password-1");

        UI.getCurrent().navigate("audit");
        Grid<AuditEntry> grid = _get(Grid.class, s -> s.withId("audit-grid"));

        search("PLUGIN_MARKET_GOODS_REDEEMED");
        assertThat(GridKt._getFormattedRow(grid, 0))
                .contains("兑换物品：30 积分", "amount=300 goods=oil")
                .doesNotContain("PLUGIN_MARKET_GOODS_REDEEMED");
        search("PLUGIN_UNIT_UNDONE");
        assertThat(GridKt._getFormattedRow(grid, 0)).contains("撤销插件未完成的操作", "plugin=market");
    }

    private static void search(String action) {
        _setValue(_get(TextField.class, s -> s.withId("audit-action")), action);
        _click(_get(Button.class, s -> s.withId("audit-search")));
    }

    @Test
    void a_volunteer_is_sent_back_to_the_dashboard() {
        accounts.createUser("volunteer-audit", "volunteer-password-1", false, Set.of(Role.VOLUNTEER));
        KaribuSupport.setUp(context, Messages.CHINESE);
        signIn("volunteer-audit", "volunteer-password-1");
        UI.getCurrent().navigate("audit");
        _assertNone(AuditView.class);
        _get(Component.class, s -> s.withId("dashboard"));
    }

    private static void signIn(String username, String password) {
        KaribuSupport.signIn(username, password);
    }
}
