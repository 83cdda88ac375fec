package org.gongjian.plugins.leifengmarket;

import java.util.List;
import java.util.Optional;
import org.gongjian.plugin.api.EndpointDoc;
import org.gongjian.plugin.api.EndpointRequest;
import org.gongjian.plugin.api.EndpointResponse;
import org.gongjian.plugin.api.PluginContext;

/** What activating and deactivating an item share: the item's state set, answered with the item. */
abstract class SwitchItem extends MarketEndpoint {

    private final Goods goods;
    private final boolean active;

    SwitchItem(PluginContext context, String path, boolean active, String summary) {
        super(
                context,
                Method.POST,
                path,
                ADMINS,
                new EndpointDoc(
                        summary,
                        Optional.empty(),
                        Optional.of("{\"id\":5,\"name\":\"食用油\",\"active\":" + active + "}"),
                        List.of("MARKET_ITEM_NOT_FOUND", "NOT_FOUND")));
        this.goods = new Goods(context);
        this.active = active;
    }

    @Override
    final EndpointResponse answer(EndpointRequest request) {
        Goods.Item item =
                goods.setActive(request.caller(), pathId(request, "marketId"), pathId(request, "itemId"), active);
        return EndpointResponse.ok(item(item).toJson());
    }
}
