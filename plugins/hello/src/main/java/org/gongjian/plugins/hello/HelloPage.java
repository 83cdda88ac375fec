package org.gongjian.plugins.hello;

import java.util.Locale;
import java.util.Set;
import org.gongjian.plugin.api.PluginRole;
import org.gongjian.plugin.api.PluginView;
import org.pf4j.Extension;

/** Adds the greetings page to the menu. */
@Extension
public class HelloPage implements PluginView {

    @Override
    public String path() {
        return "greetings";
    }

    @Override
    public String title(Locale locale) {
        return Messages.get(locale, "page.title");
    }

    @Override
    public Class<?> componentClass() {
        return HelloView.class;
    }

    /** Administrators of the platform and of organizations, and staff; not volunteers. */
    @Override
    public Set<PluginRole> roles() {
        return Set.of(PluginRole.PLATFORM_ADMIN, PluginRole.ORG_ADMIN, PluginRole.ORG_STAFF);
    }
}
