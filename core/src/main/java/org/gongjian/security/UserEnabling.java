package org.gongjian.security;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.security.UserPlaces.Place;
import org.gongjian.security.UserStore.Held;

/** Turning users off and on again: who may, the last platform administrator, the tokens of a disabled user. */
@Singleton
@AuditsDenials
class UserEnabling {

    private final UserStore store;
    private final UserRepository users;
    private final UserPlaces places;
    private final AuditLog audit;

    UserEnabling(UserStore store, UserRepository users, UserPlaces places, AuditLog audit) {
        this.store = store;
        this.users = users;
        this.places = places;
        this.audit = audit;
    }

    void setEnabled(Caller caller, long userId, boolean enabled) {
        UserScope scope = UserScope.of(caller);
        User user = store.visibleUser(scope, userId);
        List<Held> held = store.heldRoles(userId);
        if (!scope.all()) {
            boolean outside = held.stream()
                    .anyMatch(h -> h.role() == Role.PLATFORM_ADMIN || (h.path() != null && !scope.covers(h.path())));
            if (outside) {
                throw new ForbiddenException("This user also holds roles outside your organizations");
            }
        }
        if (!enabled && held.stream().anyMatch(h -> h.role() == Role.PLATFORM_ADMIN) && user.enabled()) {
            store.requireAnotherPlatformAdmin(userId);
        }
        if (users.updateEnabled(userId, enabled) == 0) {
            return; // already so
        }
        if (!enabled) {
            store.deleteTokens(userId);
        }
        Place home = homeOrganization(user, held, scope);
        audit.append(
                caller,
                enabled ? SecurityAudit.USER_ENABLED : SecurityAudit.USER_DISABLED,
                SecurityAudit.USER,
                userId,
                home == null ? null : home.id(),
                home == null ? null : home.path(),
                "user " + user.username());
    }

    /** Where an entry about the user belongs in the audit log: their member's organization or a role's. */
    private @Nullable Place homeOrganization(User user, List<Held> held, UserScope scope) {
        if (user.memberId() != null) {
            Optional<Place> member = places.memberOrganization(user.memberId());
            if (member.isPresent()) {
                return member.get();
            }
        }
        return held.stream()
                .filter(h -> h.path() != null && (scope.all() || scope.covers(h.path())))
                .findFirst()
                .map(h -> new Place(h.organizationId(), h.path(), null))
                .orElse(null);
    }
}
