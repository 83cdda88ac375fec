package org.gongjian.plugins.leifengmarket;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gongjian.plugin.api.EndpointDoc;
import org.gongjian.plugin.api.EndpointRequest;
import org.gongjian.plugin.api.EndpointResponse;
import org.gongjian.plugin.api.Json;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.PluginRole;
import org.pf4j.Extension;

/** {@code GET orgs/{organizationId}/markets}: the organization's markets. */
@Extension
public class ListMarkets extends MarketEndpoint {

    private final Markets markets;

    public ListMarkets(PluginContext context) {
        super(context);
        this.markets = new Markets(context);
    }

    @Override
    public Method method() {
        return Method.GET;
    }

    @Override
    public String path() {
        return "orgs/{organizationId}/markets";
    }

    @Override
    public Set<PluginRole> roles() {
        return Set.of(PluginRole.PLATFORM_ADMIN, PluginRole.ORG_ADMIN, PluginRole.ORG_STAFF, PluginRole.VOLUNTEER);
    }

    @Override
    public EndpointDoc doc() {
        return new EndpointDoc(
                "The markets of an organization",
                Optional.empty(),
                Optional.of("{\"markets\":[{\"id\":1,\"name\":\"幸福社区雷锋超市\",\"assetCode\":\"VOL\"}]}"),
                List.of("NOT_FOUND"));
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
