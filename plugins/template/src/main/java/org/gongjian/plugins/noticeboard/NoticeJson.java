package org.gongjian.plugins.noticeboard;

import org.gongjian.plugin.api.Json;

/** A notice as the endpoints answer it. */
final class NoticeJson {

    private NoticeJson() {}

    static Json.ObjectBuilder of(Notices.Notice notice) {
        return Json.object()
                .put("id", Long.toString(notice.id()))
                .put("organizationId", notice.organizationId())
                .put("memberId", notice.memberId().orElse(null))
                .put("title", notice.title())
                .put("postedBy", notice.postedBy())
                .put("postedAt", notice.postedAt().toString());
    }
}
