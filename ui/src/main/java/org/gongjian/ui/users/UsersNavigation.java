package org.gongjian.ui.users;

import com.vaadin.flow.component.icon.VaadinIcon;
import jakarta.inject.Singleton;
import org.gongjian.ui.layout.NavigationEntry;

/** 用户与角色 in the menu, for platform and organization administrators. */
@Singleton
final class UsersNavigation implements NavigationEntry {

    @Override
    public Page page() {
        return new Page(50, "nav-users", "nav.users", VaadinIcon.USER_CARD, "users", ADMINISTRATORS);
    }
}
