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

/** {@code POST markets/{marketId}/reservations} with an {@code Idempotency-Key}: the volunteer reserves goods. */
@Extension
public class Reserve extends MarketEndpoint {

    private final Reservations reservations;

    public Reserve(PluginContext context) {
        super(
                context,
                Method.POST,
                "markets/{marketId}/reservations",
                EVERYONE,
                new EndpointDoc(
                        "Reserve goods for yourself: points and goods are held; collect them with the pickup code",
                        Optional.of("{\"lines\":[{\"itemId\":5,\"quantity\":1}]}"),
                        Optional.of("{\"id\":3,\"code\":\"K7QM2XPA\",\"expiresAt\":\"2026-12-06T08:00:00Z\"}"),
                        List.of(
                                "MARKET_NO_MEMBER",
                                "MARKET_OUT_OF_STOCK",
                                "MARKET_CAP_REACHED",
                                "MARKET_INSUFFICIENT_POINTS")));
        this.reservations = new Reservations(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        JsonObject body = Json.parseObject(request.body()).onlyFields("lines");
        String key = request.idempotencyKey()
                .orElseThrow(() -> MarketRefused.invalid("MARKET_KEY_MISSING", null, "error.key-missing"));
        if (!key.matches("[A-Za-z0-9._:-]{8,56}")) {
            throw MarketRefused.invalid("MARKET_KEY_MISSING", null, "error.key-missing");
        }
        Reservations.Reservation reserved =
                reservations.reserve(request.caller(), pathId(request, "marketId"), key, lines(body));
        return EndpointResponse.created(reservation(reserved).toJson());
    }

    static Json.ObjectBuilder reservation(Reservations.Reservation reservation) {
        return Json.object()
                .put("id", reservation.id())
                .put("marketId", reservation.marketId())
                .put("code", reservation.code())
                .put("status", reservation.status())
                .put("expiresAt", reservation.expiresAt().toString());
    }
}
