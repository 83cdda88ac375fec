package org.gongjian.plugins.leifengmarket;

import java.util.List;
import java.util.Optional;
import org.gongjian.plugin.api.EndpointDoc;
import org.gongjian.plugin.api.EndpointRequest;
import org.gongjian.plugin.api.EndpointResponse;
import org.gongjian.plugin.api.Json;
import org.gongjian.plugin.api.PluginContext;
import org.pf4j.Extension;

/** {@code POST markets/{marketId}/pickups} with {@code {"code": "K7QM2XPA"}}: staff hand out reserved goods (核销). */
@Extension
public class Collect extends MarketEndpoint {

    private final Reservations reservations;

    public Collect(PluginContext context) {
        super(
                context,
                Method.POST,
                "markets/{marketId}/pickups",
                STAFF,
                new EndpointDoc(
                        "Hand out the goods of a pickup code: once, before it expires, at its own market",
                        Optional.of("{\"code\":\"K7QM2XPA\"}"),
                        Optional.of("{\"id\":3,\"code\":\"K7QM2XPA\",\"status\":\"COLLECTED\"}"),
                        List.of("MARKET_CODE_UNKNOWN", "MARKET_CODE_USED", "MARKET_CODE_EXPIRED")));
        this.reservations = new Reservations(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        String code = Json.parseObject(request.body()).onlyFields("code").getString("code");
        return EndpointResponse.ok(
                Reserve.reservation(reservations.collect(request.caller(), pathId(request, "marketId"), code))
                        .toJson());
    }
}
