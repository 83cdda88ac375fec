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
import org.gongjian.plugin.api.JsonObject;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.PluginRole;
import org.pf4j.Extension;

/**
 * {@code POST /api/plugins/notice-board/x/orgs/{organizationId}/notices} with {@code {"title": "...",
 * "memberId": 42}} ({@code memberId} optional): posts a notice; 201 with the notice.
 */
@Extension
public class PostNotice implements Endpoint {

    private final Notices notices;

    public PostNotice(PluginContext context) {
        this.notices = new Notices(context);
    }

    @Override
    public Method method() {
        return Method.POST;
    }

    @Override
    public String path() {
        return "orgs/{organizationId}/notices";
    }

    @Override
    public Set<PluginRole> roles() {
        return Set.of(PluginRole.PLATFORM_ADMIN, PluginRole.ORG_ADMIN, PluginRole.ORG_STAFF);
    }

    @Override
    public EndpointDoc doc() {
        return new EndpointDoc(
                "Post a notice, for a resident when memberId is given (points rules on NOTICE_BOARD_POSTED reward them)",
                Optional.of("{\"title\":\"周六上午义诊\",\"memberId\":42}"),
                Optional.of("{\"id\":\"1\",\"organizationId\":7,\"memberId\":42,\"title\":\"周六上午义诊\","
                        + "\"postedBy\":\"secretary\",\"postedAt\":\"2026-12-01T08:00:00Z\"}"),
                List.of("NOTICE_TITLE_EMPTY", "NOTICE_TITLE_TOO_LONG", "MEMBER_NOT_FOUND", "NOT_FOUND"));
    }

    @Override
    public EndpointResponse handle(EndpointRequest request) {
        JsonObject body = Json.parseObject(request.body()).onlyFields("title", "memberId");
        try {
            Notices.Notice notice = notices.post(
                    request.caller(), organizationId(request), body.optionalLong("memberId"), body.getString("title"));
            return EndpointResponse.created(NoticeJson.of(notice).toJson());
        } catch (NoticeRefused refused) {
            String field = refused.code().startsWith("NOTICE_TITLE")
                    ? "title"
                    : "MEMBER_NOT_FOUND".equals(refused.code()) ? "memberId" : null;
            throw new EndpointException(
                    refused.status(),
                    refused.code(),
                    refused.message(request.caller().locale()),
                    field);
        }
    }

    /** The organization the path names; a path that is not a number names none. */
    static long organizationId(EndpointRequest request) {
        try {
            return Long.parseLong(request.pathParameters().get("organizationId"));
        } catch (NumberFormatException e) {
            throw new EndpointException(404, "NOT_FOUND", "No such organization");
        }
    }
}
