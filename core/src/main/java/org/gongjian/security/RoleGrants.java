package org.gongjian.security;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ids.IdGenerator;
import org.gongjian.security.UserPlaces.Place;

/** Granting and revoking roles, checked against what the caller manages and audited. */
@Singleton
@AuditsDenials
class RoleGrants {

    private final UserStore store;
    private final UserPlaces places;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;

    RoleGrants(UserStore store, UserPlaces places, AuditLog audit, IdGenerator ids, Clock clock) {
        this.store = store;
        this.places = places;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    UserRole grant(Caller caller, long userId, Role role, @Nullable Long organizationId) {
        Place org = scope(caller, role, organizationId, false);
        return insert(caller, userId, grantee(UserScope.of(caller), userId), role, org);
    }

    /** Stores the grant unless the user holds it already, and audits a new one; {@code org} was checked by {@link #scope}. */
    UserRole insert(Caller caller, long userId, String username, Role role, @Nullable Place org) {
        Long organizationId = org == null ? null : org.id();
        if (store.grantId(userId, role, organizationId).isEmpty()
                && store.insertGrant(ids.next(), userId, role, organizationId, clock.instant())) {
            audit.append(
                    caller,
                    SecurityAudit.ROLE_GRANTED,
                    SecurityAudit.USER,
                    userId,
                    organizationId,
                    org == null ? null : org.path(),
                    role + describe(org) + " granted to " + username);
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
    private String grantee(UserScope scope, long userId) {
        if (scope.all()) {
            return store.username(userId).orElseThrow(() -> new NotFoundException("User", userId));
        }
        return store.visibleUser(scope, userId).username();
    }

    void revoke(Caller caller, long userId, Role role, @Nullable Long organizationId) {
        Place org = scope(caller, role, organizationId, true);
        String username = store.username(userId).orElseThrow(() -> new NotFoundException("User", userId));
        long grantId = store.grantId(userId, role, organizationId)
                .orElseThrow(() -> new NotFoundException("Role grant of user", userId));
        if (role == Role.PLATFORM_ADMIN) {
            store.requireAnotherPlatformAdmin(userId);
        }
        store.deleteGrant(grantId);
        audit.append(
                caller,
                SecurityAudit.ROLE_REVOKED,
                SecurityAudit.USER,
                userId,
                organizationId,
                org == null ? null : org.path(),
                role + describe(org) + " revoked from " + username);
    }

    /** Checks the caller may grant or revoke {@code role} there; the organization, if any. */
    @Nullable
    Place scope(Caller caller, Role role, @Nullable Long organizationId, boolean archivedToo) {
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
        Place org = places.organization(organizationId, archivedToo)
                .filter(o -> caller.mayRead(o.path()))
                .orElseThrow(() -> new NotFoundException("Organization", organizationId));
        if (!caller.mayManage(org.path())) {
            throw new ForbiddenException("Your roles do not allow managing roles in this organization");
        }
        return org;
    }

    private static String describe(@Nullable Place org) {
        return org == null ? "" : " on " + org.name();
    }
}
