package org.gongjian.plugins.leifengmarket;

import org.gongjian.plugin.api.PluginContext;
import org.pf4j.Extension;

/** {@code POST markets/{marketId}/items/{itemId}/deactivate}: the item is no longer offered; its stock stays. */
@Extension
public class DeactivateItem extends SwitchItem {

    public DeactivateItem(PluginContext context) {
        super(
                context,
                "markets/{marketId}/items/{itemId}/deactivate",
                false,
                "Take an item off the shelf (下架): redemptions and reservations refuse it, its stock stays");
    }
}
