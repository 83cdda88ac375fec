package org.gongjian.plugins.leifengmarket;

import java.util.List;
import java.util.Optional;
import org.gongjian.plugin.api.EndpointDoc;
import org.gongjian.plugin.api.EndpointRequest;
import org.gongjian.plugin.api.EndpointResponse;
import org.gongjian.plugin.api.PluginContext;
import org.pf4j.Extension;

/** {@code POST markets/{marketId}/items}: adds an item to the catalogue (nothing on hand until a donation). */
@Extension
public class AddItem extends MarketEndpoint {

    private final Goods goods;

    public AddItem(PluginContext context) {
        super(
                context,
                Method.POST,
                "markets/{marketId}/items",
                ADMINS,
                new EndpointDoc(
                        "Add an item: price in points with at most one decimal, an optional cap per person a month, who may"
                                + " redeem it (eligibility EVERYONE, VOLUNTEERS, TAG with eligibilityTag, RESIDENTS)",
                        Optional.of(
                                "{\"name\":\"食用油\",\"category\":\"粮油\",\"unit\":\"瓶\",\"price\":30,\"monthlyCap\":2}"),
                        Optional.of("{\"id\":5,\"name\":\"食用油\",\"price\":\"30\",\"monthlyCap\":2,\"onHand\":0}"),
                        List.of(
                                "MARKET_NAME_INVALID",
                                "MARKET_PRICE_INVALID",
                                "MARKET_QUANTITY_INVALID",
                                "MARKET_ELIGIBILITY_INVALID",
                                "MARKET_TAG_INVALID",
                                "MARKET_ITEM_NAME_TAKEN")));
        this.goods = new Goods(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        Goods.Item item = goods.add(request.caller(), pathId(request, "marketId"), details(request.body()));
        return EndpointResponse.created(item(item).toJson());
    }
}
