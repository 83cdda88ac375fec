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

/**
 * {@code POST markets/{marketId}/redemptions} with an {@code Idempotency-Key}: redeems goods for a
 * member at the counter; 201, or 200 with {@code "replayed": true} for a retry.
 */
@Extension
public class Redeem extends MarketEndpoint {

    private final Redemptions redemptions;

    public Redeem(PluginContext context) {
        super(
                context,
                Method.POST,
                "markets/{marketId}/redemptions",
                STAFF,
                new EndpointDoc(
                        "Redeem goods for a member: points through the ledger and goods out of stock, both or neither",
                        Optional.of("{\"memberId\":42,\"lines\":[{\"itemId\":5,\"quantity\":1}]}"),
                        Optional.of(
                                "{\"id\":11,\"memberId\":42,\"transferId\":77,\"points\":\"30\",\"replayed\":false}"),
                        List.of(
                                "MARKET_KEY_MISSING",
                                "MARKET_KEY_REUSED",
                                "MARKET_OUT_OF_STOCK",
                                "MARKET_CAP_REACHED",
                                "MARKET_INSUFFICIENT_POINTS",
                                "MARKET_ITEM_NOT_FOUND",
                                "MARKET_ITEM_INACTIVE",
                                "MARKET_CLOSED",
                                "MEMBER_NOT_FOUND")));
        this.redemptions = new Redemptions(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        JsonObject body = Json.parseObject(request.body()).onlyFields("memberId", "lines");
        Redemptions.Redemption done = redemptions.redeem(
                request.caller(),
                pathId(request, "marketId"),
                body.getLong("memberId"),
                request.idempotencyKey().orElse(null),
                lines(body));
        String json = Json.object()
                .put("id", done.id())
                .put("memberId", done.memberId())
                .put("transferId", done.transferId())
                .put("points", Redemptions.points(done.totalTenths()))
                .put("replayed", done.replayed())
                .toJson();
        return done.replayed() ? EndpointResponse.ok(json) : EndpointResponse.created(json);
    }
}
