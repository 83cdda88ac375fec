package org.gongjian.plugins.leifengmarket;

import java.util.List;
import java.util.Optional;
import org.gongjian.plugin.api.EndpointDoc;
import org.gongjian.plugin.api.EndpointRequest;
import org.gongjian.plugin.api.EndpointResponse;
import org.gongjian.plugin.api.Json;
import org.gongjian.plugin.api.JsonObject;
import org.gongjian.plugin.api.PluginContext;
import org.pf4j.Extension;

/** {@code POST markets/{marketId}/adjustments}: damaged, expired or found goods, with the reason. */
@Extension
public class AdjustStock extends MarketEndpoint {

    private final StockChanges changes;

    public AdjustStock(PluginContext context) {
        super(
                context,
                Method.POST,
                "markets/{marketId}/adjustments",
                STAFF,
                new EndpointDoc(
                        "Adjust an item's stock (negative: taken away), with the reason",
                        Optional.of("{\"itemId\":5,\"quantity\":-1,\"reason\":\"过期\"}"),
                        Optional.of("{\"id\":5,\"name\":\"食用油\",\"onHand\":11}"),
                        List.of(
                                "MARKET_ADJUST_QUANTITY_INVALID",
                                "MARKET_ADJUST_BELOW_ZERO",
                                "MARKET_REASON_INVALID",
                                "MARKET_ITEM_NOT_FOUND")));
        this.changes = new StockChanges(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        JsonObject body = Json.parseObject(request.body()).onlyFields("itemId", "quantity", "reason");
        Goods.Item item = changes.adjust(
                request.caller(),
                pathId(request, "marketId"),
                body.getLong("itemId"),
                body.getLong("quantity"),
                body.getString("reason"));
        return EndpointResponse.ok(item(item).toJson());
    }
}
