package org.gongjian.plugins.leifengmarket;

import java.util.Locale;
import java.util.Set;
import org.gongjian.plugin.api.PluginRole;
import org.gongjian.plugin.api.PluginView;
import org.pf4j.Extension;

/** The 物品管理 page in the menu, at {@code /plugins/leifeng-market/goods}. */
@Extension
public class GoodsPage implements PluginView {

    @Override
    public String path() {
        return "goods";
    }

    @Override
    public String title(Locale locale) {
        return Messages.get(locale, "goods.title");
    }

    @Override
    public Class<?> componentClass() {
        return GoodsView.class;
    }

    @Override
    public Set<PluginRole> roles() {
        return Set.of(PluginRole.ORG_ADMIN, PluginRole.PLATFORM_ADMIN);
    }
}
