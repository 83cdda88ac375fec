package org.gongjian.plugins.leifengmarket;

import java.util.List;
import java.util.Optional;
import org.gongjian.plugin.api.EndpointDoc;
import org.gongjian.plugin.api.EndpointRequest;
import org.gongjian.plugin.api.EndpointResponse;
import org.gongjian.plugin.api.Json;
import org.gongjian.plugin.api.PluginContext;
import org.pf4j.Extension;

/** {@code GET orgs/{organizationId}/markets}: the organization's markets. */
@Extension
public class ListMarkets extends MarketEndpoint {

    private final Markets markets;

    public ListMarkets(PluginContext context) {
        super(
                context,
                Method.GET,
                "orgs/{organizationId}/markets",
                EVERYONE,
                new EndpointDoc(
                        "The markets of an organization",
                        Optional.empty(),
                        Optional.of("{\"markets\":[{\"id\":1,\"name\":\"幸福社区雷锋超市\",\"assetCode\":\"VOL\"}]}"),
                        List.of("NOT_FOUND")));
        this.markets = new Markets(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        return EndpointResponse.ok(Json.object()
                .put(
                        "markets",
                        markets.of(request.caller(), pathId(request, "organizationId")).stream()
                                .map(MarketEndpoint::market)
                                .toList())
                .toJson());
    }
}
