package org.gongjian.plugins.leifengmarket;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.gongjian.plugin.api.EndpointDoc;
import org.gongjian.plugin.api.EndpointRequest;
import org.gongjian.plugin.api.EndpointResponse;
import org.gongjian.plugin.api.Json;
import org.gongjian.plugin.api.PluginContext;
import org.pf4j.Extension;

/** {@code GET markets/{marketId}/statement?month=2026-12}: the monthly 账物相符 statement. */
@Extension
public class MonthlyStatement extends MarketEndpoint {

    private final Statements statements;

    public MonthlyStatement(PluginContext context) {
        super(
                context,
                Method.GET,
                "markets/{marketId}/statement",
                STAFF,
                new EndpointDoc(
                        "The month's statement per item (opening + donated + purchased − redeemed ± adjusted = closing, against"
                                + " on hand; received is donated + purchased)"
                                + " and the points taken in against the market's ledger account; month=YYYY-MM, default now",
                        Optional.empty(),
                        Optional.of(
                                "{\"month\":\"2026-12\",\"balanced\":true,\"items\":[{\"name\":\"食用油\",\"opening\":0,"
                                        + "\"donated\":10,\"purchased\":2,\"received\":12,\"redeemed\":2,\"adjusted\":-1,\"closing\":9,\"onHand\":9,\"balanced\":true}],"
                                        + "\"pointsRedeemed\":\"60\",\"pointsTotal\":\"60\",\"account\":\"60\"}"),
                        List.of("MARKET_MONTH_INVALID", "NOT_FOUND")));
        this.statements = new Statements(context);
    }

    @Override
    EndpointResponse answer(EndpointRequest request) {
        YearMonth month = month(request);
        Statements.Statement statement = statements.of(request.caller(), pathId(request, "marketId"), month);
        return EndpointResponse.ok(Json.object()
                .put("marketId", statement.marketId())
                .put("month", statement.month().toString())
                .put("balanced", statement.balanced())
                .put(
                        "items",
                        statement.items().stream()
                                .map(i -> Json.object()
                                        .put("itemId", i.itemId())
                                        .put("name", i.name())
                                        .put("unit", i.unit())
                                        .put("opening", i.opening())
                                        .put("donated", i.donated())
                                        .put("purchased", i.purchased())
                                        .put("received", i.received())
                                        .put("redeemed", i.redeemed())
                                        .put("adjusted", i.adjusted())
                                        .put("closing", i.closing())
                                        .put("onHand", i.onHand())
                                        .put("balanced", i.balanced()))
                                .toList())
                .put("pointsRedeemed", Redemptions.points(statement.pointsRedeemedTenths()))
                .put("pointsTotal", Redemptions.points(statement.pointsTotalTenths()))
                .put("account", Redemptions.points(statement.accountTenths()))
                .toJson());
    }

    private YearMonth month(EndpointRequest request) {
        List<String> values = request.query().getOrDefault("month", List.of());
        if (values.isEmpty()) {
            return YearMonth.from(
                    context.clock().instant().atZone(context.clock().getZone()));
        }
        String value = values.getFirst();
        try {
            if (values.size() != 1 || !value.matches("\\d{4}-\\d{2}")) {
                throw new DateTimeParseException("not YYYY-MM", value, 0);
            }
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw MarketRefused.invalid("MARKET_MONTH_INVALID", "month", "error.month");
        }
    }
}
