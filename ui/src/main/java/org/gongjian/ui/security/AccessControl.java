package org.gongjian.ui.security;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.gongjian.security.SignedInUser;
import org.gongjian.ui.dashboard.DashboardView;

/** Guards every navigation: sign-in first, then the password change, then the page's own rule. */
@Singleton
final class AccessControl implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(AccessControl::check));
    }

    static void check(BeforeEnterEvent event) {
        Class<?> target = event.getNavigationTarget();
        if (target.isAnnotationPresent(PublicPage.class)) {
            return;
        }
        Optional<SignedInUser> user = CurrentUser.get();
        if (user.isEmpty()) {
            event.forwardTo(LoginView.class);
            return;
        }
        if (user.get().passwordChangeNeeded()) {
            if (target != ChangePasswordView.class) {
                event.forwardTo(ChangePasswordView.class);
            }
            return;
        }
        if (target.isAnnotationPresent(AdminOnly.class) && !CurrentUser.isAdmin()) {
            Notification.show(event.getUI().getTranslation("access.denied"));
            event.forwardTo(DashboardView.class);
        }
    }
}
