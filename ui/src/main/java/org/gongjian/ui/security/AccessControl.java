package org.gongjian.ui.security;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.gongjian.audit.AuditEvent;
import org.gongjian.audit.AuditLog;
import org.gongjian.security.Accounts;
import org.gongjian.security.SecurityAudit;
import org.gongjian.security.SignedInUser;

/**
 * Guards every navigation: sign-in first; then the session's age ({@link CurrentUser#MAX_SESSION}),
 * whether the user is still enabled and whether the password was changed since this session proved
 * it (read from the database each time, nothing cached), any of which signs the user out; then the password change; then the page's own rule. A refused
 * {@link AdminOnly} page is audited as {@code ACCESS_DENIED}.
 */
@Singleton
final class AccessControl implements VaadinServiceInitListener {

    private final Accounts accounts;
    private final AuditLog audit;
    private final Clock clock;

    AccessControl(Accounts accounts, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(this::check));
    }

    void check(BeforeEnterEvent event) {
        Class<?> target = event.getNavigationTarget();
        if (target.isAnnotationPresent(PublicPage.class)) {
            return;
        }
        Optional<SignedInUser> found = CurrentUser.get();
        if (found.isEmpty()) {
            event.forwardTo(LoginView.class);
            return;
        }
        SignedInUser user = found.get();
        Instant signedInAt = CurrentUser.signedInAt().orElse(Instant.EPOCH);
        if (!clock.instant().isBefore(signedInAt.plus(CurrentUser.MAX_SESSION))) {
            signOut(event, LoginView.SIGNED_OUT_EXPIRED);
            return;
        }
        switch (accounts.sessionStatus(user.id(), CurrentUser.credentialsAt().orElse(signedInAt))) {
            case DISABLED -> {
                signOut(event, LoginView.SIGNED_OUT_DISABLED);
                return;
            }
            case PASSWORD_CHANGED -> {
                signOut(event, LoginView.SIGNED_OUT_PASSWORD_CHANGED);
                return;
            }
            case VALID -> {}
        }
        if (user.passwordChangeNeeded()) {
            if (target != ChangePasswordView.class) {
                event.forwardTo(ChangePasswordView.class);
            }
            return;
        }
        if (target.isAnnotationPresent(AdminOnly.class) && !CurrentUser.isAdmin()) {
            audit.append(new AuditEvent(
                    user.id(),
                    user.username(),
                    SecurityAudit.ACCESS_DENIED,
                    "PAGE",
                    null,
                    null,
                    null,
                    "page /" + event.getLocation().getPath(),
                    CurrentUser.clientIp()));
            Notification.show(event.getUI().getTranslation("access.denied"));
            Home.forward(event);
        }
    }

    /**
     * Ends the session and shows the sign-in page with the reason. The browser is sent to a fresh
     * page (a new session) so that nothing of the old one is used again.
     */
    private static void signOut(BeforeEnterEvent event, String reason) {
        event.getUI().getPage().setLocation("login?" + LoginView.SIGNED_OUT + "=" + reason);
        CurrentUser.signOut();
        event.forwardTo(LoginView.class, QueryParameters.of(LoginView.SIGNED_OUT, reason));
    }
}
