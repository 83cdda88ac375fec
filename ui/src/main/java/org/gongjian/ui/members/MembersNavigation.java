package org.gongjian.ui.members;

import com.vaadin.flow.component.icon.VaadinIcon;
import jakarta.inject.Singleton;
import org.gongjian.ui.layout.NavigationEntry;

/** 成员 in the menu, for staff and administrators. */
@Singleton
final class MembersNavigation implements NavigationEntry {

    @Override
    public Page page() {
        return new Page(30, "nav-members", "nav.members", VaadinIcon.USERS, "members", READERS);
    }
}
