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

/** {@code POST orgs/{organizationId}/markets}: opens a market that accepts one point kind. */
@Extension
public class OpenMarket extends MarketEndpoint {

    private final Markets markets;

    public OpenMarket(PluginContext context) {
        super(
                context,
                Method.POST,
                "orgs/{organizationId}/markets",
                ADMINS,
                new EndpointDoc(
                        "Open a market at an organization (its administrators)",
                        Optional.of("{\"name\":\"幸福社区雷锋超市\",\"address\":\"幸福路 1 号\",\"assetCode\":\"VOL\"}"),
                        Optional.of("{\"id\":1,\"organizationId\":7,\"name\":\"幸福社区雷锋超市\",\"address\":\"幸福路 1 号\","
                                + "\"assetCode\":\"VOL\",\"active\":true}"),
                        List.of("MARKET_NAME_INVALID", "MARKET_ASSET_INVALID", "NOT_FOUND")));
        this.markets = new Markets(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        JsonObject body = Json.parseObject(request.body()).onlyFields("name", "address", "assetCode");
        Markets.Market market = markets.create(
                request.caller(),
                pathId(request, "organizationId"),
                body.getString("name"),
                body.optionalString("address"),
                body.getString("assetCode"));
        return EndpointResponse.created(market(market).toJson());
    }
}
