package org.gongjian.plugins.leifengmarket;

import java.util.List;
import java.util.Optional;
import org.gongjian.plugin.api.EndpointDoc;
import org.gongjian.plugin.api.EndpointRequest;
import org.gongjian.plugin.api.EndpointResponse;
import org.gongjian.plugin.api.Json;
import org.gongjian.plugin.api.PluginContext;
import org.pf4j.Extension;

/** {@code GET markets/{marketId}/items/{itemId}/movements}: an item's latest stock movements. */
@Extension
public class ItemMovements extends MarketEndpoint {

    private final StockChanges changes;

    public ItemMovements(PluginContext context) {
        super(
                context,
                Method.GET,
                "markets/{marketId}/items/{itemId}/movements",
                STAFF,
                new EndpointDoc(
                        "An item's latest 50 stock movements, newest first: kind (IN, PURCHASE, OUT, RETURN, ADJUST,"
                                + " COUNT), quantity, reason",
                        Optional.empty(),
                        Optional.of("{\"movements\":[{\"kind\":\"ADJUST\",\"quantity\":-1,\"reason\":\"过期\","
                                + "\"at\":\"2026-12-03T09:30:00Z\"}]}"),
                        List.of("MARKET_ITEM_NOT_FOUND", "NOT_FOUND")));
        this.changes = new StockChanges(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        return EndpointResponse.ok(Json.object()
                .put(
                        "movements",
                        changes
                                .movements(
                                        request.caller(),
                                        pathId(request, "marketId"),
                                        pathId(request, "itemId"),
                                        StockChanges.LATEST)
                                .stream()
                                .map(m -> Json.object()
                                        .put("kind", m.kind())
                                        .put("quantity", m.quantity())
                                        .put("reason", m.reason().orElse(null))
                                        .put(
                                                "expiresOn",
                                                m.expiresOn()
                                                        .map(Object::toString)
                                                        .orElse(null))
                                        .put("at", m.at().toString()))
                                .toList())
                .toJson());
    }
}
