package org.gongjian.ui.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.gongjian.ui.security.AccountSecurityIT.error;
import static org.gongjian.ui.security.AccountSecurityIT.signIn;

import com.vaadin.flow.component.UI;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Set;
import org.gongjian.access.Role;
import org.gongjian.security.Accounts;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.dashboard.DashboardView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sign-in page follows the API's per-address throttle: twenty failed sign-ins from one browser
 * address, whatever the usernames, and the next one is not even checked. Its own application
 * context, so that no other test's failures count.
 */
@MicronautTest(transactional = false)
class SignInThrottleViewIT {

    @Inject
    ApplicationContext context;

    @Inject
    Accounts accounts;

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
    }

    @Test
    void twenty_failed_sign_ins_for_any_usernames_pause_the_page_for_this_address() {
        accounts.createUser("ui-throttled", "ui-throttled-password", false, Set.of(Role.ORG_STAFF));
        KaribuSupport.setUp(context, Locale.ENGLISH);
        UI.getCurrent().navigate("login");
        for (int i = 0; i < 20; i++) {
            signIn("sprayed-" + i, "Password1");
            assertThat(error().getText()).isEqualTo("Wrong username or password");
        }

        signIn("ui-throttled", "ui-throttled-password");

        assertThat(error().getText()).isEqualTo("Too many failed sign-ins from this address; try again in 10 minutes");
        _get(LoginView.class);
        assertThat(accounts.signIn("ui-throttled", "ui-throttled-password", "10.1.2.3")
                        .status())
                .as("another address is not affected")
                .isEqualTo(org.gongjian.security.SignInResult.Status.OK);
        assertThat(UI.getCurrent().getChildren().noneMatch(DashboardView.class::isInstance))
                .isTrue();
    }
}
