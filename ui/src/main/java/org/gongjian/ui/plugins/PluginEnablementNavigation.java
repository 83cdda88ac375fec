package org.gongjian.ui.plugins;

import com.vaadin.flow.component.icon.VaadinIcon;
import jakarta.inject.Singleton;
import java.util.Set;
import org.gongjian.access.Role;
import org.gongjian.ui.layout.NavigationEntry;

/** 插件启用 in the menu, for administrators of organizations (and of the platform). */
@Singleton
final class PluginEnablementNavigation implements NavigationEntry {

    @Override
    public Page page() {
        return new Page(
                105,
                "nav-plugin-enablement",
                "nav.plugin-enablement",
                VaadinIcon.PLUG,
                "plugin-enablement",
                Set.of(Role.PLATFORM_ADMIN, Role.ORG_ADMIN));
    }
}
