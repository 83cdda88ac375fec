package org.gongjian.ui.members;

import com.vaadin.flow.router.BeforeEnterEvent;
import org.gongjian.ui.security.CurrentUser;
import org.gongjian.ui.security.Home;

/** Who may open the member pages: staff and administrators of organizations; others go home. */
final class MemberAccess {

    private MemberAccess() {}

    static boolean mayRead(BeforeEnterEvent event) {
        boolean reader = CurrentUser.readsOrganizations();
        if (!reader) {
            Home.forward(event);
        }
        return reader;
    }
}
