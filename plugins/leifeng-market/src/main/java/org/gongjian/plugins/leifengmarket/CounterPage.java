package org.gongjian.plugins.leifengmarket;

import java.util.Locale;
import java.util.Set;
import org.gongjian.plugin.api.PluginRole;
import org.gongjian.plugin.api.PluginView;
import org.pf4j.Extension;

/** The counter page in the staff's menu: redeem goods for a resident, on a tablet. */
@Extension
public class CounterPage implements PluginView {

    @Override
    public String path() {
        return "counter";
    }

    @Override
    public String title(Locale locale) {
        return Messages.get(locale, "counter.title");
    }

    @Override
    public Class<?> componentClass() {
        return CounterView.class;
    }

    @Override
    public Set<PluginRole> roles() {
        return MarketEndpoint.STAFF;
    }
}
