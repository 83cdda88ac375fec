package org.gongjian.plugins.leifengmarket;

import java.util.List;
import java.util.Optional;
import org.gongjian.plugin.api.EndpointDoc;
import org.gongjian.plugin.api.EndpointRequest;
import org.gongjian.plugin.api.EndpointResponse;
import org.gongjian.plugin.api.PluginContext;
import org.pf4j.Extension;

/** {@code PUT markets/{marketId}/items/{itemId}}: changes an item's details (not its stock). */
@Extension
public class EditItem extends MarketEndpoint {

    private final Goods goods;

    public EditItem(PluginContext context) {
        super(
                context,
                Method.PUT,
                "markets/{marketId}/items/{itemId}",
                ADMINS,
                new EndpointDoc(
                        "Change an item: the same fields as adding one; its stock changes only by movements",
                        Optional.of("{\"name\":\"食用油\",\"category\":\"粮油\",\"unit\":\"瓶\",\"price\":25,"
                                + "\"monthlyCap\":2,\"eligibility\":\"VOLUNTEERS\"}"),
                        Optional.of("{\"id\":5,\"name\":\"食用油\",\"price\":\"25\",\"eligibility\":\"VOLUNTEERS\"}"),
                        List.of(
                                "MARKET_NAME_INVALID",
                                "MARKET_PRICE_INVALID",
                                "MARKET_QUANTITY_INVALID",
                                "MARKET_ELIGIBILITY_INVALID",
                                "MARKET_TAG_INVALID",
                                "MARKET_ITEM_NAME_TAKEN",
                                "MARKET_ITEM_NOT_FOUND",
                                "NOT_FOUND")));
        this.goods = new Goods(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        Goods.Item item = goods.edit(
                request.caller(), pathId(request, "marketId"), pathId(request, "itemId"), details(request.body()));
        return EndpointResponse.ok(item(item).toJson());
    }
}
