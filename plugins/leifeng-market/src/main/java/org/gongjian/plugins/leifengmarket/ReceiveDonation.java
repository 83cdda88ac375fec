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

/** {@code POST markets/{marketId}/donations}: goods received into stock, from a donor. */
@Extension
public class ReceiveDonation extends MarketEndpoint {

    private final Donations donations;

    public ReceiveDonation(PluginContext context) {
        super(
                context,
                Method.POST,
                "markets/{marketId}/donations",
                STAFF,
                new EndpointDoc(
                        "Receive donated goods into stock (a resident donor's member id lets points rules thank them)",
                        Optional.of(
                                "{\"donor\":\"幸福超市\",\"receiptNo\":\"JZ-0001\",\"lines\":[{\"itemId\":5,\"quantity\":12}]}"),
                        Optional.of("{\"id\":9,\"donor\":\"幸福超市\",\"items\":12}"),
                        List.of(
                                "MARKET_DONOR_INVALID",
                                "MARKET_NO_LINES",
                                "MARKET_ITEM_NOT_FOUND",
                                "MARKET_QUANTITY_INVALID")));
        this.donations = new Donations(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        JsonObject body = Json.parseObject(request.body()).onlyFields("donor", "donorMemberId", "receiptNo", "lines");
        Donations.Donation donation = donations.receive(
                request.caller(),
                pathId(request, "marketId"),
                body.getString("donor"),
                body.optionalLong("donorMemberId"),
                body.optionalString("receiptNo"),
                lines(body));
        return EndpointResponse.created(Json.object()
                .put("id", donation.id())
                .put("donor", donation.donor())
                .put("items", donation.items())
                .toJson());
    }
}
