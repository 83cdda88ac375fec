package org.gongjian.plugins.leifengmarket;

import java.util.List;
import java.util.Optional;
import org.gongjian.plugin.api.EndpointDoc;
import org.gongjian.plugin.api.EndpointRequest;
import org.gongjian.plugin.api.EndpointResponse;
import org.gongjian.plugin.api.Json;
import org.gongjian.plugin.api.PluginContext;
import org.pf4j.Extension;

/** {@code GET me/reservations}: the signed-in volunteer's reservations still to collect, with their codes. */
@Extension
public class MyReservations extends MarketEndpoint {

    private final Reservations reservations;

    public MyReservations(PluginContext context) {
        super(
                context,
                Method.GET,
                "me/reservations",
                EVERYONE,
                new EndpointDoc(
                        "My reservations to collect, soonest expiry first",
                        Optional.empty(),
                        Optional.of("{\"reservations\":[{\"id\":3,\"code\":\"K7QM2XPA\",\"status\":\"RESERVED\"}]}"),
                        List.of()));
        this.reservations = new Reservations(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        return EndpointResponse.ok(Json.object()
                .put(
                        "reservations",
                        reservations.mine(request.caller()).stream()
                                .map(Reserve::reservation)
                                .toList())
                .toJson());
    }
}
