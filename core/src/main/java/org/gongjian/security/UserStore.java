package org.gongjian.security;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.gongjian.access.NotFoundException;
import org.gongjian.access.Role;
import org.gongjian.errors.InvalidInputException;

/**
 * The SQL of user administration in plain JDBC, where {@link UserRepository}'s lookups by key do
 * not reach: users within a {@link UserScope}, their role grants, the lock on the platform
 * administrators, API tokens. Every method runs in the caller's transaction (the data source hands
 * out the transaction's connection).
 */
@Singleton
class UserStore {

    private static final String USER_COLUMNS = "u.id, u.username, u.member_id, u.enabled, u.password_change_needed,"
            + " u.locked_until, u.last_login_at, u.created_at";

    /** A role a user holds, with the path of its organization (null for {@link Role#PLATFORM_ADMIN}). */
    record Held(Role role, @Nullable Long organizationId, @Nullable String path) {}

    private final DataSource dataSource;

    UserStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A user of the scope; {@link NotFoundException} for one outside it, exactly like a missing one. */
    User visibleUser(UserScope scope, long userId) {
        if (scope.isEmpty()) {
            throw new NotFoundException("User", userId);
        }
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + USER_COLUMNS + " FROM app_user u WHERE u.id = ? AND " + scope.visibleUsers(args);
        args.addFirst(userId);
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("User", userId);
                }
                return readUser(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read user " + userId, e);
        }
    }

    /** The users of the scope matching {@code q} inside {@code under}, by username. */
    List<User> select(UserScope scope, @Nullable String q, @Nullable String under, int limit, long offset) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + USER_COLUMNS + " FROM app_user u WHERE " + filter(scope, q, under, args)
                + " ORDER BY u.username LIMIT ? OFFSET ?";
        args.add(limit);
        args.add(offset);
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            bind(s, args);
            List<User> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(readUser(rs));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list users", e);
        }
    }

    /** How many users {@link #select} finds without a window. */
    long count(UserScope scope, @Nullable String q, @Nullable String under) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM app_user u WHERE " + filter(scope, q, under, args);
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count users", e);
        }
    }

    /** The users of the scope, matching {@code q} (username or member name), inside {@code under}. */
    private static String filter(UserScope scope, @Nullable String q, @Nullable String under, List<Object> args) {
        StringBuilder where = new StringBuilder(scope.visibleUsers(args));
        if (q != null && !q.isBlank()) {
            String like = "%" + likeEscape(q.strip().toLowerCase(Locale.ROOT)) + "%";
            where.append(" AND (u.username LIKE ? ESCAPE '!'"
                    + " OR EXISTS (SELECT 1 FROM member m WHERE m.id = u.member_id AND m.name LIKE ? ESCAPE '!'))");
            args.add(like);
            args.add("%" + likeEscape(q.strip()) + "%");
        }
        if (under != null) {
            where.append(" AND (EXISTS (SELECT 1 FROM role_grant g JOIN organization o ON o.id = g.organization_id"
                    + " WHERE g.user_id = u.id AND o.path LIKE ?)"
                    + " OR EXISTS (SELECT 1 FROM member m WHERE m.id = u.member_id AND m.org_path LIKE ?))");
            args.add(under + "%");
            args.add(under + "%");
        }
        return where.toString();
    }

    /** The roles of users that lie inside the scope (a role elsewhere is not the caller's business), sorted. */
    Map<Long, List<UserRole>> roles(List<Long> userIds, UserScope scope) {
        Map<Long, List<UserRole>> roles = new HashMap<>();
        if (userIds.isEmpty()) {
            return roles;
        }
        String marks = String.join(", ", userIds.stream().map(id -> "?").toList());
        try (PreparedStatement s = connection()
                .prepareStatement("SELECT g.user_id, g.role, g.organization_id, o.name, o.path"
                        + " FROM role_grant g LEFT JOIN organization o ON o.id = g.organization_id"
                        + " WHERE g.user_id IN (" + marks + ")")) {
            bind(s, new ArrayList<>(userIds));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String path = rs.getString(5);
                    if (!scope.all() && (path == null || !scope.covers(path))) {
                        continue;
                    }
                    roles.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                            .add(new UserRole(
                                    Role.valueOf(rs.getString(2)), rs.getObject(3, Long.class), rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the roles of users", e);
        }
        roles.values()
                .forEach(list -> list.sort(Comparator.comparing(UserRole::role)
                        .thenComparing(r -> r.organizationName() == null ? "" : r.organizationName())));
        return roles;
    }

    /** Every role a user holds, wherever, by organization path. */
    List<Held> heldRoles(long userId) {
        List<Held> held = new ArrayList<>();
        try (PreparedStatement s = connection()
                .prepareStatement(
                        "SELECT g.role, g.organization_id, o.path FROM role_grant g"
                                + " LEFT JOIN organization o ON o.id = g.organization_id WHERE g.user_id = ? ORDER BY o.path")) {
            s.setLong(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    held.add(new Held(Role.valueOf(rs.getString(1)), rs.getObject(2, Long.class), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the roles of user " + userId, e);
        }
        return held;
    }

    Optional<String> username(long userId) {
        return one("SELECT username FROM app_user WHERE id = ?", userId, rs -> rs.getString(1));
    }

    /** The grant of {@code role} to the user on the organization (none for {@link Role#PLATFORM_ADMIN}). */
    Optional<Long> grantId(long userId, Role role, @Nullable Long organizationId) {
        try (PreparedStatement s = connection()
                .prepareStatement("SELECT id FROM role_grant WHERE user_id = ? AND role = ? AND scope_id = ?")) {
            s.setLong(1, userId);
            s.setString(2, role.name());
            s.setLong(3, organizationId == null ? 0 : organizationId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the roles of user " + userId, e);
        }
    }

    /** Stores a grant; false if the same grant was just made by another request (the outcome is the same). */
    boolean insertGrant(long id, long userId, Role role, @Nullable Long organizationId, Instant at) {
        try (PreparedStatement s = connection()
                .prepareStatement("INSERT INTO role_grant"
                        + " (id, user_id, role, organization_id, created_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, id);
            s.setLong(2, userId);
            s.setString(3, role.name());
            s.setObject(4, organizationId);
            s.setTimestamp(5, Timestamp.from(at));
            s.executeUpdate();
            return true;
        } catch (SQLIntegrityConstraintViolationException concurrent) {
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot grant a role to user " + userId, e);
        }
    }

    void deleteGrant(long grantId) {
        update("DELETE FROM role_grant WHERE id = ?", grantId);
    }

    /** Deletes the user's API tokens (a disabled user's tokens must stop working at once). */
    void deleteTokens(long userId) {
        update("DELETE FROM api_token WHERE user_id = ?", userId);
    }

    /**
     * Locks the grants of the other enabled platform administrators, so that two concurrent
     * removals cannot both pass, and refuses with {@code LAST_PLATFORM_ADMIN} if there is none.
     */
    void requireAnotherPlatformAdmin(long userId) {
        try (PreparedStatement s = connection()
                .prepareStatement("SELECT g.user_id FROM role_grant g"
                        + " JOIN app_user u ON u.id = g.user_id"
                        + " WHERE g.role = 'PLATFORM_ADMIN' AND u.enabled = TRUE AND g.user_id <> ? FOR UPDATE")) {
            s.setLong(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new InvalidInputException(
                            UserErrors.LAST_PLATFORM_ADMIN,
                            null,
                            "This is the last platform administrator; appoint another first");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the platform administrators", e);
        }
    }

    private void update(String sql, long id) {
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            s.setLong(1, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run: " + sql, e);
        }
    }

    private <T> Optional<T> one(String sql, long id, Row<T> row) {
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(row.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read: " + sql, e);
        }
    }

    /** The row mapper of {@link #USER_COLUMNS}: a user without password hash or sign-in counters. */
    private static User readUser(ResultSet rs) throws SQLException {
        return new User(
                rs.getLong(1),
                rs.getString(2),
                "",
                rs.getBoolean(5),
                rs.getBoolean(4),
                instant(rs.getTimestamp(8)),
                null,
                rs.getObject(3, Long.class),
                0,
                instant(rs.getTimestamp(6)),
                instant(rs.getTimestamp(7)));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String likeEscape(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database", e);
        }
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }
}
