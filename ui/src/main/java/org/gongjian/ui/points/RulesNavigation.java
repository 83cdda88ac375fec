package org.gongjian.ui.points;

import com.vaadin.flow.component.icon.VaadinIcon;
import jakarta.inject.Singleton;
import org.gongjian.ui.layout.NavigationEntry;

/** 积分规则 in the menu, for staff and administrators. */
@Singleton
final class RulesNavigation implements NavigationEntry {

    @Override
    public Page page() {
        return new Page(60, "nav-points-rules", "nav.points-rules", VaadinIcon.BOOK, "points/rules", READERS);
    }
}
