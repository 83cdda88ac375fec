package org.gongjian.plugins.leifengmarket;

import java.util.Base64;
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
                        "Receive donated goods into stock: donorKind MERCHANT, UNIT or RESIDENT (a resident donor's member id"
                                + " lets points rules thank them), lines with an optional expiresOn, an optional photo in base64",
                        Optional.of(
                                "{\"donorKind\":\"MERCHANT\",\"donor\":\"幸福超市\",\"receiptNo\":\"JZ-0001\",\"lines\":[{\"itemId\":5,"
                                        + "\"quantity\":12,\"expiresOn\":\"2027-06-30\"}]}"),
                        Optional.of("{\"id\":9,\"donor\":\"幸福超市\",\"items\":12}"),
                        List.of(
                                "MARKET_DONOR_INVALID",
                                "MARKET_DONOR_KIND_INVALID",
                                "MARKET_RECEIPT_INVALID",
                                "MARKET_EXPIRY_INVALID",
                                "MARKET_PHOTO_INVALID",
                                "MARKET_PHOTO_TOO_LARGE",
                                "MEMBER_NOT_FOUND",
                                "MARKET_NO_LINES",
                                "MARKET_ITEM_NOT_FOUND",
                                "MARKET_QUANTITY_INVALID")));
        this.donations = new Donations(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        JsonObject body = Json.parseObject(request.body())
                .onlyFields("donorKind", "donor", "donorMemberId", "receiptNo", "lines", "photo");
        Optional<byte[]> photo;
        try {
            photo = body.optionalString("photo")
                    .map(p -> Base64.getMimeDecoder().decode(p));
        } catch (IllegalArgumentException e) {
            throw MarketRefused.invalid("MARKET_PHOTO_INVALID", "photo", "error.photo");
        }
        Optional<Long> member = body.optionalLong("donorMemberId");
        Donations.Donation donation = donations.receive(
                request.caller(),
                pathId(request, "marketId"),
                Donations.kind(body.optionalString("donorKind"), member),
                body.getString("donor"),
                member,
                body.optionalString("receiptNo"),
                intake(body),
                photo);
        return EndpointResponse.created(Json.object()
                .put("id", donation.id())
                .put("donor", donation.donor())
                .put("items", donation.items())
                .toJson());
    }
}
