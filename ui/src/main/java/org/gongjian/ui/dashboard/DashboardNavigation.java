package org.gongjian.ui.dashboard;

import com.vaadin.flow.component.icon.VaadinIcon;
import jakarta.inject.Singleton;
import java.util.Set;
import org.gongjian.ui.layout.NavigationEntry;

/** 首页 in the menu, for everyone signed in. */
@Singleton
final class DashboardNavigation implements NavigationEntry {

    @Override
    public Page page() {
        return new Page(10, "nav-dashboard", "nav.dashboard", VaadinIcon.HOME, "", Set.of());
    }
}
