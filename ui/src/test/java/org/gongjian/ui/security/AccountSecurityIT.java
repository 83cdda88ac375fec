package org.gongjian.ui.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditEntry;
import org.gongjian.audit.AuditFilter;
import org.gongjian.audit.AuditLog;
import org.gongjian.security.Accounts;
import org.gongjian.security.PasswordChangeResult;
import org.gongjian.security.SecurityAudit;
import org.gongjian.security.SignedInUser;
import org.gongjian.time.MutableClock;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lockout, common passwords, session age, disabled users, password changes and refused pages in the real views on
 * the real application, driven by Karibu-Testing; time moves by the test clock. Every test has
 * its own user.
 */
@MicronautTest(transactional = false)
class AccountSecurityIT {

    @Inject
    ApplicationContext context;

    @Inject
    Accounts accounts;

    @Inject
    AuditLog audit;

    @Inject
    MutableClock clock;

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
        clock.reset();
    }

    @Test
    void five_wrong_passwords_lock_the_account_and_the_page_reads_exactly_like_a_wrong_password() {
        accounts.createUser("ui-lock", "ui-lock-password", false, Set.of(Role.ORG_STAFF));
        KaribuSupport.setUp(context, Messages.CHINESE);
        UI.getCurrent().navigate("login");
        for (int i = 0; i < 4; i++) {
            signIn("ui-lock", "wrong-password");
            assertThat(error().getText()).isEqualTo("用户名或密码不正确");
        }

        signIn("ui-lock", "wrong-password");
        assertThat(error().getText()).isEqualTo("用户名或密码不正确");

        // Locked: even the right password is refused, and the page does not tell that the user exists.
        signIn("ui-lock", "ui-lock-password");
        assertThat(error().getText()).isEqualTo("用户名或密码不正确");
        _get(LoginView.class);

        clock.advance(Accounts.LOCK_DURATION);
        signIn("ui-lock", "ui-lock-password");
        _get(Component.class, s -> s.withId("dashboard"));
    }

    @Test
    void a_password_changed_elsewhere_ends_the_session_at_the_next_navigation() {
        accounts.createUser("ui-changed", "ui-changed-password", false, Set.of(Role.ORG_STAFF));
        KaribuSupport.setUp(context, Messages.CHINESE);
        UI.getCurrent().navigate("login");
        signIn("ui-changed", "ui-changed-password");
        _get(DashboardView.class);

        clock.advance(Duration.ofSeconds(1));
        assertThat(accounts.changePassword("ui-changed", "ui-changed-password", "changed-on-the-phone-1"))
                .isEqualTo(PasswordChangeResult.OK);
        UI.getCurrent().navigate("");

        _assertNone(DashboardView.class);
        _get(LoginView.class);
        assertThat(error().getText()).isEqualTo("密码已在别处修改，请用新密码重新登录");
        assertThat(CurrentUser.get()).isEmpty();
    }

    @Test
    void the_session_that_changed_the_password_goes_on_and_the_tokens_issued_before_end() {
        SignedInUser user = accounts.createUser("ui-changer", "ui-changer-password", false, Set.of(Role.ORG_STAFF));
        String token = accounts.issueToken(user).value();
        KaribuSupport.setUp(context, Messages.CHINESE);
        UI.getCurrent().navigate("login");
        signIn("ui-changer", "ui-changer-password");
        clock.advance(Duration.ofSeconds(1));
        UI.getCurrent().navigate("change-password");
        _setValue(_get(PasswordField.class, s -> s.withId("password-old")), "ui-changer-password");
        _setValue(_get(PasswordField.class, s -> s.withId("password-new")), "社区网格-2026-冬");
        _setValue(_get(PasswordField.class, s -> s.withId("password-confirm")), "社区网格-2026-冬");
        _click(_get(Button.class, s -> s.withId("password-submit")));
        _get(DashboardView.class);

        clock.advance(Duration.ofSeconds(1));
        UI.getCurrent().navigate("");
        _get(DashboardView.class);
        assertThat(CurrentUser.get()).isPresent();
        assertThat(accounts.userForToken(token)).isEmpty();
    }

    @Test
    void a_common_password_is_refused_as_the_user_types() {
        accounts.createUser("ui-common", "ui-common-password", true, Set.of(Role.ORG_STAFF));
        KaribuSupport.setUp(context, Messages.CHINESE);
        UI.getCurrent().navigate("login");
        signIn("ui-common", "ui-common-password");
        _get(ChangePasswordView.class);
        PasswordField newPassword = _get(PasswordField.class, s -> s.withId("password-new"));

        _setValue(newPassword, "WoAiNi1314");

        assertThat(newPassword.isInvalid()).isTrue();
        assertThat(newPassword.getErrorMessage()).isEqualTo("这个密码太常见，很容易被猜到，请换一个");
        _setValue(_get(PasswordField.class, s -> s.withId("password-old")), "ui-common-password");
        _setValue(_get(PasswordField.class, s -> s.withId("password-confirm")), "WoAiNi1314");
        _click(_get(Button.class, s -> s.withId("password-submit")));
        _get(ChangePasswordView.class);

        _setValue(newPassword, "社区网格-2026-秋");
        assertThat(newPassword.isInvalid()).isFalse();
    }

    @Test
    void a_session_ends_twelve_hours_after_the_sign_in_however_active() {
        accounts.createUser("ui-long-day", "ui-long-day-password", false, Set.of(Role.ORG_STAFF));
        KaribuSupport.setUp(context, Messages.CHINESE);
        UI.getCurrent().navigate("login");
        signIn("ui-long-day", "ui-long-day-password");
        _get(Component.class, s -> s.withId("dashboard"));

        clock.advance(Duration.ofHours(12).minusMinutes(1));
        UI.getCurrent().navigate("");
        _get(Component.class, s -> s.withId("dashboard"));

        clock.advance(Duration.ofMinutes(1));
        UI.getCurrent().navigate("");

        _assertNone(Component.class, s -> s.withId("dashboard"));
        _get(LoginView.class);
        assertThat(error().getText()).isEqualTo("登录已超过 12 小时，请重新登录");
        assertThat(CurrentUser.get()).isEmpty();
    }

    @Test
    void a_disabled_user_is_signed_out_at_the_next_navigation() {
        accounts.createUser("ui-disabled", "ui-disabled-password", false, Set.of(Role.ORG_STAFF));
        KaribuSupport.setUp(context, Messages.CHINESE);
        UI.getCurrent().navigate("login");
        signIn("ui-disabled", "ui-disabled-password");
        _get(Component.class, s -> s.withId("dashboard"));

        accounts.disable("ui-disabled");
        UI.getCurrent().navigate("");

        _assertNone(Component.class, s -> s.withId("dashboard"));
        _get(LoginView.class);
        assertThat(error().getText()).isEqualTo("该账户已停用，请联系管理员");
        assertThat(CurrentUser.get()).isEmpty();
    }

    @Test
    void a_refused_administrator_page_is_audited_and_a_sign_in_too() {
        accounts.createUser("ui-denied", "ui-denied-password", false, Set.of(Role.VOLUNTEER));
        KaribuSupport.setUp(context, Messages.CHINESE);
        UI.getCurrent().navigate("login");
        signIn("ui-denied", "ui-denied-password");

        UI.getCurrent().navigate("plugins");

        _assertNone(Component.class, s -> s.withId("plugins"));
        _get(Component.class, s -> s.withId("dashboard"));
        List<AuditEntry> denied = entries(SecurityAudit.ACCESS_DENIED, "ui-denied");
        assertThat(denied).singleElement().extracting(AuditEntry::detail).isEqualTo("page /plugins");
        assertThat(entries(SecurityAudit.LOGIN_SUCCEEDED, "ui-denied")).hasSize(1);
    }

    private List<AuditEntry> entries(String action, String actor) {
        return audit.latest(Caller.system(), new AuditFilter(action, actor, null, null), 50);
    }

    static Span error() {
        Span error = _get(Span.class, s -> s.withId("login-error"));
        assertThat(error.isVisible()).isTrue();
        return error;
    }

    static void signIn(String username, String password) {
        _setValue(_get(TextField.class, s -> s.withId("login-username")), username);
        _setValue(_get(PasswordField.class, s -> s.withId("login-password")), password);
        _click(_get(Button.class, s -> s.withId("login-submit")));
    }
}
