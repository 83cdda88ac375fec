package org.gongjian.security;

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
 * #MAX_FAILED_ATTEMPTS} wrong passwords in a row lock an account for {@link #LOCK_DURATION}; while
 * locked, even the right password is refused. Every outcome is audited.
 */
@Singleton
public class Accounts {

    /** How long an API token is valid: one working day. */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    /** Wrong passwords in a row that lock an account. */
    public static final int MAX_FAILED_ATTEMPTS = 5;

    /** How long a locked account refuses every password. */
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
    private final UserAdmin admin;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;

    Accounts(
            UserRepository users,
            RoleGrantRepository grants,
            ApiTokenRepository tokens,
            PasswordHasher hasher,
            LoginAttempts attempts,
            UserAdmin admin,
            AuditLog audit,
            IdGenerator ids,
            Clock clock) {
        this.users = users;
        this.grants = grants;
        this.tokens = tokens;
        this.hasher = hasher;
        this.attempts = attempts;
        this.admin = admin;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /** {@link #signIn(String, String, String)} without a known client address. */
    public SignInResult signIn(String username, String password) {
        return signIn(username, password, null);
    }

    /**
     * Checks a username and password. A user who must change the password is told so.
     *
     * @param clientIp the address the attempt came from, for the audit log
     */
    public SignInResult signIn(String username, String password, @Nullable String clientIp) {
        Optional<User> found = find(username);
        if (found.isEmpty()) {
            hasher.burnCheck(password);
            attempts.unknownUser(username, SIGN_IN, clientIp);
            LOG.info("sign-in failed: unknown user");
            return SignInResult.failed(SignInResult.Status.BAD_CREDENTIALS);
        }
        User user = found.get();
        Instant now = clock.instant();
        if (user.lockedAt(now)) {
            attempts.refused(user, SIGN_IN, "account locked", clientIp);
            return SignInResult.locked(user.lockedUntil());
        }
        if (!hasher.matches(password, user.passwordHash())) {
            LOG.info("sign-in failed for user {}: bad password", user.id());
            return attempts.wrongPassword(user, now, SIGN_IN, clientIp)
                    .map(SignInResult::locked)
                    .orElseGet(() -> SignInResult.failed(SignInResult.Status.BAD_CREDENTIALS));
        }
        if (!user.enabled()) {
            attempts.refused(user, SIGN_IN, "account disabled", clientIp);
            return SignInResult.failed(SignInResult.Status.ACCOUNT_DISABLED);
        }
        Optional<Instant> lockedMeanwhile = attempts.succeeded(
                user, now, user.passwordChangeNeeded() ? "password change required" : null, clientIp);
        if (lockedMeanwhile.isPresent()) {
            return SignInResult.locked(lockedMeanwhile.get());
        }
        SignedInUser signedIn = toSignedIn(user);
        if (user.passwordChangeNeeded()) {
            return SignInResult.of(SignInResult.Status.PASSWORD_CHANGE_REQUIRED, signedIn);
        }
        LOG.info("user {} signed in", user.id());
        return SignInResult.of(SignInResult.Status.OK, signedIn);
    }

    /** {@link #changePassword(String, String, String, String)} without a known client address. */
    public PasswordChangeResult changePassword(String username, String oldPassword, String newPassword) {
        return changePassword(username, oldPassword, newPassword, null);
    }

    /**
     * Replaces a password after checking the old one; any other result changes nothing. A wrong
     * old password counts towards the lock exactly like a wrong sign-in.
     */
    public PasswordChangeResult changePassword(
            String username, String oldPassword, String newPassword, @Nullable String clientIp) {
        Optional<User> found = find(username);
        if (found.isEmpty()) {
            hasher.burnCheck(oldPassword);
            attempts.unknownUser(username, PASSWORD_CHANGE, clientIp);
            return PasswordChangeResult.BAD_CREDENTIALS;
        }
        User user = found.get();
        Instant now = clock.instant();
        if (user.lockedAt(now)) {
            attempts.refused(user, PASSWORD_CHANGE, "account locked", clientIp);
            return PasswordChangeResult.ACCOUNT_LOCKED;
        }
        if (!hasher.matches(oldPassword, user.passwordHash())) {
            return attempts.wrongPassword(user, now, PASSWORD_CHANGE, clientIp).isPresent()
                    ? PasswordChangeResult.ACCOUNT_LOCKED
                    : PasswordChangeResult.BAD_CREDENTIALS;
        }
        if (!user.enabled()) {
            attempts.refused(user, PASSWORD_CHANGE, "account disabled", clientIp);
            return PasswordChangeResult.ACCOUNT_DISABLED;
        }
        PasswordChangeResult policy = PasswordPolicy.check(user.username(), oldPassword, newPassword);
        if (policy != PasswordChangeResult.OK) {
            return policy;
        }
        PasswordChangeResult result = attempts.passwordChanged(user, hasher.hash(newPassword), now, clientIp);
        if (result == PasswordChangeResult.OK) {
            LOG.info("user {} changed the password", user.id());
        }
        return result;
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
