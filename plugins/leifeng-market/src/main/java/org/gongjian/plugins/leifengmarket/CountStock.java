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

/** {@code POST markets/{marketId}/counts}: a physical count; each difference is booked as a movement. */
@Extension
public class CountStock extends MarketEndpoint {

    private final StockChanges changes;

    public CountStock(PluginContext context) {
        super(
                context,
                Method.POST,
                "markets/{marketId}/counts",
                STAFF,
                new EndpointDoc(
                        "Book a physical count: what was counted per item; the differences become movements",
                        Optional.of("{\"lines\":[{\"itemId\":5,\"counted\":11}]}"),
                        Optional.of(
                                "{\"differences\":[{\"itemId\":5,\"before\":12,\"counted\":11,\"difference\":-1}]}"),
                        List.of("MARKET_COUNT_INVALID", "MARKET_ITEM_REPEATED", "MARKET_ITEM_NOT_FOUND")));
        this.changes = new StockChanges(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        JsonObject body = Json.parseObject(request.body()).onlyFields("lines");
        List<Line> counted = body.getObjects("lines").stream()
                .map(l -> l.onlyFields("itemId", "counted"))
                .map(l -> new Line(l.getLong("itemId"), l.getLong("counted")))
                .toList();
        List<StockChanges.Difference> differences =
                changes.count(request.caller(), pathId(request, "marketId"), counted);
        return EndpointResponse.ok(Json.object()
                .put(
                        "differences",
                        differences.stream()
                                .map(d -> Json.object()
                                        .put("itemId", d.itemId())
                                        .put("before", d.before())
                                        .put("counted", d.counted())
                                        .put("difference", d.difference()))
                                .toList())
                .toJson());
    }
}
