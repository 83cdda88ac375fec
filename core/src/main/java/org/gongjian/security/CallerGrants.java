package org.gongjian.security;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.access.CallerSource;
import org.gongjian.access.Grant;
import org.gongjian.access.Role;

/**
 * The {@link CallerSource} of the users and roles tables: two indexed reads per request, read
 * fresh each time so that a role revoked or a user disabled takes effect on the next request. The
 * grants are joined with their organization's path and archived flag in the same query (a read of
 * the organizations' table that {@code TableOwnershipTest} tolerates: a second query would cost
 * every request a round trip).
 */
@Singleton
class CallerGrants implements CallerSource {

    private final DataSource dataSource;

    CallerGrants(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Caller> caller(long userId) {
        try {
            Connection c = dataSource.getConnection();
            String username;
            Long memberId;
            try (PreparedStatement s =
                    c.prepareStatement("SELECT username, member_id, enabled FROM app_user WHERE id = ?")) {
                s.setLong(1, userId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    username = rs.getString(1);
                    memberId = rs.getObject(2, Long.class);
                    if (!rs.getBoolean(3)) {
                        return Optional.of(new Caller(userId, username, memberId, List.of()));
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
            return Optional.of(new Caller(userId, username, memberId, grants));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the grants of user " + userId, e);
        }
    }
}
