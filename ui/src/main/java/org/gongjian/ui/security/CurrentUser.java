package org.gongjian.ui.security;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import java.util.Optional;
import org.gongjian.access.Role;
import org.gongjian.security.SignedInUser;

/** The user signed in to the current Vaadin session. */
public final class CurrentUser {

    private CurrentUser() {}

    public static Optional<SignedInUser> get() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable(session.getAttribute(SignedInUser.class));
    }

    public static boolean isAdmin() {
        return get().map(u -> u.has(Role.PLATFORM_ADMIN)).orElse(false);
    }

    /** Stores the user, after giving the HTTP session a new id (no session fixation). */
    static void signIn(SignedInUser user) {
        if (VaadinRequest.getCurrent() instanceof VaadinServletRequest request) {
            request.getHttpServletRequest().changeSessionId();
        }
        VaadinSession.getCurrent().setAttribute(SignedInUser.class, user);
    }

    /** Ends the session: the user and everything the UI held for them is gone. */
    public static void signOut() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null) {
            session.setAttribute(SignedInUser.class, null);
            session.getSession().invalidate();
        }
    }
}
