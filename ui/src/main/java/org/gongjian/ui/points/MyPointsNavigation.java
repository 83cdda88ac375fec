package org.gongjian.ui.points;

import com.vaadin.flow.component.icon.VaadinIcon;
import jakarta.inject.Singleton;
import java.util.Set;
import org.gongjian.access.Callers;
import org.gongjian.security.SignedInUser;
import org.gongjian.ui.layout.NavigationEntry;

/** 我的积分 in the menu, for users linked to a member record (whatever their roles). */
@Singleton
final class MyPointsNavigation implements NavigationEntry {

    private final Callers callers;

    MyPointsNavigation(Callers callers) {
        this.callers = callers;
    }

    @Override
    public Page page() {
        return new Page(80, "nav-my-points", "nav.my-points", VaadinIcon.STAR, "points/mine", Set.of());
    }

    /** Not a role: the page shows the user's own member record, so it needs one. */
    @Override
    public boolean visibleTo(SignedInUser user) {
        return callers.forUser(user.id()).memberId() != null;
    }
}
