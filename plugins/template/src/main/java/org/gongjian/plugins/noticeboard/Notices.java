package org.gongjian.plugins.noticeboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gongjian.plugin.api.Access;
import org.gongjian.plugin.api.AuditTrail;
import org.gongjian.plugin.api.Events;
import org.gongjian.plugin.api.Permission;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.PluginEvent;
import org.gongjian.plugin.api.PluginTransactions;
import org.gongjian.plugin.api.Settings;

/**
 * The notices: the plugin's table {@code notice_board_notice} in its own schema, and the one rule of
 * posting, shared by the page and the endpoint: who may post where, how long a notice may be (the
 * organization's setting), and that the row, the event for the points rules and the audit row commit
 * together.
 */
final class Notices {

    /** The longest notice, unless an organization's setting says otherwise. */
    static final int DEFAULT_MAX_LENGTH = 60;

    private final PluginContext context;

    Notices(PluginContext context) {
        this.context = context;
    }

    /**
     * Posts a notice at an organization, for a resident when {@code memberId} is given (then the
     * event {@link NoticePosted#TYPE} lets points rules reward the resident).
     *
     * @throws NoticeRefused FORBIDDEN, NOTICE_TITLE_EMPTY, NOTICE_TITLE_TOO_LONG, MEMBER_NOT_FOUND
     */
    Notice post(PluginCaller caller, long organizationId, Optional<Long> memberId, String title) {
        Access access = context.require(Access.class);
        if (!access.may(caller, Permission.RECORD, organizationId)) {
            throw new NoticeRefused("NOT_FOUND", 404, "error.not-found");
        }
        if (memberId.isPresent() && !access.mayOnMember(caller, Permission.RECORD, memberId.get())) {
            throw new NoticeRefused("MEMBER_NOT_FOUND", 404, "error.member-not-found");
        }
        String text = title == null ? "" : title.strip();
        int max = maxLength(organizationId);
        if (text.isEmpty()) {
            throw new NoticeRefused("NOTICE_TITLE_EMPTY", 400, "error.empty");
        }
        if (text.codePointCount(0, text.length()) > max) {
            throw new NoticeRefused("NOTICE_TITLE_TOO_LONG", 400, "error.too-long", max);
        }
        Notice notice = new Notice(
                context.newId(),
                organizationId,
                memberId,
                text,
                caller.username(),
                context.clock().instant());
        return context.require(PluginTransactions.class).inTransaction(caller, tx -> {
            try (PreparedStatement s = tx.connection()
                    .prepareStatement(
                            "INSERT INTO notice_board_notice"
                                    + " (id, organization_id, member_id, title, posted_by, posted_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, notice.id());
                s.setLong(2, organizationId);
                s.setObject(3, memberId.orElse(null));
                s.setString(4, text);
                s.setString(5, notice.postedBy());
                s.setTimestamp(6, Timestamp.from(notice.postedAt()));
                s.executeUpdate();
            }
            if (memberId.isPresent()) {
                context.require(Events.class)
                        .publish(tx, PluginEvent.of(NoticePosted.TYPE, memberId.get(), organizationId, 1, Map.of()));
            }
            context.require(AuditTrail.class)
                    .record(
                            tx,
                            "NOTICE_POSTED",
                            "NOTICE",
                            Long.toString(notice.id()),
                            Optional.of(organizationId),
                            "发布公告：" + text,
                            Map.of());
            return notice;
        });
    }

    /** The latest notices of an organization the caller may read, newest first. */
    List<Notice> of(PluginCaller caller, long organizationId, int limit) {
        if (!context.require(Access.class).may(caller, Permission.READ, organizationId)) {
            throw new NoticeRefused("NOT_FOUND", 404, "error.not-found");
        }
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT id, organization_id, member_id, title, posted_by, posted_at FROM notice_board_notice"
                                + " WHERE organization_id = ? ORDER BY posted_at DESC, id DESC LIMIT ?")) {
            s.setLong(1, organizationId);
            s.setInt(2, limit);
            List<Notice> notices = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    long member = rows.getLong(3);
                    notices.add(new Notice(
                            rows.getLong(1),
                            rows.getLong(2),
                            rows.wasNull() ? Optional.empty() : Optional.of(member),
                            rows.getString(4),
                            rows.getString(5),
                            rows.getTimestamp(6).toInstant()));
                }
            }
            return notices;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the notices", e);
        }
    }

    /** The organization's longest notice (its own setting, else its parents', else the default). */
    int maxLength(long organizationId) {
        return (int) context.require(Settings.class).of(organizationId).integer(NoticeBoardSettings.MAX_LENGTH);
    }

    record Notice(
            long id, long organizationId, Optional<Long> memberId, String title, String postedBy, Instant postedAt) {}
}
