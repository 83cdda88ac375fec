package org.gongjian.plugins.noticeboard;

import java.util.Locale;
import java.util.Set;
import org.gongjian.plugin.api.PluginRole;
import org.gongjian.plugin.api.PluginView;
import org.pf4j.Extension;

/** Adds the notice board to the menu of administrators and staff where the plugin is on. */
@Extension
public class NoticeBoardPage implements PluginView {

    @Override
    public String path() {
        return "notices";
    }

    @Override
    public String title(Locale locale) {
        return Messages.get(locale, "page.title");
    }

    @Override
    public Class<?> componentClass() {
        return NoticeBoardView.class;
    }

    @Override
    public Set<PluginRole> roles() {
        return Set.of(PluginRole.PLATFORM_ADMIN, PluginRole.ORG_ADMIN, PluginRole.ORG_STAFF);
    }
}
