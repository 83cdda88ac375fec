package org.gongjian.ui.points;

import com.vaadin.flow.router.BeforeEnterEvent;
import org.gongjian.access.Role;
import org.gongjian.ui.security.CurrentUser;
import org.gongjian.ui.security.Home;

/** Who opens which points page; others go to the dashboard. Services check again on every call. */
final class PointsAccess {

    private PointsAccess() {}

    /** Administrators decide adjustments. */
    static boolean administrator() {
        return CurrentUser.get()
                .map(u -> u.has(Role.PLATFORM_ADMIN) || u.has(Role.ORG_ADMIN))
                .orElse(false);
    }

    /** Staff and administrators read rules and point kinds. */
    static boolean reader() {
        return administrator()
                || CurrentUser.get().map(u -> u.has(Role.ORG_STAFF)).orElse(false);
    }

    static boolean allow(BeforeEnterEvent event, boolean allowed) {
        if (!allowed) {
            Home.forward(event);
        }
        return allowed;
    }
}
