package org.gongjian.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.Grant;
import org.gongjian.access.MemberScopes;
import org.gongjian.access.NotFoundException;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ids.IdGenerator;
import org.gongjian.organizations.Organizations;

/**
 * Users and their roles, as administrators manage them. Every method takes the {@link Caller} and
 * is scoped to what the caller manages: a platform administrator manages every user; an
 * organization administrator (secretary) sees the users who hold a role inside their subtree or
 * sign in as a member of it, grants and revokes roles on organizations of their subtree, and
 * disables users who work only there. A user outside that scope answers {@link
 * NotFoundException}, exactly like one that does not exist. Every change is audited in the same
 * transaction.
 */
@Singleton
@AuditsDenials
public class UserAdmin {

    public static final int USERNAME_MIN_LENGTH = 3;
    public static final int USERNAME_MAX_LENGTH = 64;

    /** The most users one page of {@link #list} returns. */
    public static final int PAGE_LIMIT = 500;

    /** The largest page of {@link #search}. */
    public static final int MAX_PAGE_SIZE = 200;

    /** The longest search text of {@link #search}. */
    public static final int MAX_QUERY_LENGTH = 50;

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{3,64}");

    private static final String USER_COLUMNS = "u.id, u.username, u.member_id, u.enabled, u.password_change_needed,"
            + " u.locked_until, u.last_login_at, u.created_at";

    private final DataSource dataSource;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final Organizations organizations;
    private final MemberScopes scopes;

    UserAdmin(
            DataSource dataSource,
            UserRepository users,
            PasswordHasher hasher,
            AuditLog audit,
            IdGenerator ids,
            Clock clock,
            Organizations organizations,
            MemberScopes scopes) {
        this.dataSource = dataSource;
        this.organizations = organizations;
        this.scopes = scopes;
        this.users = users;
        this.hasher = hasher;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Creates a user who must choose a new password at the first sign-in.
     *
     * @param username 3 to 64 characters of {@code a-z 0-9 . _ -}; upper case is taken as lower case
     * @param initialPassword the first password, which must satisfy the {@link PasswordPolicy}; null or
     *     blank to generate one (returned once in {@link NewUser#generatedPassword()})
     * @param memberId the member the user signs in as; a member inside the caller's subtree that has
     *     no account yet
     * @throws InvalidInputException {@code USERNAME_INVALID}, {@code USERNAME_TAKEN}, {@code
     *     MEMBER_HAS_ACCOUNT}, or a password code ({@code PASSWORD_LENGTH}, {@code PASSWORD_NOT_NEW},
     *     {@code PASSWORD_TOO_COMMON}) on {@code initialPassword}; {@code ROLE_REQUIRED} when an
     *     organization administrator names no member (give a role with the other {@code createUser}:
     *     a user who belongs nowhere is managed by platform administrators only)
     */
    @Transactional
    public NewUser createUser(
            Caller caller, String username, @Nullable String initialPassword, @Nullable Long memberId) {
        return createUser(caller, username, initialPassword, memberId, true);
    }

    /**
     * {@link #createUser(Caller, String, String, Long)}, choosing whether the first sign-in asks for
     * a new password; only a platform administrator (the platform itself: demo data) may create a
     * user who does not have to change it.
     */
    @Transactional
    public NewUser createUser(
            Caller caller,
            String username,
            @Nullable String initialPassword,
            @Nullable Long memberId,
            boolean passwordChangeNeeded) {
        return create(caller, username, initialPassword, memberId, passwordChangeNeeded, false);
    }

    /** Creates the user; {@code withRole}: a first role is granted in the same transaction. */
    private NewUser create(
            Caller caller,
            String username,
            @Nullable String initialPassword,
            @Nullable Long memberId,
            boolean passwordChangeNeeded,
            boolean withRole) {
        if (!passwordChangeNeeded && !caller.isPlatformAdmin()) {
            throw new ForbiddenException("Only a platform administrator creates users without a password change");
        }
        if (!caller.isPlatformAdmin() && !caller.has(Role.ORG_ADMIN)) {
            throw new ForbiddenException("Only administrators create users");
        }
        String name = normalizeUsername(username);
        Org memberOrg = null;
        if (memberId != null) {
            memberOrg = memberOrganization(memberId)
                    .filter(org -> caller.mayRead(org.path()))
                    .orElseThrow(() -> new NotFoundException("Member", memberId));
            if (!caller.mayManage(memberOrg.path())) {
                throw new ForbiddenException("Your roles do not allow creating accounts for this member");
            }
        }
        String generated = null;
        String password = initialPassword;
        if (password == null || password.isBlank()) {
            generated = PasswordPolicy.generate();
            password = generated;
        } else {
            PasswordChangeResult policy = PasswordPolicy.check(name, null, password);
            if (policy != PasswordChangeResult.OK) {
                throw new InvalidInputException(
                        policy.name(), "initialPassword", passwordMessage(policy), passwordArguments(policy));
            }
        }
        if (users.existsByUsername(name)) {
            throw usernameTaken(name);
        }
        if (memberId != null && users.existsByMemberId(memberId)) {
            throw memberHasAccount(memberId);
        }
        if (!caller.isPlatformAdmin() && memberId == null && !withRole) {
            throw new InvalidInputException(
                    UserErrors.ROLE_REQUIRED,
                    "role",
                    "Give the new user a role or a member in your organizations: a user who belongs nowhere"
                            + " is managed by platform administrators only");
        }
        Instant now = clock.instant();
        User user = User.created(ids.next(), name, hasher.hash(password), passwordChangeNeeded, memberId, now);
        try {
            users.save(user);
        } catch (RuntimeException e) {
            // Another request took the name or the member between the checks and the insert.
            String message = String.valueOf(e.getMessage()) + " " + e.getCause();
            if (message.contains("ux_app_user_member")) {
                throw memberHasAccount(memberId);
            }
            if (message.contains("ux_app_user_username")) {
                throw usernameTaken(name);
            }
            throw e;
        }
        audit.append(
                caller,
                SecurityAudit.USER_CREATED,
                SecurityAudit.USER,
                user.id(),
                memberOrg == null ? null : memberOrg.id(),
                memberOrg == null ? null : memberOrg.path(),
                "user " + name + (memberId == null ? "" : " for member " + memberId));
        String memberName =
                memberId == null ? null : scopes.names(List.of(memberId)).get(memberId);
        return new NewUser(summary(user, List.of(), memberName), generated);
    }

    /**
     * {@link #createUser(Caller, String, String, Long)} with a first role, granted in the same
     * transaction: the new user belongs to the caller's organization from the start. The role is
     * checked like {@link #grant} before anything is stored.
     *
     * @param role the first role, or null for none
     * @param organizationId where {@code role} is granted; null for {@link Role#PLATFORM_ADMIN}
     */
    @Transactional
    public NewUser createUser(
            Caller caller,
            String username,
            @Nullable String initialPassword,
            @Nullable Long memberId,
            @Nullable Role role,
            @Nullable Long organizationId) {
        if (role == null) {
            if (organizationId != null) {
                throw new InvalidInputException(
                        UserErrors.ROLE_REQUIRED, "role", "Name the role to grant on the organization");
            }
            return createUser(caller, username, initialPassword, memberId, true);
        }
        Org org = grantScope(caller, role, organizationId, false);
        NewUser created = create(caller, username, initialPassword, memberId, true, true);
        UserRole granted =
                insertGrant(caller, created.user().id(), created.user().username(), role, org);
        return new NewUser(created.user().withRoles(List.of(granted)), created.generatedPassword());
    }

    /**
     * Grants {@code role} on an organization (covering its subtree); granting a role the user
     * already holds there changes nothing. Only a platform administrator grants {@link
     * Role#PLATFORM_ADMIN}, which has no organization.
     */
    @Transactional
    public UserRole grant(Caller caller, long userId, Role role, @Nullable Long organizationId) {
        Org org = grantScope(caller, role, organizationId, false);
        String username;
        try {
            username = grantee(dataSource.getConnection(), Scope.of(caller), userId);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read user " + userId, e);
        }
        return insertGrant(caller, userId, username, role, org);
    }

    private UserRole insertGrant(Caller caller, long userId, String username, Role role, @Nullable Org org) {
        Long organizationId = org == null ? null : org.id();
        try {
            Connection c = dataSource.getConnection();
            if (grantId(c, userId, role, organizationId).isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO role_grant"
                        + " (id, user_id, role, organization_id, created_at) VALUES (?, ?, ?, ?, ?)")) {
                    s.setLong(1, ids.next());
                    s.setLong(2, userId);
                    s.setString(3, role.name());
                    s.setObject(4, organizationId);
                    s.setTimestamp(5, Timestamp.from(clock.instant()));
                    s.executeUpdate();
                    audit.append(
                            caller,
                            SecurityAudit.ROLE_GRANTED,
                            SecurityAudit.USER,
                            userId,
                            organizationId,
                            org == null ? null : org.path(),
                            role + describe(org) + " granted to " + username);
                } catch (SQLIntegrityConstraintViolationException concurrent) {
                    // The same grant was just made by another request: the outcome is the same.
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot grant a role to user " + userId, e);
        }
        return new UserRole(role, organizationId, org == null ? null : org.name());
    }

    /**
     * The username of a user the caller may grant a role to: one they manage (a role or the linked
     * member inside their subtrees; a platform administrator manages everyone). A user who belongs
     * nowhere (no role, no member) is managed by platform administrators only, so that nobody takes
     * over an account outside their scope; a user of another organization answers {@link
     * NotFoundException}, like a missing one.
     */
    private String grantee(Connection c, Scope scope, long userId) throws SQLException {
        if (scope.all()) {
            return username(userId).orElseThrow(() -> new NotFoundException("User", userId));
        }
        return visibleUser(c, scope, userId).username();
    }

    /**
     * Takes a role back. The last enabled platform administrator keeps the role ({@code
     * LAST_PLATFORM_ADMIN}), so that someone can always run the platform.
     */
    @Transactional
    public void revoke(Caller caller, long userId, Role role, @Nullable Long organizationId) {
        Org org = grantScope(caller, role, organizationId, true);
        String username = username(userId).orElseThrow(() -> new NotFoundException("User", userId));
        try {
            Connection c = dataSource.getConnection();
            long grantId = grantId(c, userId, role, organizationId)
                    .orElseThrow(() -> new NotFoundException("Role grant of user", userId));
            if (role == Role.PLATFORM_ADMIN) {
                requireAnotherPlatformAdmin(c, userId);
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM role_grant WHERE id = ?")) {
                s.setLong(1, grantId);
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot revoke a role of user " + userId, e);
        }
        audit.append(
                caller,
                SecurityAudit.ROLE_REVOKED,
                SecurityAudit.USER,
                userId,
                organizationId,
                org == null ? null : org.path(),
                role + describe(org) + " revoked from " + username);
    }

    /**
     * The users the caller manages, by username.
     *
     * @param search part of the username or of the linked member's name, or null for all
     * @param limit at most {@link #PAGE_LIMIT}
     */
    @Transactional(readOnly = true)
    public List<UserSummary> list(Caller caller, @Nullable String search, int offset, int limit) {
        Scope scope = Scope.of(caller);
        return scope.isEmpty()
                ? List.of()
                : select(scope, search, null, Math.max(1, Math.min(limit, PAGE_LIMIT)), Math.max(0, offset));
    }

    /**
     * One page of the users the caller manages, by username, and how many match in all.
     *
     * @param q part of the username or of the linked member's name, or null for all
     * @param organizationId only users holding a role in this organization's subtree or signing in
     *     as a member of it; an organization outside the caller's scope answers {@link
     *     NotFoundException}
     * @param page zero-based
     * @param size 1 to {@link #MAX_PAGE_SIZE}
     * @throws InvalidInputException {@code QUERY_TOO_LONG}, {@code PAGE_INVALID}, {@code SIZE_INVALID}
     */
    @Transactional(readOnly = true)
    public UserPage search(Caller caller, @Nullable String q, @Nullable Long organizationId, int page, int size) {
        if (q != null && q.strip().length() > MAX_QUERY_LENGTH) {
            throw new InvalidInputException(
                    UserErrors.QUERY_TOO_LONG, "q", "Search with at most " + MAX_QUERY_LENGTH + " characters");
        }
        if (page < 0) {
            throw new InvalidInputException(UserErrors.PAGE_INVALID, "page", "The page is a number from 0");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidInputException(
                    UserErrors.SIZE_INVALID, "size", "The page size is between 1 and " + MAX_PAGE_SIZE);
        }
        Scope scope = Scope.of(caller);
        String under = null;
        if (organizationId != null) {
            under = organization(organizationId, true)
                    .map(Org::path)
                    .filter(path -> scope.covers(path) && !scope.isEmpty())
                    .orElseThrow(() -> new NotFoundException("Organization", organizationId));
        }
        if (scope.isEmpty()) {
            return new UserPage(List.of(), page, size, 0);
        }
        List<UserSummary> items = select(scope, q, under, size, (long) page * size);
        long total = items.size() < size && (page == 0 || !items.isEmpty())
                ? (long) page * size + items.size()
                : count(scope, q, under);
        return new UserPage(items, page, size, total);
    }

    private List<UserSummary> select(Scope scope, @Nullable String q, @Nullable String under, int limit, long offset) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + USER_COLUMNS + " FROM app_user u WHERE " + filter(scope, q, under, args)
                + " ORDER BY u.username LIMIT ? OFFSET ?";
        args.add(limit);
        args.add(offset);
        try {
            Connection c = dataSource.getConnection();
            List<User> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, args);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(readUser(rs));
                    }
                }
            }
            Map<Long, List<UserRole>> roles =
                    roles(c, found.stream().map(User::id).toList(), scope);
            Map<Long, String> names = scopes.names(
                    found.stream().map(User::memberId).filter(id -> id != null).toList());
            return found.stream()
                    .map(u -> summary(u, roles.getOrDefault(u.id(), List.of()), names.get(u.memberId())))
                    .toList();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list users", e);
        }
    }

    private long count(Scope scope, @Nullable String q, @Nullable String under) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM app_user u WHERE " + filter(scope, q, under, args);
        try {
            Connection c = dataSource.getConnection();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, args);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count users", e);
        }
    }

    /** The users of the scope, matching {@code q} (username or member name), inside {@code under}. */
    private static String filter(Scope scope, @Nullable String q, @Nullable String under, List<Object> args) {
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

    /** One user the caller manages. */
    @Transactional(readOnly = true)
    public UserSummary find(Caller caller, long userId) {
        Scope scope = Scope.of(caller);
        try {
            Connection c = dataSource.getConnection();
            User user = visibleUser(c, scope, userId);
            return summary(
                    user,
                    roles(c, List.of(userId), scope).getOrDefault(userId, List.of()),
                    user.memberId() == null
                            ? null
                            : scopes.names(List.of(user.memberId())).get(user.memberId()));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read user " + userId, e);
        }
    }

    /**
     * Turns a user off: they cannot sign in, their UI sessions end at the next navigation and their
     * API tokens are deleted. An organization administrator disables only users whose every role
     * lies inside their subtree; nobody disables themselves ({@code CANNOT_DISABLE_SELF}) or the
     * last platform administrator ({@code LAST_PLATFORM_ADMIN}).
     */
    @Transactional
    public void disable(Caller caller, long userId) {
        if (caller.userId() == userId) {
            throw new InvalidInputException(
                    UserErrors.CANNOT_DISABLE_SELF, null, "You cannot disable your own account");
        }
        setEnabled(caller, userId, false);
    }

    /** Turns a disabled user on again; the same rights as {@link #disable}. */
    @Transactional
    public void enable(Caller caller, long userId) {
        setEnabled(caller, userId, true);
    }

    private void setEnabled(Caller caller, long userId, boolean enabled) {
        Scope scope = Scope.of(caller);
        try {
            Connection c = dataSource.getConnection();
            User user = visibleUser(c, scope, userId);
            List<Held> held = heldRoles(c, userId);
            if (!scope.all()) {
                boolean outside = held.stream()
                        .anyMatch(
                                h -> h.role() == Role.PLATFORM_ADMIN || (h.path() != null && !scope.covers(h.path())));
                if (outside) {
                    throw new ForbiddenException("This user also holds roles outside your organizations");
                }
            }
            if (!enabled && held.stream().anyMatch(h -> h.role() == Role.PLATFORM_ADMIN) && user.enabled()) {
                requireAnotherPlatformAdmin(c, userId);
            }
            if (users.updateEnabled(userId, enabled) == 0) {
                return; // already so
            }
            if (!enabled) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM api_token WHERE user_id = ?")) {
                    s.setLong(1, userId);
                    s.executeUpdate();
                }
            }
            Org home = homeOrganization(c, user, held, scope);
            audit.append(
                    caller,
                    enabled ? SecurityAudit.USER_ENABLED : SecurityAudit.USER_DISABLED,
                    SecurityAudit.USER,
                    userId,
                    home == null ? null : home.id(),
                    home == null ? null : home.path(),
                    "user " + user.username());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot change user " + userId, e);
        }
    }

    /** Checks the caller may grant or revoke {@code role} there; the organization, if any. */
    private @Nullable Org grantScope(Caller caller, Role role, @Nullable Long organizationId, boolean archivedToo) {
        if (role == Role.PLATFORM_ADMIN) {
            if (organizationId != null) {
                throw new InvalidInputException(
                        UserErrors.ROLE_SCOPE, "organizationId", "PLATFORM_ADMIN is not granted on an organization");
            }
            if (!caller.isPlatformAdmin()) {
                throw new ForbiddenException("Only a platform administrator grants or revokes PLATFORM_ADMIN");
            }
            return null;
        }
        if (organizationId == null) {
            throw new InvalidInputException(
                    UserErrors.ORGANIZATION_REQUIRED, "organizationId", role + " is granted on an organization");
        }
        Org org = organization(organizationId, archivedToo)
                .filter(o -> caller.mayRead(o.path()))
                .orElseThrow(() -> new NotFoundException("Organization", organizationId));
        if (!caller.mayManage(org.path())) {
            throw new ForbiddenException("Your roles do not allow managing roles in this organization");
        }
        return org;
    }

    private void requireAnotherPlatformAdmin(Connection c, long userId) throws SQLException {
        // Locks the platform administrators' grants: two concurrent removals cannot both pass.
        try (PreparedStatement s = c.prepareStatement("SELECT g.user_id FROM role_grant g"
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
        }
    }

    private User visibleUser(Connection c, Scope scope, long userId) throws SQLException {
        if (scope.isEmpty()) {
            throw new NotFoundException("User", userId);
        }
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + USER_COLUMNS + " FROM app_user u WHERE u.id = ? AND " + scope.visibleUsers(args);
        args.addFirst(userId);
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("User", userId);
                }
                return readUser(rs);
            }
        }
    }

    private Map<Long, List<UserRole>> roles(Connection c, List<Long> userIds, Scope scope) throws SQLException {
        Map<Long, List<UserRole>> roles = new HashMap<>();
        if (userIds.isEmpty()) {
            return roles;
        }
        String marks = String.join(", ", userIds.stream().map(id -> "?").toList());
        try (PreparedStatement s = c.prepareStatement("SELECT g.user_id, g.role, g.organization_id, o.name, o.path"
                + " FROM role_grant g LEFT JOIN organization o ON o.id = g.organization_id"
                + " WHERE g.user_id IN (" + marks + ")")) {
            bind(s, new ArrayList<>(userIds));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String path = rs.getString(5);
                    if (!scope.all() && (path == null || !scope.covers(path))) {
                        continue; // a role elsewhere is not the caller's business
                    }
                    roles.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                            .add(new UserRole(
                                    Role.valueOf(rs.getString(2)), rs.getObject(3, Long.class), rs.getString(4)));
                }
            }
        }
        roles.values()
                .forEach(list -> list.sort(Comparator.comparing(UserRole::role)
                        .thenComparing(r -> r.organizationName() == null ? "" : r.organizationName())));
        return roles;
    }

    private List<Held> heldRoles(Connection c, long userId) throws SQLException {
        List<Held> held = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT g.role, g.organization_id, o.path FROM role_grant g"
                + " LEFT JOIN organization o ON o.id = g.organization_id WHERE g.user_id = ? ORDER BY o.path")) {
            s.setLong(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    held.add(new Held(Role.valueOf(rs.getString(1)), rs.getObject(2, Long.class), rs.getString(3)));
                }
            }
        }
        return held;
    }

    /** Where an entry about the user belongs in the audit log: their member's organization or a role's. */
    private @Nullable Org homeOrganization(Connection c, User user, List<Held> held, Scope scope) {
        if (user.memberId() != null) {
            Optional<Org> member = memberOrganization(user.memberId());
            if (member.isPresent()) {
                return member.get();
            }
        }
        return held.stream()
                .filter(h -> h.path() != null && (scope.all() || scope.covers(h.path())))
                .findFirst()
                .map(h -> new Org(h.organizationId(), h.path(), null))
                .orElse(null);
    }

    private Optional<Org> organization(long id, boolean archivedToo) {
        return organizations
                .find(id)
                .filter(o -> archivedToo || o.archivedAt() == null)
                .map(o -> new Org(o.id(), o.path(), o.name()));
    }

    private Optional<Org> memberOrganization(long memberId) {
        return scopes.of(memberId).map(m -> new Org(m.organizationId(), m.orgPath(), null));
    }

    private Optional<String> username(long userId) {
        return one("SELECT username FROM app_user WHERE id = ?", userId, rs -> rs.getString(1));
    }

    private static Optional<Long> grantId(Connection c, long userId, Role role, @Nullable Long organizationId)
            throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT id FROM role_grant WHERE user_id = ? AND role = ? AND scope_id = ?")) {
            s.setLong(1, userId);
            s.setString(2, role.name());
            s.setLong(3, organizationId == null ? 0 : organizationId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private <T> Optional<T> one(String sql, long id, Row<T> row) {
        try {
            Connection c = dataSource.getConnection();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(row.read(rs)) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read: " + sql, e);
        }
    }

    private UserSummary summary(User u, List<UserRole> roles, @Nullable String memberName) {
        Instant now = clock.instant();
        return new UserSummary(
                u.id(),
                u.username(),
                u.memberId(),
                memberName,
                u.enabled(),
                u.passwordChangeNeeded(),
                u.lockedAt(now) ? u.lockedUntil() : null,
                u.lastLoginAt(),
                u.createdAt(),
                roles);
    }

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

    /** Whether {@link #createUser} accepts this username (after stripping it and taking it as lower case). */
    public static boolean isValidUsername(@Nullable String username) {
        return USERNAME.matcher(username == null ? "" : username.strip().toLowerCase(Locale.ROOT))
                .matches();
    }

    static String normalizeUsername(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!isValidUsername(name)) {
            throw new InvalidInputException(
                    UserErrors.USERNAME_INVALID,
                    "username",
                    "A username has " + USERNAME_MIN_LENGTH + " to " + USERNAME_MAX_LENGTH
                            + " characters: letters a-z, digits, dot, underscore, hyphen");
        }
        return name;
    }

    /** The arguments of the API's text for a password code: the length limits of {@code PASSWORD_LENGTH}. */
    static Object[] passwordArguments(PasswordChangeResult result) {
        return result == PasswordChangeResult.PASSWORD_LENGTH
                ? new Object[] {PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_LENGTH}
                : new Object[0];
    }

    static String passwordMessage(PasswordChangeResult result) {
        return switch (result) {
            case PASSWORD_LENGTH ->
                "A password has " + PasswordPolicy.MIN_LENGTH + " to " + PasswordPolicy.MAX_LENGTH + " characters";
            case PASSWORD_NOT_NEW -> "The new password must differ from the old one and from the username";
            case PASSWORD_TOO_COMMON -> "This password is among the most common ones and easy to guess";
            default -> result.name();
        };
    }

    private static InvalidInputException usernameTaken(String name) {
        return new InvalidInputException(UserErrors.USERNAME_TAKEN, "username", "The username " + name + " is taken");
    }

    private static InvalidInputException memberHasAccount(Long memberId) {
        return new InvalidInputException(
                UserErrors.MEMBER_HAS_ACCOUNT, "memberId", "Member " + memberId + " already has an account");
    }

    private static String describe(@Nullable Org org) {
        return org == null ? "" : " on " + org.name();
    }

    private static String likeEscape(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private record Org(long id, String path, @Nullable String name) {}

    private record Held(Role role, @Nullable Long organizationId, @Nullable String path) {}

    /**
     * The subtrees a caller manages: everything for a platform administrator, the subtrees of their
     * {@link Role#ORG_ADMIN} grants otherwise (nested ones collapsed), nothing for anyone else.
     */
    private record Scope(boolean all, List<String> paths) {

        static Scope of(Caller caller) {
            if (caller.isPlatformAdmin()) {
                return new Scope(true, List.of());
            }
            List<String> paths = new ArrayList<>();
            caller.grants().stream()
                    .filter(g -> g.role() == Role.ORG_ADMIN && g.orgPath() != null)
                    .map(Grant::orgPath)
                    .sorted()
                    .forEach(path -> {
                        if (paths.stream().noneMatch(path::startsWith)) {
                            paths.add(path);
                        }
                    });
            return new Scope(false, List.copyOf(paths));
        }

        boolean isEmpty() {
            return !all && paths.isEmpty();
        }

        boolean covers(String path) {
            return all || paths.stream().anyMatch(path::startsWith);
        }

        /** A condition on {@code u}: holds a role inside the scope, or is a member inside it. */
        String visibleUsers(List<Object> args) {
            if (all) {
                return "1 = 1";
            }
            StringBuilder grants = new StringBuilder();
            StringBuilder members = new StringBuilder();
            for (int i = 0; i < paths.size(); i++) {
                grants.append(i == 0 ? "" : " OR ").append("o.path LIKE ?");
                members.append(i == 0 ? "" : " OR ").append("m.org_path LIKE ?");
            }
            List<String> likes = paths.stream().map(path -> path + "%").toList();
            args.addAll(likes);
            args.addAll(likes);
            return "(EXISTS (SELECT 1 FROM role_grant g JOIN organization o ON o.id = g.organization_id"
                    + " WHERE g.user_id = u.id AND (" + grants + "))"
                    + " OR EXISTS (SELECT 1 FROM member m WHERE m.id = u.member_id AND (" + members + ")))";
        }
    }
}
