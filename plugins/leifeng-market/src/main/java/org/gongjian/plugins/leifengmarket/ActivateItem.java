package org.gongjian.plugins.leifengmarket;

import org.gongjian.plugin.api.PluginContext;
import org.pf4j.Extension;

/** {@code POST markets/{marketId}/items/{itemId}/activate}: the item is offered again. */
@Extension
public class ActivateItem extends SwitchItem {

    public ActivateItem(PluginContext context) {
        super(context, "markets/{marketId}/items/{itemId}/activate", true, "Offer an item again (上架)");
    }
}
