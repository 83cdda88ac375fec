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

/**
 * {@code PUT markets/{marketId}/items/{itemId}/photo}: the item's photo, base64 in JSON (the host
 * bounds endpoint bodies at 64 KiB, so larger photos go through the goods page, up to 2 MB).
 */
@Extension
public class SetItemPhoto extends MarketEndpoint {

    private final Goods goods;

    public SetItemPhoto(PluginContext context) {
        super(
                context,
                Method.PUT,
                "markets/{marketId}/items/{itemId}/photo",
                ADMINS,
                new EndpointDoc(
                        "Set an item's photo: a JPEG or PNG (checked by its bytes), base64 in \"content\"",
                        Optional.of("{\"content\":\"/9j/4AAQSkZJRgABAQ...\"}"),
                        Optional.of("{\"id\":5,\"name\":\"食用油\",\"hasPhoto\":true}"),
                        List.of(
                                "MARKET_PHOTO_INVALID",
                                "MARKET_PHOTO_TOO_LARGE",
                                "MARKET_ITEM_NOT_FOUND",
                                "NOT_FOUND")));
        this.goods = new Goods(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        JsonObject body = Json.parseObject(request.body()).onlyFields("content");
        byte[] content;
        try {
            content = Base64.getMimeDecoder().decode(body.getString("content"));
        } catch (IllegalArgumentException e) {
            throw MarketRefused.invalid("MARKET_PHOTO_INVALID", "content", "error.photo");
        }
        Goods.Item item =
                goods.photo(request.caller(), pathId(request, "marketId"), pathId(request, "itemId"), content);
        return EndpointResponse.ok(item(item).toJson());
    }
}
