package org.gongjian.plugins.leifengmarket;

import java.util.List;
import java.util.Optional;
import org.gongjian.plugin.api.EndpointDoc;
import org.gongjian.plugin.api.EndpointRequest;
import org.gongjian.plugin.api.EndpointResponse;
import org.gongjian.plugin.api.Json;
import org.gongjian.plugin.api.PluginContext;
import org.pf4j.Extension;

/** {@code GET markets/{marketId}/purchases}: the market's purchases, newest first. */
@Extension
public class ListPurchases extends MarketEndpoint {

    private final Purchases purchases;

    public ListPurchases(PluginContext context) {
        super(
                context,
                Method.GET,
                "markets/{marketId}/purchases",
                STAFF,
                new EndpointDoc(
                        "The market's purchases, newest first (at most 200)",
                        Optional.empty(),
                        Optional.of(
                                "{\"purchases\":[{\"id\":12,\"supplier\":\"联华超市\",\"amount\":\"356.80\",\"items\":10}]}"),
                        List.of("NOT_FOUND")));
        this.purchases = new Purchases(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        return EndpointResponse.ok(Json.object()
                .put(
                        "purchases",
                        purchases.of(request.caller(), pathId(request, "marketId"), ListDonations.LIMIT).stream()
                                .map(RecordPurchase::purchase)
                                .toList())
                .toJson());
    }
}
