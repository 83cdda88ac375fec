package org.gongjian.ui.dashboard;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Set;
import org.gongjian.access.Role;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.security.Accounts;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ledger's reconciliation on the dashboard: for platform administrators only, run on demand. */
@MicronautTest(transactional = false)
class DashboardReconciliationIT {

    @Inject
    ApplicationContext context;

    @Inject
    Accounts accounts;

    @Inject
    Organizations organizations;

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
    }

    @Test
    void a_platform_administrator_reconciles_now_and_sees_the_result_in_green() throws Exception {
        accounts.createUser("reconcile-admin", "reconcile-password-1", false, Set.of(Role.PLATFORM_ADMIN));
        KaribuSupport.setUp(context, Messages.CHINESE);
        KaribuSupport.signIn("reconcile-admin", "reconcile-password-1");

        Span status = _get(Span.class, s -> s.withId("reconciliation-status"));
        Button run = _get(Button.class, s -> s.withId("reconciliation-run"));
        _click(run);
        assertThat(run.isEnabled()).as("while it runs").isFalse();
        for (int i = 0; i < 600 && !run.isEnabled(); i++) {
            Thread.sleep(50);
            MockVaadin.runUIQueue();
        }

        assertThat(status.getText()).isEqualTo("对账正常");
        assertThat(status.getElement().getThemeList()).contains("success");
        assertThat(_get(Span.class, s -> s.withId("reconciliation-detail")).getText())
                .startsWith("最近一次：")
                .endsWith("（reconcile-admin）");
        _assertNone(ProgressBar.class, s -> s.withId("reconciliation-progress"));
    }

    @Test
    void a_community_secretary_sees_no_reconciliation() {
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "对账街道党工委");
        long secretary = KaribuSupport.userWithRole(
                context, "reconcile-secretary", "reconcile-password-1", Role.ORG_ADMIN, street.id());
        assertThat(secretary).isPositive();
        KaribuSupport.setUp(context, Messages.CHINESE);
        KaribuSupport.signIn("reconcile-secretary", "reconcile-password-1");

        _get(DashboardView.class);
        _assertNone(Span.class, s -> s.withId("reconciliation-status"));
    }
}
