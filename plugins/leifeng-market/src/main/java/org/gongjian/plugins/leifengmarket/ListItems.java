package org.gongjian.plugins.leifengmarket;

import java.util.List;
import java.util.Optional;
import org.gongjian.plugin.api.EndpointDoc;
import org.gongjian.plugin.api.EndpointRequest;
import org.gongjian.plugin.api.EndpointResponse;
import org.gongjian.plugin.api.Json;
import org.gongjian.plugin.api.PluginContext;
import org.pf4j.Extension;

/** {@code GET markets/{marketId}/items}: the catalogue with what is on hand. */
@Extension
public class ListItems extends MarketEndpoint {

    private final Goods goods;

    public ListItems(PluginContext context) {
        super(
                context,
                Method.GET,
                "markets/{marketId}/items",
                EVERYONE,
                new EndpointDoc(
                        "The market's goods with what is on hand",
                        Optional.empty(),
                        Optional.of("{\"items\":[{\"id\":5,\"name\":\"食用油\",\"price\":\"30\",\"onHand\":12}]}"),
                        List.of("NOT_FOUND")));
        this.goods = new Goods(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        return EndpointResponse.ok(Json.object()
                .put(
                        "items",
                        goods.of(request.caller(), pathId(request, "marketId")).stream()
                                .map(MarketEndpoint::item)
                                .toList())
                .toJson());
    }
}
