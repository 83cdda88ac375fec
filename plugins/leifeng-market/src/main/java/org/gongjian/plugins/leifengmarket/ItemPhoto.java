package org.gongjian.plugins.leifengmarket;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.gongjian.plugin.api.EndpointDoc;
import org.gongjian.plugin.api.EndpointRequest;
import org.gongjian.plugin.api.EndpointResponse;
import org.gongjian.plugin.api.Json;
import org.gongjian.plugin.api.PluginContext;
import org.pf4j.Extension;

/** {@code GET markets/{marketId}/items/{itemId}/photo}: the item's photo, its type and its bytes in base64. */
@Extension
public class ItemPhoto extends MarketEndpoint {

    private final Goods goods;

    public ItemPhoto(PluginContext context) {
        super(
                context,
                Method.GET,
                "markets/{marketId}/items/{itemId}/photo",
                EVERYONE,
                new EndpointDoc(
                        "An item's photo: its content type and its bytes in base64",
                        Optional.empty(),
                        Optional.of("{\"contentType\":\"image/jpeg\",\"size\":48213,\"content\":\"/9j/4AAQ...\"}"),
                        List.of("MARKET_NO_PHOTO", "MARKET_ITEM_NOT_FOUND", "NOT_FOUND")));
        this.goods = new Goods(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        Photos.Photo photo = goods.photoOf(request.caller(), pathId(request, "marketId"), pathId(request, "itemId"))
                .orElseThrow(() -> new MarketRefused("MARKET_NO_PHOTO", 404, null, "error.no-photo"));
        return EndpointResponse.ok(Json.object()
                .put("contentType", photo.contentType())
                .put("size", photo.content().length)
                .put("content", Base64.getEncoder().encodeToString(photo.content()))
                .toJson());
    }
}
