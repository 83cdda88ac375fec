package org.gongjian.plugins.leifengmarket;

import java.util.List;
import java.util.Optional;
import org.gongjian.plugin.api.EndpointDoc;
import org.gongjian.plugin.api.EndpointRequest;
import org.gongjian.plugin.api.EndpointResponse;
import org.gongjian.plugin.api.Json;
import org.gongjian.plugin.api.PluginContext;
import org.pf4j.Extension;

/** {@code GET markets/{marketId}/donations}: the market's donations, newest first, with their lines. */
@Extension
public class ListDonations extends MarketEndpoint {

    static final int LIMIT = 200;

    private final Donations donations;

    public ListDonations(PluginContext context) {
        super(
                context,
                Method.GET,
                "markets/{marketId}/donations",
                STAFF,
                new EndpointDoc(
                        "The market's donations, newest first (at most 200), with their lines",
                        Optional.empty(),
                        Optional.of("{\"donations\":[{\"id\":9,\"donorKind\":\"MERCHANT\",\"donor\":\"幸福超市\","
                                + "\"receiptNo\":\"JZ-0001\",\"at\":\"2026-12-03T09:30:00Z\",\"items\":12,"
                                + "\"lines\":[{\"itemId\":5,\"name\":\"食用油\",\"unit\":\"瓶\",\"quantity\":12}]}]}"),
                        List.of("NOT_FOUND")));
        this.donations = new Donations(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        return EndpointResponse.ok(Json.object()
                .put(
                        "donations",
                        donations.of(request.caller(), pathId(request, "marketId"), LIMIT).stream()
                                .map(d -> Json.object()
                                        .put("id", d.id())
                                        .put("donorKind", d.kind().name())
                                        .put("donor", d.donor())
                                        .put("donorMemberId", d.donorMemberId().orElse(null))
                                        .put("receiptNo", d.receiptNo().orElse(null))
                                        .put("at", d.at().toString())
                                        .put("items", d.items())
                                        .put("hasPhoto", d.photoId().isPresent())
                                        .put(
                                                "lines",
                                                d.lines().stream()
                                                        .map(l -> Json.object()
                                                                .put("itemId", l.itemId())
                                                                .put("name", l.name())
                                                                .put("unit", l.unit())
                                                                .put("quantity", l.quantity())
                                                                .put(
                                                                        "expiresOn",
                                                                        l.expiresOn()
                                                                                .map(Object::toString)
                                                                                .orElse(null)))
                                                        .toList()))
                                .toList())
                .toJson());
    }
}
