package org.gongjian.plugins.leifengmarket;

import java.util.Locale;
import java.util.Set;
import org.gongjian.plugin.api.PluginRole;
import org.gongjian.plugin.api.PluginView;
import org.pf4j.Extension;

/** The 捐赠登记 page in the menu, at {@code /plugins/leifeng-market/donations}. */
@Extension
public class DonationsPage implements PluginView {

    @Override
    public String path() {
        return "donations";
    }

    @Override
    public String title(Locale locale) {
        return Messages.get(locale, "donations.title");
    }

    @Override
    public Class<?> componentClass() {
        return DonationsView.class;
    }

    @Override
    public Set<PluginRole> roles() {
        return Set.of(PluginRole.ORG_ADMIN, PluginRole.ORG_STAFF, PluginRole.PLATFORM_ADMIN);
    }
}
