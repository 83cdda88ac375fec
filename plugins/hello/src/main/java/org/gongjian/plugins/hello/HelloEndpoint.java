package org.gongjian.plugins.hello;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gongjian.plugin.api.Endpoint;
import org.gongjian.plugin.api.EndpointDoc;
import org.gongjian.plugin.api.EndpointRequest;
import org.gongjian.plugin.api.EndpointResponse;
import org.gongjian.plugin.api.Json;
import org.gongjian.plugin.api.PluginRole;
import org.pf4j.Extension;

/** {@code GET /api/plugins/hello/x/greetings}: how many greetings there are, and the latest five. */
@Extension
public class HelloEndpoint implements Endpoint {

    private final Greetings greetings;

    public HelloEndpoint(org.gongjian.plugin.api.PluginContext context) {
        this.greetings = new Greetings(context);
    }

    @Override
    public Method method() {
        return Method.GET;
    }

    @Override
    public String path() {
        return "greetings";
    }

    @Override
    public Set<PluginRole> roles() {
        return Set.of(PluginRole.ORG_ADMIN, PluginRole.ORG_STAFF, PluginRole.VOLUNTEER);
    }

    @Override
    public EndpointDoc doc() {
        return new EndpointDoc(
                "How many greetings there are, and the latest five",
                Optional.empty(),
                Optional.of("{\"count\":2,\"latest\":[\"你好\",\"Hello\"]}"),
                List.of());
    }

    @Override
    public EndpointResponse handle(EndpointRequest request) {
        return EndpointResponse.ok(Json.object()
                .put("count", greetings.count())
                .put(
                        "latest",
                        greetings.latest(5).stream()
                                .map(Greetings.Greeting::message)
                                .toList())
                .toJson());
    }
}
