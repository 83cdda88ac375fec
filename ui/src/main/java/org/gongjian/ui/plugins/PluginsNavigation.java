package org.gongjian.ui.plugins;

import com.vaadin.flow.component.icon.VaadinIcon;
import jakarta.inject.Singleton;
import java.util.Set;
import org.gongjian.access.Role;
import org.gongjian.ui.layout.NavigationEntry;

/** 插件管理 in the menu, for platform administrators. */
@Singleton
final class PluginsNavigation implements NavigationEntry {

    @Override
    public Page page() {
        return new Page(
                100, "nav-plugins", "nav.plugins", VaadinIcon.PUZZLE_PIECE, "plugins", Set.of(Role.PLATFORM_ADMIN));
    }
}
