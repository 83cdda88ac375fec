package org.gongjian.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.gongjian.access.Caller;
import org.gongjian.access.NotFoundException;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.errors.InvalidInputException;

/**
 * Users and their roles, as administrators manage them. Every method takes the {@link Caller} and
 * is scoped to what the caller manages ({@link UserScope}): a platform administrator manages every
 * user; an organization administrator (secretary) sees the users who hold a role inside their
 * subtree or sign in as a member of it, grants and revokes roles on organizations of their subtree,
 * and disables users who work only there. A user outside that scope answers {@link
 * NotFoundException}, exactly like one that does not exist. Every change is audited in the same
 * transaction. The service that the API, the UI and the demo call; the work is done by {@link
 * UserCreation}, {@link RoleGrants}, {@link UserDirectory} (lists, pages, one user) and {@link
 * UserEnabling}, the SQL by {@link UserStore} and {@link UserRepository}.
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

    private final UserCreation creation;
    private final RoleGrants grants;
    private final UserDirectory directory;
    private final UserEnabling enabling;

    UserAdmin(UserCreation creation, RoleGrants grants, UserDirectory directory, UserEnabling enabling) {
        this.creation = creation;
        this.grants = grants;
        this.directory = directory;
        this.enabling = enabling;
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
        return creation.create(caller, username, initialPassword, memberId, true, false);
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
        return creation.create(caller, username, initialPassword, memberId, passwordChangeNeeded, false);
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
        return creation.create(caller, username, initialPassword, memberId, role, organizationId);
    }

    /**
     * Grants {@code role} on an organization (covering its subtree); granting a role the user
     * already holds there changes nothing. Only a platform administrator grants {@link
     * Role#PLATFORM_ADMIN}, which has no organization.
     */
    @Transactional
    public UserRole grant(Caller caller, long userId, Role role, @Nullable Long organizationId) {
        return grants.grant(caller, userId, role, organizationId);
    }

    /**
     * Takes a role back. The last enabled platform administrator keeps the role ({@code
     * LAST_PLATFORM_ADMIN}), so that someone can always run the platform.
     */
    @Transactional
    public void revoke(Caller caller, long userId, Role role, @Nullable Long organizationId) {
        grants.revoke(caller, userId, role, organizationId);
    }

    /**
     * The users the caller manages, by username.
     *
     * @param search part of the username or of the linked member's name, or null for all
     * @param limit at most {@link #PAGE_LIMIT}
     */
    @Transactional(readOnly = true)
    public List<UserSummary> list(Caller caller, @Nullable String search, int offset, int limit) {
        return directory.list(caller, search, offset, limit);
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
        return directory.search(caller, q, organizationId, page, size);
    }

    /** One user the caller manages. */
    @Transactional(readOnly = true)
    public UserSummary find(Caller caller, long userId) {
        return directory.find(caller, userId);
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
        enabling.setEnabled(caller, userId, false);
    }

    /** Turns a disabled user on again; the same rights as {@link #disable}. */
    @Transactional
    public void enable(Caller caller, long userId) {
        enabling.setEnabled(caller, userId, true);
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
}
