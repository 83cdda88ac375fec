package org.gongjian.plugins.noticeboard;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gongjian.plugin.api.Endpoint;
import org.gongjian.plugin.api.EndpointDoc;
import org.gongjian.plugin.api.EndpointException;
import org.gongjian.plugin.api.EndpointRequest;
import org.gongjian.plugin.api.EndpointResponse;
import org.gongjian.plugin.api.Json;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.PluginRole;
import org.pf4j.Extension;

/** {@code GET /api/plugins/notice-board/x/orgs/{organizationId}/notices}: the latest 50 notices. */
@Extension
public class ListNotices implements Endpoint {

    private final Notices notices;

    public ListNotices(PluginContext context) {
        this.notices = new Notices(context);
    }

    @Override
    public Method method() {
        return Method.GET;
    }

    @Override
    public String path() {
        return "orgs/{organizationId}/notices";
    }

    @Override
    public Set<PluginRole> roles() {
        return Set.of(PluginRole.PLATFORM_ADMIN, PluginRole.ORG_ADMIN, PluginRole.ORG_STAFF, PluginRole.VOLUNTEER);
    }

    @Override
    public EndpointDoc doc() {
        return new EndpointDoc(
                "The organization's latest 50 notices, newest first",
                Optional.empty(),
                Optional.of("{\"notices\":[{\"id\":\"1\",\"organizationId\":7,\"memberId\":42,\"title\":\"周六义诊\","
                        + "\"postedBy\":\"secretary\",\"postedAt\":\"2026-12-01T08:00:00Z\"}]}"),
                List.of("NOT_FOUND"));
    }

    @Override
    public EndpointResponse handle(EndpointRequest request) {
        long organizationId = PostNotice.organizationId(request);
        try {
            return EndpointResponse.ok(Json.object()
                    .put(
                            "notices",
                            notices.of(request.caller(), organizationId, 50).stream()
                                    .map(n -> NoticeJson.of(n))
                                    .toList())
                    .toJson());
        } catch (NoticeRefused refused) {
            throw new EndpointException(
                    refused.status(),
                    refused.code(),
                    refused.message(request.caller().locale()));
        }
    }
}
