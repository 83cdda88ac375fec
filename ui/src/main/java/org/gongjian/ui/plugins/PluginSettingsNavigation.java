package org.gongjian.ui.plugins;

import com.vaadin.flow.component.icon.VaadinIcon;
import jakarta.inject.Singleton;
import org.gongjian.pluginsettings.PluginSettingsService;
import org.gongjian.security.SignedInUser;
import org.gongjian.ui.layout.NavigationEntry;

/** 插件设置 in the menu, for staff and administrators, while a started plugin declares settings. */
@Singleton
final class PluginSettingsNavigation implements NavigationEntry {

    private final PluginSettingsService settings;

    PluginSettingsNavigation(PluginSettingsService settings) {
        this.settings = settings;
    }

    @Override
    public Page page() {
        return new Page(105, "nav-plugin-settings", "nav.plugin-settings", VaadinIcon.COGS, "plugin-settings", READERS);
    }

    @Override
    public boolean visibleTo(SignedInUser user) {
        return NavigationEntry.super.visibleTo(user)
                && !settings.pluginsWithSettings().isEmpty();
    }
}
