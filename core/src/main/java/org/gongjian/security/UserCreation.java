package org.gongjian.security;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ids.IdGenerator;
import org.gongjian.security.UserPlaces.Place;

/** Creating users: who may, the username and first password, the member they sign in as, a first role. */
@Singleton
@AuditsDenials
class UserCreation {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final UserPlaces places;
    private final RoleGrants grants;
    private final UserDirectory directory;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;

    UserCreation(
            UserRepository users,
            PasswordHasher hasher,
            UserPlaces places,
            RoleGrants grants,
            UserDirectory directory,
            AuditLog audit,
            IdGenerator ids,
            Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.places = places;
        this.grants = grants;
        this.directory = directory;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /** Creates a user, and grants {@code role} (unless null) in the same transaction; see {@link UserAdmin}. */
    NewUser create(
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
            return create(caller, username, initialPassword, memberId, true, false);
        }
        Place org = grants.scope(caller, role, organizationId, false);
        NewUser created = create(caller, username, initialPassword, memberId, true, true);
        UserRole granted =
                grants.insert(caller, created.user().id(), created.user().username(), role, org);
        return new NewUser(created.user().withRoles(List.of(granted)), created.generatedPassword());
    }

    /**
     * Creates the user; see {@link UserAdmin}. {@code withRole}: a first role is granted in the same
     * transaction (without one, an organization administrator must name a member).
     */
    NewUser create(
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
        String name = UserAdmin.normalizeUsername(username);
        Place memberOrg = null;
        if (memberId != null) {
            memberOrg = places.memberOrganization(memberId)
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
                        policy.name(),
                        "initialPassword",
                        UserAdmin.passwordMessage(policy),
                        UserAdmin.passwordArguments(policy));
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
                memberId == null ? null : places.memberNames(List.of(memberId)).get(memberId);
        return new NewUser(directory.summary(user, List.of(), memberName), generated);
    }

    private static InvalidInputException usernameTaken(String name) {
        return new InvalidInputException(UserErrors.USERNAME_TAKEN, "username", "The username " + name + " is taken");
    }

    private static InvalidInputException memberHasAccount(Long memberId) {
        return new InvalidInputException(
                UserErrors.MEMBER_HAS_ACCOUNT, "memberId", "Member " + memberId + " already has an account");
    }
}
