package org.gongjian.access;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The user on whose behalf a service runs, with the subtrees they may read and change.
 *
 * @param memberId the member record the user signs in as, if any (volunteers see only this one)
 */
public record Caller(long userId, String username, @Nullable Long memberId, List<Grant> grants) {

    /** Roles that read the members and structure of their subtree. */
    private static final Set<Role> READERS = EnumSet.of(Role.PLATFORM_ADMIN, Role.ORG_ADMIN, Role.ORG_STAFF);

    /** Roles that record members within their subtree. */
    private static final Set<Role> EDITORS = EnumSet.of(Role.PLATFORM_ADMIN, Role.ORG_ADMIN, Role.ORG_STAFF);

    /** Roles that change structure, staff, and see personal data unmasked (audited). */
    private static final Set<Role> MANAGERS = EnumSet.of(Role.PLATFORM_ADMIN, Role.ORG_ADMIN);

    public Caller {
        grants = List.copyOf(grants);
    }

    /** The platform itself (start-up tasks, demo data, scheduled jobs): everything, audited as "system". */
    public static Caller system() {
        return new Caller(0, "system", null, List.of(new Grant(Role.PLATFORM_ADMIN, null, null)));
    }

    public boolean isPlatformAdmin() {
        return grants.stream().anyMatch(g -> g.role() == Role.PLATFORM_ADMIN);
    }

    public boolean has(Role role) {
        return grants.stream().anyMatch(g -> g.role() == role);
    }

    /** May read organizations and members at {@code orgPath}. */
    public boolean mayRead(String orgPath) {
        return covered(orgPath, READERS);
    }

    /** May add and change members at {@code orgPath}. */
    public boolean mayEdit(String orgPath) {
        return covered(orgPath, EDITORS);
    }

    /** May change the structure, grant roles, and unmask personal data at {@code orgPath}. */
    public boolean mayManage(String orgPath) {
        return covered(orgPath, MANAGERS);
    }

    /**
     * The subtree paths this caller reads, for SQL filters ({@code org_path LIKE ? || '%'}); {@code
     * ["/"]} for a platform administrator, empty for a volunteer. Nested grants are collapsed.
     */
    public List<String> readablePaths() {
        if (isPlatformAdmin()) {
            return List.of("/");
        }
        List<String> paths = new ArrayList<>();
        grants.stream()
                .filter(g -> READERS.contains(g.role()) && g.orgPath() != null)
                .map(Grant::orgPath)
                .sorted()
                .forEach(path -> {
                    if (paths.stream().noneMatch(path::startsWith)) {
                        paths.add(path);
                    }
                });
        return List.copyOf(paths);
    }

    private boolean covered(String orgPath, Set<Role> roles) {
        return grants.stream().anyMatch(g -> roles.contains(g.role()) && g.covers(orgPath));
    }
}
