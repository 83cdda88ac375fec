package org.gongjian.security;

import java.util.ArrayList;
import java.util.List;
import org.gongjian.access.Caller;
import org.gongjian.access.Grant;
import org.gongjian.access.Role;

/**
 * The subtrees a caller manages users in: everything for a platform administrator, the subtrees of
 * their {@link Role#ORG_ADMIN} grants otherwise (nested ones collapsed), nothing for anyone else.
 */
record UserScope(boolean all, List<String> paths) {

    static UserScope of(Caller caller) {
        if (caller.isPlatformAdmin()) {
            return new UserScope(true, List.of());
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
        return new UserScope(false, List.copyOf(paths));
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
