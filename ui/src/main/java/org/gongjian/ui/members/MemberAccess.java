package org.gongjian.ui.members;

import com.vaadin.flow.router.BeforeEnterEvent;
import org.gongjian.access.Role;
import org.gongjian.ui.dashboard.DashboardView;
import org.gongjian.ui.security.CurrentUser;

/** Who may open the member pages: staff and administrators of organizations; others go home. */
final class MemberAccess {

    private MemberAccess() {}

    static boolean mayRead(BeforeEnterEvent event) {
        boolean reader = CurrentUser.get()
                .map(u -> u.has(Role.PLATFORM_ADMIN) || u.has(Role.ORG_ADMIN) || u.has(Role.ORG_STAFF))
                .orElse(false);
        if (!reader) {
            event.forwardTo(DashboardView.class);
        }
        return reader;
    }
}
