package org.gongjian.ui.points;

import com.vaadin.flow.component.icon.VaadinIcon;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.gongjian.access.Callers;
import org.gongjian.points.Adjustments;
import org.gongjian.ui.layout.NavigationEntry;

/** 审批 in the menu with the number of adjustments waiting for the user's decision, for administrators. */
@Singleton
final class ApprovalsNavigation implements NavigationEntry {

    private final Adjustments adjustments;
    private final Callers callers;

    ApprovalsNavigation(Adjustments adjustments, Callers callers) {
        this.adjustments = adjustments;
        this.callers = callers;
    }

    @Override
    public Page page() {
        return new Page(
                70, "nav-approvals", "nav.approvals", VaadinIcon.CHECK_SQUARE_O, "points/approvals", ADMINISTRATORS);
    }

    @Override
    public Optional<Badge> badge() {
        return Optional.of(
                new Badge(user -> adjustments.inbox(callers.forUser(user.id())).size(), "nav.approvals.waiting"));
    }
}
