package org.gongjian.plugins.leifengmarket;

import java.util.List;
import java.util.Set;
import org.gongjian.plugin.api.Endpoint;
import org.gongjian.plugin.api.EndpointDoc;
import org.gongjian.plugin.api.EndpointException;
import org.gongjian.plugin.api.EndpointRequest;
import org.gongjian.plugin.api.EndpointResponse;
import org.gongjian.plugin.api.Json;
import org.gongjian.plugin.api.JsonObject;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.PluginRole;

/** What the market's endpoints share: a refusal answered with its code in the caller's language, ids from the path. */
abstract class MarketEndpoint implements Endpoint {

    static final Set<PluginRole> STAFF = Set.of(PluginRole.PLATFORM_ADMIN, PluginRole.ORG_ADMIN, PluginRole.ORG_STAFF);
    static final Set<PluginRole> ADMINS = Set.of(PluginRole.PLATFORM_ADMIN, PluginRole.ORG_ADMIN);
    static final Set<PluginRole> EVERYONE =
            Set.of(PluginRole.PLATFORM_ADMIN, PluginRole.ORG_ADMIN, PluginRole.ORG_STAFF, PluginRole.VOLUNTEER);

    final PluginContext context;
    private final Method method;
    private final String path;
    private final Set<PluginRole> roles;
    private final EndpointDoc doc;

    MarketEndpoint(PluginContext context, Method method, String path, Set<PluginRole> roles, EndpointDoc doc) {
        this.context = context;
        this.method = method;
        this.path = path;
        this.roles = roles;
        this.doc = doc;
    }

    @Override
    public final Method method() {
        return method;
    }

    @Override
    public final String path() {
        return path;
    }

    @Override
    public final Set<PluginRole> roles() {
        return roles;
    }

    @Override
    public final EndpointDoc doc() {
        return doc;
    }

    abstract EndpointResponse answer(EndpointRequest request);

    @Override
    public final EndpointResponse handle(EndpointRequest request) {
        try {
            return answer(request);
        } catch (MarketRefused refused) {
            throw new EndpointException(
                    refused.status(),
                    refused.code(),
                    refused.message(request.caller().locale()),
                    refused.field());
        }
    }

    /** A path id; a path that is not a number names nothing. */
    static long pathId(EndpointRequest request, String name) {
        try {
            return Long.parseLong(request.pathParameters().get(name));
        } catch (NumberFormatException e) {
            throw MarketRefused.notFound();
        }
    }

    /** The {@code lines} of a body: {@code [{"itemId": 7, "quantity": 2}, ...]}. */
    static List<Line> lines(JsonObject body) {
        return body.getObjects("lines").stream()
                .map(l -> l.onlyFields("itemId", "quantity"))
                .map(l -> new Line(l.getLong("itemId"), l.getLong("quantity")))
                .toList();
    }

    /** The {@code lines} of goods coming in: {@code [{"itemId": 7, "quantity": 2, "expiresOn": "2027-06-30"}, ...]}. */
    static List<Intake> intake(JsonObject body) {
        return body.getObjects("lines").stream()
                .map(l -> l.onlyFields("itemId", "quantity", "expiresOn"))
                .map(l -> new Intake(l.getLong("itemId"), l.getLong("quantity"), l.optionalDate("expiresOn")))
                .toList();
    }

    static Json.ObjectBuilder item(Goods.Item item) {
        return Json.object()
                .put("id", item.id())
                .put("marketId", item.marketId())
                .put("name", item.name())
                .put("category", item.category())
                .put("unit", item.unit())
                .put("price", Redemptions.points(item.priceTenths()))
                .put("monthlyCap", item.monthlyCap().orElse(null))
                .put("active", item.active())
                .put("onHand", item.onHand())
                .put("eligibility", item.eligibility().rule().name())
                .put("eligibilityTag", item.eligibility().tag().orElse(null))
                .put("hasPhoto", item.photoId().isPresent());
    }

    /** An item's details from a body: name, category, unit, price, monthlyCap, eligibility, eligibilityTag. */
    static Goods.Details details(String json) {
        JsonObject body = Json.parseObject(json)
                .onlyFields("name", "category", "unit", "price", "monthlyCap", "eligibility", "eligibilityTag");
        return new Goods.Details(
                body.getString("name"),
                body.getString("category"),
                body.getString("unit"),
                Goods.tenths(body.getDecimal("price")),
                body.optionalInt("monthlyCap"),
                Eligibility.of(body.optionalString("eligibility"), body.optionalString("eligibilityTag")));
    }

    static Json.ObjectBuilder market(Markets.Market market) {
        return Json.object()
                .put("id", market.id())
                .put("organizationId", market.organizationId())
                .put("name", market.name())
                .put("address", market.address().orElse(null))
                .put("assetCode", market.assetCode())
                .put("active", market.active());
    }
}
