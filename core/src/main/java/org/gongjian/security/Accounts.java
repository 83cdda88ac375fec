package org.gongjian.security;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditEvent;
import org.gongjian.audit.AuditLog;
import org.gongjian.ids.IdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs users in, changes passwords, and issues and checks API tokens. {@value
 * #MAX_FAILED_ATTEMPTS} wrong passwords in a row from one client address lock the account for that
 * address for {@link #LOCK_DURATION}; while locked, even the right password is refused from there,
 * while the owner still signs in from another address. Failures from one address across usernames
 * are limited by {@link SignInThrottle}. Every outcome is audited.
 */
@Singleton
public class Accounts {

    /** How long an API token is valid: one working day. */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    /** Wrong passwords in a row that lock an account. */
    public static final int MAX_FAILED_ATTEMPTS = 5;

    /** How long a locked account refuses every password from the address that locked it. */
    public static final Duration LOCK_DURATION = Duration.ofMinutes(15);

    private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SIGN_IN = "sign-in";
    private static final String PASSWORD_CHANGE = "password change";

    private final UserRepository users;
    private final RoleGrantRepository grants;
    private final ApiTokenRepository tokens;
    private final PasswordHasher hasher;
    private final LoginAttempts attempts;
    private final SignInThrottle throttle;
    private final UserAdmin admin;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final ApplicationEventPublisher<PasswordChanged> passwordChanges;

    Accounts(
            UserRepository users,
            RoleGrantRepository grants,
            ApiTokenRepository tokens,
            PasswordHasher hasher,
            LoginAttempts attempts,
            SignInThrottle throttle,
            UserAdmin admin,
            AuditLog audit,
            IdGenerator ids,
            Clock clock,
            ApplicationEventPublisher<PasswordChanged> passwordChanges) {
        this.users = users;
        this.grants = grants;
        this.tokens = tokens;
        this.hasher = hasher;
        this.attempts = attempts;
        this.throttle = throttle;
        this.admin = admin;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.passwordChanges = passwordChanges;
    }

    /** {@link #signIn(String, String, String)} without a known client address. */
    public SignInResult signIn(String username, String password) {
        return signIn(username, password, null);
    }

    /**
     * Checks a username and password. A user who must change the password is told so. Too many
     * failures from the client's address answer {@link SignInResult.Status#THROTTLED} without a
     * check; an account locked for that address answers exactly like a wrong password, and as slowly.
     *
     * @param clientIp the address the attempt came from: the throttle and the lock count per
     *     address, and the audit log records it
     */
    public SignInResult signIn(String username, String password, @Nullable String clientIp) {
        Instant now = clock.instant();
        Optional<Duration> wait = throttle.retryAfter(LoginAttempts.address(clientIp), now);
        if (wait.isPresent()) {
            return SignInResult.throttled(wait.get());
        }
        Optional<User> user = checkPassword(username, password, clientIp, now, SIGN_IN);
        if (user.isEmpty()) {
            return SignInResult.failed(SignInResult.Status.BAD_CREDENTIALS);
        }
        User found = user.get();
        if (!found.enabled()) {
            attempts.refused(found, SIGN_IN, "account disabled", clientIp);
            return SignInResult.failed(SignInResult.Status.ACCOUNT_DISABLED);
        }
        if (!attempts.succeeded(
                found, now, found.passwordChangeNeeded() ? "password change required" : null, clientIp)) {
            return SignInResult.failed(SignInResult.Status.BAD_CREDENTIALS);
        }
        SignedInUser signedIn = toSignedIn(found);
        if (found.passwordChangeNeeded()) {
            return SignInResult.of(SignInResult.Status.PASSWORD_CHANGE_REQUIRED, signedIn);
        }
        LOG.info("user {} signed in", found.id());
        return SignInResult.of(SignInResult.Status.OK, signedIn);
    }

    /** How long {@code clientIp} must wait before its next password check, if it must. */
    public Optional<Duration> throttledFor(@Nullable String clientIp) {
        return throttle.retryAfter(LoginAttempts.address(clientIp), clock.instant());
    }

    /** {@link #changePassword(String, String, String, String)} without a known client address. */
    public PasswordChangeResult changePassword(String username, String oldPassword, String newPassword) {
        return changePassword(username, oldPassword, newPassword, null);
    }

    /**
     * Replaces a password after checking the old one; any other result changes nothing. A wrong
     * old password counts towards the throttle and the lock exactly like a wrong sign-in. The new
     * password ends every API token and every other UI session of the user.
     */
    public PasswordChangeResult changePassword(
            String username, String oldPassword, String newPassword, @Nullable String clientIp) {
        Instant now = clock.instant();
        if (throttle.retryAfter(LoginAttempts.address(clientIp), now).isPresent()) {
            return PasswordChangeResult.THROTTLED;
        }
        Optional<User> checked = checkPassword(username, oldPassword, clientIp, now, PASSWORD_CHANGE);
        if (checked.isEmpty()) {
            Optional<User> found = find(username);
            return found.isPresent()
                            && attempts.lockedUntil(found.get(), clientIp, now).isPresent()
                    ? PasswordChangeResult.ACCOUNT_LOCKED
                    : PasswordChangeResult.BAD_CREDENTIALS;
        }
        User user = checked.get();
        if (!user.enabled()) {
            attempts.refused(user, PASSWORD_CHANGE, "account disabled", clientIp);
            return PasswordChangeResult.ACCOUNT_DISABLED;
        }
        PasswordChangeResult policy = PasswordPolicy.check(user.username(), oldPassword, newPassword);
        if (policy != PasswordChangeResult.OK) {
            return policy;
        }
        // Stored with microseconds: truncated here, so that a session stamped after the change is never
        // older than the stored change.
        Instant changedAt = now.truncatedTo(ChronoUnit.MICROS);
        PasswordChangeResult result = attempts.passwordChanged(user, hasher.hash(newPassword), changedAt, clientIp);
        if (result == PasswordChangeResult.OK) {
            LOG.info("user {} changed the password", user.id());
            passwordChanges.publishEvent(new PasswordChanged(user.id(), user.username(), changedAt));
        }
        return result;
    }

    /**
     * The user whose password {@code password} is, or empty: an unknown username, a wrong password
     * or an account locked for this address, each after one Argon2 check (a locked account's
     * password is checked against a decoy) and each counted against the address.
     */
    private Optional<User> checkPassword(
            String username, String password, @Nullable String clientIp, Instant now, String what) {
        String address = LoginAttempts.address(clientIp);
        Optional<User> found = find(username);
        if (found.isEmpty()) {
            hasher.burnCheck(password);
            throttle.failed(address, now);
            attempts.unknownUser(username, what, clientIp);
            LOG.info("{} failed: unknown user", what);
            return Optional.empty();
        }
        User user = found.get();
        if (attempts.lockedUntil(user, clientIp, now).isPresent()) {
            hasher.burnCheck(password);
            throttle.failed(address, now);
            attempts.refused(user, what, "account locked for this address", clientIp);
            return Optional.empty();
        }
        if (!hasher.matches(password, user.passwordHash())) {
            LOG.info("{} failed for user {}: bad password", what, user.id());
            throttle.failed(address, now);
            attempts.wrongPassword(user, now, what, clientIp);
            return Optional.empty();
        }
        return found;
    }

    /** Issues an API token for a user who has signed in without restrictions. */
    @Transactional
    public IssuedToken issueToken(SignedInUser user) {
        if (user.passwordChangeNeeded()) {
            throw new IllegalStateException("A user who must change the password gets no token");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String value = "gj_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        tokens.save(new ApiToken(ids.next(), user.id(), sha256(value), now, now.plus(TOKEN_LIFETIME)));
        return new IssuedToken(value, TOKEN_LIFETIME);
    }

    /**
     * The user a token belongs to, if the token is known, unexpired and the user still enabled.
     * Read from the database on every call: a disabled user's tokens stop at once.
     */
    public Optional<SignedInUser> userForToken(String token) {
        if (token == null || !token.startsWith("gj_") || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tokens.findByTokenHash(sha256(token))
                .filter(t -> t.expiresAt().isAfter(now))
                .flatMap(t -> users.findById(t.userId()))
                .filter(u -> u.enabled() && !u.passwordChangeNeeded())
                .map(this::toSignedIn);
    }

    /** Whether a UI session may go on: see {@link #sessionStatus}. */
    public enum SessionStatus {
        VALID,
        /** The user is disabled or gone. */
        DISABLED,
        /** The password was changed after the session proved it. */
        PASSWORD_CHANGED
    }

    /**
     * Whether a UI session of the user that last proved the password at {@code credentialsAt} (its
     * sign-in or its own password change) may go on. One read by primary key, nothing cached: the
     * UI asks on every navigation.
     */
    public SessionStatus sessionStatus(long userId, Instant credentialsAt) {
        Optional<User> user = users.findById(userId);
        if (user.isEmpty() || !user.get().enabled()) {
            return SessionStatus.DISABLED;
        }
        Instant changed = user.get().passwordChangedAt();
        return changed != null && changed.isAfter(credentialsAt) ? SessionStatus.PASSWORD_CHANGED : SessionStatus.VALID;
    }

    /**
     * Whether the user still exists and is enabled: one read by primary key, nothing cached. The
     * UI asks on every navigation.
     */
    public boolean isEnabled(long userId) {
        return users.findEnabledById(userId).orElse(false);
    }

    /**
     * Creates a user with platform-wide roles, bypassing the username and password rules; used by
     * the first start, tests and demo data. Audited as done by the system.
     */
    @Transactional
    public SignedInUser createUser(String username, String password, boolean passwordChangeNeeded, Set<Role> roles) {
        Instant now = clock.instant();
        User user =
                users.save(User.created(ids.next(), username, hasher.hash(password), passwordChangeNeeded, null, now));
        for (Role role : roles) {
            grants.save(new RoleGrant(ids.next(), user.id(), role, null, now));
        }
        Caller system = Caller.system();
        audit.append(new AuditEvent(
                null,
                system.username(),
                SecurityAudit.USER_CREATED,
                SecurityAudit.USER,
                user.id(),
                null,
                null,
                "user " + username + " with roles " + roles.stream().sorted().toList(),
                null));
        return toSignedIn(user);
    }

    /**
     * Turns a user off, as the system; their sessions and tokens stop working with the next
     * request. See {@link UserAdmin#disable} for the same done by a user.
     */
    public void disable(String username) {
        find(username).ifPresent(u -> admin.disable(Caller.system(), u.id()));
    }

    public boolean anyUserExists() {
        return users.count() > 0;
    }

    private Optional<User> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        String name = username.strip();
        return name.isEmpty() || name.length() > UserAdmin.USERNAME_MAX_LENGTH
                ? Optional.empty()
                : users.findByUsername(name);
    }

    private SignedInUser toSignedIn(User user) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        grants.findByUserId(user.id()).forEach(g -> roles.add(g.role()));
        return new SignedInUser(user.id(), user.username(), roles, user.passwordChangeNeeded());
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
