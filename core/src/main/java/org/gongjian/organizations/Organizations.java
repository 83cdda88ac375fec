package org.gongjian.organizations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ids.IdGenerator;

/**
 * Reads and changes the organization tree on behalf of a {@link Caller}.
 *
 * <p>Rules: an organization outside the caller's readable subtrees does not exist for them
 * ({@link NotFoundException}); changing the structure needs {@link Caller#mayManage} on every
 * organization involved ({@link ForbiddenException} otherwise); only a platform administrator
 * creates a top-level organization; kinds stand where {@link OrganizationKind} allows; names are
 * 1–{@value #NAME_MAX_LENGTH} characters and unique among the non-archived children of one parent
 * (the top level counts as one parent); archived organizations are read-only. Every change and its
 * audit row commit together; a refused change changes nothing.
 *
 * <p>Each node stores its materialized path ({@code /1/7/42/}), copied into {@code
 * member.org_path} and {@code household.org_path}; a move rewrites the paths of the whole subtree
 * and those copies with one statement per table. Audit rows keep the path of their time.
 *
 * <p>Concurrent changes: creating below a parent, renaming, and moving lock the parent row (and a
 * move its moved row, whose subtree the path update then locks), so two siblings cannot take one
 * name at once, a move cannot race a cycle, and nothing is created below a stale path. Top-level
 * names are checked without such a lock; only platform administrators create them.
 */
@Singleton
@AuditsDenials
public class Organizations {

    /** The longest name, in characters. */
    public static final int NAME_MAX_LENGTH = 100;

    /** Audit actions written by this service (target type {@value #AUDIT_TARGET}). */
    public static final String CREATED = "ORGANIZATION_CREATED";

    public static final String RENAMED = "ORGANIZATION_RENAMED";
    public static final String MOVED = "ORGANIZATION_MOVED";
    public static final String ARCHIVED = "ORGANIZATION_ARCHIVED";
    public static final String AUDIT_TARGET = "ORGANIZATION";

    /** The width of {@code organization.path}. */
    static final int PATH_MAX_LENGTH = 760;

    private static final String COLUMNS = "id, parent_id, kind, name, path, created_at, archived_at";

    private final DataSource dataSource;
    private final OrganizationRepository repository;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final List<PathCopy> pathCopies;
    private final MemberCounts memberCounts;

    Organizations(
            DataSource dataSource,
            OrganizationRepository repository,
            AuditLog audit,
            IdGenerator ids,
            Clock clock,
            List<PathCopy> pathCopies,
            MemberCounts memberCounts) {
        this.dataSource = dataSource;
        this.repository = repository;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.pathCopies = List.copyOf(pathCopies);
        this.memberCounts = memberCounts;
    }

    /** Creates a top-level organization on behalf of the platform itself (start-up, demo data). */
    @Transactional
    public Organization createRoot(OrganizationKind kind, String name) {
        return create(Caller.system(), null, kind, name);
    }

    /** Creates an organization below {@code parent} on behalf of the platform itself. */
    @Transactional
    public Organization createChild(Organization parent, OrganizationKind kind, String name) {
        return create(Caller.system(), parent.id(), kind, name);
    }

    /** Any organization by id, archived ones included, without scoping: for the platform's own tasks. */
    public Optional<Organization> find(long id) {
        return repository.findById(id);
    }

    /** Organizations by id in one query, archived ones included, without scoping; unknown ids are absent. */
    public Map<Long, Organization> find(Collection<Long> ids) {
        Map<Long, Organization> found = new HashMap<>();
        if (!ids.isEmpty()) {
            repository.findByIdIn(ids).forEach(o -> found.put(o.id(), o));
        }
        return found;
    }

    /** How many organizations are not archived. */
    public long countActive() {
        return repository.countByArchivedAtIsNull();
    }

    /**
     * Creates an organization: below {@code parentId}, which the caller must manage, or at the top
     * level ({@code parentId} null), which only a platform administrator may do.
     *
     * @throws InvalidInputException a bad name, {@code ORGANIZATION_NAME_TAKEN}, {@code
     *     ORGANIZATION_KIND_NOT_ALLOWED}, {@code ORGANIZATION_ARCHIVED} (the parent), {@code
     *     ORGANIZATION_TOO_DEEP}
     */
    @Transactional
    public Organization create(Caller caller, @Nullable Long parentId, OrganizationKind kind, String name) {
        String clean = OrganizationNames.clean(name);
        if (kind == null) {
            throw new InvalidInputException(OrganizationErrors.KIND_NOT_ALLOWED, "kind", "The kind is required");
        }
        long id = ids.next();
        String path;
        if (parentId == null) {
            if (!caller.isPlatformAdmin()) {
                throw new ForbiddenException("Only a platform administrator creates a top-level organization");
            }
            if (!kind.mayBeTopLevel()) {
                throw new InvalidInputException(
                        OrganizationErrors.KIND_NOT_ALLOWED, "kind", kind + " cannot be a top-level organization");
            }
            path = "/" + id + "/";
        } else {
            Organization parent = lock(parentId)
                    .filter(p -> caller.mayRead(p.path()))
                    .orElseThrow(() -> new NotFoundException("Organization", parentId));
            requireManage(caller, parent);
            requireNotArchived(parent, "parentId");
            if (!parent.kind().accepts(kind)) {
                throw new InvalidInputException(
                        OrganizationErrors.KIND_NOT_ALLOWED,
                        "kind",
                        "A " + parent.kind() + " accepts " + parent.kind().childKinds() + ", not " + kind);
            }
            path = parent.path() + id + "/";
            if (path.length() > PATH_MAX_LENGTH) {
                throw new InvalidInputException(
                        OrganizationErrors.TOO_DEEP, "parentId", "The tree cannot be deeper below this parent");
            }
        }
        requireNameFree(parentId, clean, null);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        update(
                "INSERT INTO organization (id, parent_id, kind, name, path, created_at, archived_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, NULL)",
                id,
                parentId,
                kind.name(),
                clean,
                path,
                now);
        Organization created = new Organization(id, parentId, kind, clean, path, now, null);
        audit.append(
                caller,
                CREATED,
                AUDIT_TARGET,
                id,
                id,
                path,
                "kind=" + kind + " name=" + clean + " parent=" + (parentId == null ? "-" : parentId));
        return created;
    }

    /** The organization if the caller may read it (archived ones included). */
    @Transactional(readOnly = true)
    public Optional<Organization> find(Caller caller, long id) {
        return queryOne("SELECT " + COLUMNS + " FROM organization WHERE id = ?", id)
                .filter(o -> caller.mayRead(o.path()));
    }

    /**
     * The organization if the caller may read it.
     *
     * @throws NotFoundException if it does not exist or is outside the caller's subtrees
     */
    @Transactional(readOnly = true)
    public Organization get(Caller caller, long id) {
        return find(caller, id).orElseThrow(() -> new NotFoundException("Organization", id));
    }

    /** The non-archived children of an organization the caller may read, by name. */
    @Transactional(readOnly = true)
    public List<Organization> children(Caller caller, long id) {
        Organization parent = get(caller, id);
        return query(
                "SELECT " + COLUMNS + " FROM organization WHERE parent_id = ? AND archived_at IS NULL"
                        + " ORDER BY name, id",
                parent.id());
    }

    /**
     * An organization the caller may read and its non-archived descendants, parents before
     * children: one indexed range query on the path.
     */
    @Transactional(readOnly = true)
    public List<Organization> subtree(Caller caller, long id) {
        Organization top = get(caller, id);
        return query(
                "SELECT " + COLUMNS + " FROM organization WHERE path LIKE ? AND (archived_at IS NULL OR id = ?)"
                        + " ORDER BY path",
                top.path() + "%",
                top.id());
    }

    /**
     * The non-archived organizations the caller may read, as trees (one per top-most readable
     * node, children by name), with the active members of each node and of its subtree. Two
     * queries whatever the size: the nodes in the caller's readable paths, and the active members
     * grouped by path.
     */
    @Transactional(readOnly = true)
    public List<OrganizationNode> tree(Caller caller) {
        List<String> paths = caller.readablePaths();
        if (paths.isEmpty()) {
            return List.of();
        }
        Object[] prefixes = paths.stream().map(p -> p + "%").toArray();
        List<Organization> nodes = query(
                "SELECT " + COLUMNS + " FROM organization WHERE archived_at IS NULL AND " + anyOf("path", paths.size())
                        + " ORDER BY name, id",
                prefixes);
        Map<String, Long> members = memberCounts.activeByPath(paths);
        return OrganizationTree.build(nodes, members);
    }

    /**
     * Renames an organization the caller manages; the same name again changes nothing.
     *
     * @throws InvalidInputException a bad name, {@code ORGANIZATION_NAME_TAKEN}, {@code
     *     ORGANIZATION_ARCHIVED}
     */
    @Transactional
    public Organization rename(Caller caller, long id, String name) {
        String clean = OrganizationNames.clean(name);
        Organization org = visible(caller, lockWithParent(id).orElse(null), id);
        requireManage(caller, org);
        requireNotArchived(org, null);
        if (org.name().equals(clean)) {
            return org;
        }
        requireNameFree(org.parentId(), clean, org.id());
        update("UPDATE organization SET name = ? WHERE id = ?", clean, id);
        audit.append(caller, RENAMED, AUDIT_TARGET, id, id, org.path(), "name: " + org.name() + " → " + clean);
        return org.withName(clean);
    }

    /**
     * Moves an organization with its whole subtree below {@code newParentId}; the caller must
     * manage both. The paths of the subtree, of its members and of its households are rewritten in
     * the same transaction. Moving below the current parent changes nothing.
     *
     * @throws InvalidInputException {@code ORGANIZATION_MOVE_CYCLE}, {@code
     *     ORGANIZATION_KIND_NOT_ALLOWED}, {@code ORGANIZATION_NAME_TAKEN} (below the new parent),
     *     {@code ORGANIZATION_ARCHIVED}, {@code ORGANIZATION_TOO_DEEP}
     */
    @Transactional
    public Organization move(Caller caller, long id, long newParentId) {
        // Both rows locked in one statement (in key order, so two opposite moves cannot deadlock);
        // the subtree's rows are locked by the path update below.
        Map<Long, Organization> locked = new HashMap<>();
        for (Organization o : query(
                "SELECT " + COLUMNS + " FROM organization WHERE id IN (?, ?) ORDER BY id FOR UPDATE",
                id,
                newParentId)) {
            locked.put(o.id(), o);
        }
        Organization org = visible(caller, locked.get(id), id);
        Organization parent = visible(caller, locked.get(newParentId), newParentId);
        requireManage(caller, org);
        requireManage(caller, parent);
        requireNotArchived(org, null);
        requireNotArchived(parent, "newParentId");
        if (parent.path().startsWith(org.path())) {
            throw new InvalidInputException(
                    OrganizationErrors.MOVE_CYCLE,
                    "newParentId",
                    "An organization cannot move below itself or one of its descendants");
        }
        if (Long.valueOf(parent.id()).equals(org.parentId())) {
            return org;
        }
        if (!parent.kind().accepts(org.kind())) {
            throw new InvalidInputException(
                    OrganizationErrors.KIND_NOT_ALLOWED,
                    "newParentId",
                    "A " + parent.kind() + " accepts " + parent.kind().childKinds() + ", not " + org.kind());
        }
        requireNameFree(parent.id(), org.name(), org.id());
        String oldPath = org.path();
        String newPath = parent.path() + org.id() + "/";
        long longest = queryLong(
                "SELECT COALESCE(MAX(CHAR_LENGTH(path)), 0) FROM organization WHERE path LIKE ?", oldPath + "%");
        if (longest - oldPath.length() + newPath.length() > PATH_MAX_LENGTH) {
            throw new InvalidInputException(
                    OrganizationErrors.TOO_DEEP, "newParentId", "The subtree would be too deep below this parent");
        }
        update("UPDATE organization SET parent_id = ? WHERE id = ?", parent.id(), org.id());
        int organizations = rewritePaths("organization", "path", oldPath, newPath);
        int members = rewritePaths("member", "org_path", oldPath, newPath);
        int households = rewritePaths("household", "org_path", oldPath, newPath);
        StringBuilder copies = new StringBuilder();
        for (PathCopy copy : pathCopies) {
            copies.append(", ")
                    .append(copy.table())
                    .append(' ')
                    .append(rewritePaths(copy.table(), copy.column(), oldPath, newPath));
        }
        audit.append(
                caller,
                MOVED,
                AUDIT_TARGET,
                id,
                id,
                newPath,
                "from parent " + (org.parentId() == null ? "-" : org.parentId()) + " (" + oldPath + ") to parent "
                        + parent.id() + " (" + newPath + "); organizations " + organizations + ", members "
                        + members + ", households " + households + copies);
        return new Organization(
                org.id(), parent.id(), org.kind(), org.name(), newPath, org.createdAt(), org.archivedAt());
    }

    /**
     * Archives an organization the caller manages. Its roles stop granting anything; it stays
     * readable. Archiving an archived organization changes nothing.
     *
     * @throws InvalidInputException {@code ORGANIZATION_NOT_EMPTY} while it has active members
     *     (its own, in its subtree, or in it as grid or branch) or non-archived children
     */
    @Transactional
    public Organization archive(Caller caller, long id) {
        Organization org = lockVisible(caller, id);
        requireManage(caller, org);
        if (org.archivedAt() != null) {
            return org;
        }
        long children = queryLong("SELECT COUNT(*) FROM organization WHERE parent_id = ? AND archived_at IS NULL", id);
        long members = memberCounts.activeIn(id, org.path());
        if (children > 0 || members > 0) {
            throw new InvalidInputException(
                    OrganizationErrors.NOT_EMPTY,
                    null,
                    "It still has " + children + " organizations and " + members + " active members below it");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        update("UPDATE organization SET archived_at = ? WHERE id = ?", now, id);
        audit.append(caller, ARCHIVED, AUDIT_TARGET, id, id, org.path(), "name=" + org.name());
        return new Organization(org.id(), org.parentId(), org.kind(), org.name(), org.path(), org.createdAt(), now);
    }

    private Organization lockVisible(Caller caller, long id) {
        return visible(caller, lock(id).orElse(null), id);
    }

    private static Organization visible(Caller caller, @Nullable Organization org, long id) {
        if (org == null || !caller.mayRead(org.path())) {
            throw new NotFoundException("Organization", id);
        }
        return org;
    }

    /**
     * Locks an organization and its parent, in key order, so that no sibling can take the same name
     * meanwhile (creating below a parent and moving into it lock the parent too).
     */
    private Optional<Organization> lockWithParent(long id) {
        Optional<Organization> seen = queryOne("SELECT " + COLUMNS + " FROM organization WHERE id = ?", id);
        if (seen.isEmpty() || seen.get().parentId() == null) {
            return lock(id);
        }
        long parentId = seen.get().parentId();
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Organization> locked = query(
                            "SELECT " + COLUMNS + " FROM organization WHERE id IN (?, ?) ORDER BY id FOR UPDATE",
                            id,
                            parentId)
                    .stream()
                    .filter(o -> o.id() == id)
                    .findFirst();
            if (locked.isEmpty()
                    || locked.get().parentId() == null
                    || locked.get().parentId() == parentId) {
                return locked;
            }
            parentId = locked.get().parentId(); // moved meanwhile: a locking read sees the current parent
        }
        throw new IllegalStateException("Organization " + id + " keeps moving; try again");
    }

    /**
     * Locks the root organization of the tree that {@code orgPath} belongs to, in the caller's
     * transaction: work that must see every other creation in one tree (a point kind code unique
     * along each line of the tree) queues on it.
     */
    public void lockRoot(String orgPath) {
        lock(Long.parseLong(orgPath.substring(1, orgPath.indexOf('/', 1))));
    }

    private Optional<Organization> lock(long id) {
        return queryOne("SELECT " + COLUMNS + " FROM organization WHERE id = ? FOR UPDATE", id);
    }

    private static void requireManage(Caller caller, Organization org) {
        if (!caller.mayManage(org.path())) {
            throw new ForbiddenException("Your role does not allow changing the structure of organization " + org.id());
        }
    }

    private static void requireNotArchived(Organization org, @Nullable String field) {
        if (org.archivedAt() != null) {
            throw new InvalidInputException(
                    OrganizationErrors.ARCHIVED, field, "Organization " + org.id() + " is archived");
        }
    }

    /**
     * No other non-archived child of {@code parentId} (null: the top level) has this name. A
     * locking read: it sees what was committed while this transaction waited for the parent's
     * lock, which a plain read of an older snapshot would miss ({@code FOR UPDATE}: TiDB takes no
     * shared locks).
     */
    private void requireNameFree(@Nullable Long parentId, String name, @Nullable Long except) {
        long taken = queryLong(
                "SELECT COUNT(*) FROM organization WHERE parent_id <=> ? AND name = ? AND archived_at IS NULL"
                        + " AND id <> ? FOR UPDATE",
                parentId,
                name,
                except == null ? 0L : except);
        if (taken > 0) {
            throw new InvalidInputException(
                    OrganizationErrors.NAME_TAKEN, "name", "Another organization here is already called " + name);
        }
    }

    /** Replaces the prefix {@code oldPath} by {@code newPath} in every row under it: one statement. */
    private int rewritePaths(String table, String column, String oldPath, String newPath) {
        return update(
                "UPDATE " + table + " SET " + column + " = CONCAT(?, SUBSTRING(" + column + ", ?)) WHERE " + column
                        + " LIKE ?",
                newPath,
                oldPath.length() + 1,
                oldPath + "%");
    }

    private static String anyOf(String column, int count) {
        return Collections.nCopies(count, column + " LIKE ?").stream().collect(Collectors.joining(" OR ", "(", ")"));
    }

    private List<Organization> query(String sql, Object... args) {
        List<Organization> rows = new ArrayList<>();
        queryEach(sql, rs -> rows.add(read(rs)), args);
        return rows;
    }

    private Optional<Organization> queryOne(String sql, Object... args) {
        List<Organization> rows = query(sql, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    private long queryLong(String sql, Object... args) {
        long[] value = new long[1];
        queryEach(sql, rs -> value[0] = rs.getLong(1), args);
        return value[0];
    }

    private void queryEach(String sql, RowHandler handler, Object... args) {
        try {
            Connection c = dataSource.getConnection();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, args);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        handler.handle(rs);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read organizations", e);
        }
    }

    private int update(String sql, Object... args) {
        try {
            Connection c = dataSource.getConnection();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, args);
                return s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot change organizations", e);
        }
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg == null) {
                s.setNull(i + 1, Types.BIGINT);
            } else if (arg instanceof Instant instant) {
                s.setTimestamp(i + 1, Timestamp.from(instant));
            } else {
                s.setObject(i + 1, arg);
            }
        }
    }

    private static Organization read(ResultSet rs) throws SQLException {
        Timestamp archived = rs.getTimestamp(7);
        return new Organization(
                rs.getLong(1),
                rs.getObject(2, Long.class),
                OrganizationKind.valueOf(rs.getString(3)),
                rs.getString(4),
                rs.getString(5),
                rs.getTimestamp(6).toInstant(),
                archived == null ? null : archived.toInstant());
    }

    @FunctionalInterface
    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }
}
