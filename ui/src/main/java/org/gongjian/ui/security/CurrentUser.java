package org.gongjian.ui.security;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.gongjian.access.Role;
import org.gongjian.security.SignedInUser;

/**
 * The user signed in to the current Vaadin session, and when they signed in. A session ends after
 * 30 minutes without a request (the servlet session timeout) and {@link #MAX_SESSION} after the
 * sign-in however active it is ({@link AccessControl} checks on every navigation).
 */
public final class CurrentUser {

    /** A UI session ends this long after the sign-in, however active: one working day. */
    public static final Duration MAX_SESSION = Duration.ofHours(12);

    private static final String SIGNED_IN_AT = "gongjian.signed-in-at";
    private static final String CREDENTIALS_AT = "gongjian.credentials-at";

    /** The user's id, also in the HTTP session: read before Vaadin locks its session (plugins' caller). */
    private static final String USER_ID = "gongjian.user-id";

    private CurrentUser() {}

    public static Optional<SignedInUser> get() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable(session.getAttribute(SignedInUser.class));
    }

    public static boolean isAdmin() {
        return get().map(u -> u.has(Role.PLATFORM_ADMIN)).orElse(false);
    }

    /** Whether the user reads organizations and members: staff and administrators (not volunteers). */
    public static boolean readsOrganizations() {
        return get().map(u -> u.has(Role.PLATFORM_ADMIN) || u.has(Role.ORG_ADMIN) || u.has(Role.ORG_STAFF))
                .orElse(false);
    }

    /** When the user of this session signed in. */
    static Optional<Instant> signedInAt() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable((Instant) session.getAttribute(SIGNED_IN_AT));
    }

    /**
     * When this session last proved the password: at the sign-in or at its own password change. A
     * password changed after that (elsewhere) ends the session.
     */
    static Optional<Instant> credentialsAt() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable((Instant) session.getAttribute(CREDENTIALS_AT));
    }

    /** Stores the user, after giving the HTTP session a new id (no session fixation). */
    static void signIn(SignedInUser user, Instant at) {
        if (VaadinRequest.getCurrent() instanceof VaadinServletRequest request) {
            request.getHttpServletRequest().changeSessionId();
        }
        VaadinSession session = VaadinSession.getCurrent();
        session.setAttribute(SignedInUser.class, user);
        session.setAttribute(SIGNED_IN_AT, at);
        session.setAttribute(CREDENTIALS_AT, at);
        session.getSession().setAttribute(USER_ID, user.id());
    }

    /**
     * The id of the user signed in to the HTTP session of a request, read without the Vaadin session's
     * lock (for request interceptors); empty without a session or a user. The navigation guard still
     * decides whether the session is valid.
     */
    public static Optional<Long> userId(VaadinRequest request) {
        var session = request.getWrappedSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((Long) session.getAttribute(USER_ID));
    }

    /**
     * Replaces the signed-in user's details after this session changed the password: the session
     * keeps its age, and stays valid while every other session of the user ends.
     */
    static void passwordChanged(SignedInUser user, Instant at) {
        VaadinSession session = VaadinSession.getCurrent();
        session.setAttribute(SignedInUser.class, user);
        session.setAttribute(CREDENTIALS_AT, at);
    }

    /** Ends the session: the user and everything the UI held for them is gone. */
    public static void signOut() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null) {
            session.setAttribute(SignedInUser.class, null);
            session.setAttribute(SIGNED_IN_AT, null);
            session.setAttribute(CREDENTIALS_AT, null);
            session.getSession().invalidate();
        }
    }

    /** The address of the browser, as the server saw it (no forwarding headers are trusted). */
    static String clientIp() {
        VaadinRequest request = VaadinRequest.getCurrent();
        return request == null ? null : request.getRemoteAddr();
    }
}
