package org.gongjian.ui.organizations;

import com.vaadin.flow.component.icon.VaadinIcon;
import jakarta.inject.Singleton;
import org.gongjian.ui.layout.NavigationEntry;

/** 组织架构 in the menu, for staff and administrators. */
@Singleton
final class OrganizationsNavigation implements NavigationEntry {

    @Override
    public Page page() {
        return new Page(20, "nav-organizations", "nav.organizations", VaadinIcon.SITEMAP, "organizations", READERS);
    }
}
