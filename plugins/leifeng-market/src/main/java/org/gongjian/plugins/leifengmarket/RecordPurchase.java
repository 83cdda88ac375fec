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

/** {@code POST markets/{marketId}/purchases}: goods bought with the community's funds come into stock (采购入库). */
@Extension
public class RecordPurchase extends MarketEndpoint {

    private final Purchases purchases;

    public RecordPurchase(PluginContext context) {
        super(
                context,
                Method.POST,
                "markets/{marketId}/purchases",
                STAFF,
                new EndpointDoc(
                        "Record a purchase into stock: the supplier, the amount paid in yuan (at most two decimals),"
                                + " the receipt number, lines with an optional expiresOn",
                        Optional.of("{\"supplier\":\"联华超市\",\"amount\":\"356.80\",\"receiptNo\":\"CG-0001\","
                                + "\"lines\":[{\"itemId\":5,\"quantity\":10}]}"),
                        Optional.of("{\"id\":12,\"supplier\":\"联华超市\",\"amount\":\"356.80\",\"items\":10}"),
                        List.of(
                                "MARKET_SUPPLIER_INVALID",
                                "MARKET_AMOUNT_INVALID",
                                "MARKET_RECEIPT_INVALID",
                                "MARKET_EXPIRY_INVALID",
                                "MARKET_NO_LINES",
                                "MARKET_ITEM_NOT_FOUND",
                                "MARKET_QUANTITY_INVALID",
                                "NOT_FOUND")));
        this.purchases = new Purchases(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        JsonObject body = Json.parseObject(request.body()).onlyFields("supplier", "amount", "receiptNo", "lines");
        Purchases.Purchase purchase = purchases.record(
                request.caller(),
                pathId(request, "marketId"),
                body.getString("supplier"),
                Purchases.cents(body.getDecimal("amount")),
                body.optionalString("receiptNo"),
                intake(body));
        return EndpointResponse.created(purchase(purchase).toJson());
    }

    static Json.ObjectBuilder purchase(Purchases.Purchase p) {
        return Json.object()
                .put("id", p.id())
                .put("supplier", p.supplier())
                .put("amount", Purchases.yuan(p.amountCents()))
                .put("receiptNo", p.receiptNo().orElse(null))
                .put("at", p.at().toString())
                .put("items", p.items());
    }
}
