package org.gongjian.access;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Builds the {@link Caller} of a request from the user's current grants, read fresh each time:
 * a role revoked or a user disabled takes effect on the next request.
 */
@Singleton
public class Callers {

    private final DataSource dataSource;

    Callers(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The caller behind an API request (the token validator put the user id in the attributes). */
    public Caller of(Authentication authentication) {
        Object id = authentication.getAttributes().get("userId");
        if (!(id instanceof Number number)) {
            throw new IllegalStateException("The authentication carries no user id");
        }
        return forUser(number.longValue());
    }

    /** The caller for a user id; an unknown or disabled user has no grants at all. */
    @Transactional(readOnly = true)
    public Caller forUser(long userId) {
        try {
            Connection c = dataSource.getConnection();
            String username;
            Long memberId;
            try (PreparedStatement s =
                    c.prepareStatement("SELECT username, member_id, enabled FROM app_user WHERE id = ?")) {
                s.setLong(1, userId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("User", userId);
                    }
                    username = rs.getString(1);
                    memberId = rs.getObject(2, Long.class);
                    if (!rs.getBoolean(3)) {
                        return new Caller(userId, username, memberId, List.of());
                    }
                }
            }
            List<Grant> grants = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT g.role, g.organization_id, o.path FROM role_grant g"
                    + " LEFT JOIN organization o ON o.id = g.organization_id"
                    + " WHERE g.user_id = ? AND (g.organization_id IS NULL OR o.archived_at IS NULL)")) {
                s.setLong(1, userId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Role role = Role.valueOf(rs.getString(1));
                        Long organizationId = rs.getObject(2, Long.class);
                        if (role != Role.PLATFORM_ADMIN && organizationId == null) {
                            continue; // an organization role without an organization grants nothing
                        }
                        grants.add(new Grant(role, organizationId, rs.getString(3)));
                    }
                }
            }
            return new Caller(userId, username, memberId, grants);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the grants of user " + userId, e);
        }
    }
}
