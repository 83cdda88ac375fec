package org.gongjian.plugins.leifengmarket;

import java.util.Locale;
import java.util.Set;
import org.gongjian.plugin.api.PluginRole;
import org.gongjian.plugin.api.PluginView;
import org.pf4j.Extension;

/** The 库存盘点 page in the menu, at {@code /plugins/leifeng-market/stock}. */
@Extension
public class StockPage implements PluginView {

    @Override
    public String path() {
        return "stock";
    }

    @Override
    public String title(Locale locale) {
        return Messages.get(locale, "stock.title");
    }

    @Override
    public Class<?> componentClass() {
        return StockView.class;
    }

    @Override
    public Set<PluginRole> roles() {
        return Set.of(PluginRole.ORG_ADMIN, PluginRole.ORG_STAFF, PluginRole.PLATFORM_ADMIN);
    }
}
