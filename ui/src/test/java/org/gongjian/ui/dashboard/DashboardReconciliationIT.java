package org.gongjian.ui.dashboard;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.progressbar.ProgressBar;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Set;
import org.gongjian.access.Role;
import org.gongjian.ledger.Account;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.OwnerType;
import org.gongjian.ledger.Posting;
import org.gongjian.ledger.TransferSpec;
import org.gongjian.members.Members;
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

    @Inject
    Members members;

    @Inject
    Ledger ledger;

    @Inject
    TransactionOperations<Connection> transactions;

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
        _assertOne(ProgressBar.class, s -> s.withId("reconciliation-progress"));
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
    void a_changed_transfer_shows_in_red_with_the_first_problems() throws Exception {
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "篡改街道党工委");
        long member = members.add(street.id(), "被改者").id();
        Account issuance = ledger.open(Asset.TIME_ID, OwnerType.ISSUANCE, street.id(), street.path());
        Account account = ledger.open(Asset.TIME_ID, OwnerType.MEMBER, member, "");
        long transfer = ledger.post(new Posting(
                        0,
                        "tamper-" + member,
                        street.id(),
                        null,
                        List.of(new TransferSpec(
                                issuance.id(),
                                account.id(),
                                60,
                                "SERVICE_DEPOSIT",
                                "VOLUNTEER",
                                "原备注",
                                null,
                                null,
                                null))))
                .transfers()
                .getFirst()
                .id();
        accounts.createUser("reconcile-red", "reconcile-password-1", false, Set.of(Role.PLATFORM_ADMIN));
        sql("UPDATE ledger_transfer SET memo = '改过' WHERE id = ?", transfer);
        try {
            KaribuSupport.setUp(context, Messages.CHINESE);
            KaribuSupport.signIn("reconcile-red", "reconcile-password-1");
            reconcileNow();

            Span status = _get(Span.class, s -> s.withId("reconciliation-status"));
            assertThat(status.getText()).isEqualTo("发现 1 个问题");
            assertThat(status.getElement().getThemeList()).contains("error");
            assertThat(_get(UnorderedList.class, s -> s.withId("reconciliation-problems"))
                            .getChildren()
                            .map(c -> ((ListItem) c).getText()))
                    .containsExactly("TRANSFER_CHANGED transfer=" + transfer);
        } finally {
            sql("UPDATE ledger_transfer SET memo = '原备注' WHERE id = ?", transfer);
        }
    }

    private static void reconcileNow() throws InterruptedException {
        Button run = _get(Button.class, s -> s.withId("reconciliation-run"));
        _click(run);
        for (int i = 0; i < 600 && !run.isEnabled(); i++) {
            Thread.sleep(50);
            MockVaadin.runUIQueue();
        }
    }

    private void sql(String statement, long id) {
        transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(statement)) {
                s.setLong(1, id);
                return s.executeUpdate();
            }
        });
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
