package org.gongjian.security;

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
import org.gongjian.access.Role;
import org.gongjian.ids.IdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signs users in, changes passwords, and issues and checks API tokens. */
@Singleton
public class Accounts {

    /** How long an API token is valid: one working day. */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserRepository users;
    private final RoleGrantRepository grants;
    private final ApiTokenRepository tokens;
    private final PasswordHasher hasher;
    private final IdGenerator ids;
    private final Clock clock;

    Accounts(
            UserRepository users,
            RoleGrantRepository grants,
            ApiTokenRepository tokens,
            PasswordHasher hasher,
            IdGenerator ids,
            Clock clock) {
        this.users = users;
        this.grants = grants;
        this.tokens = tokens;
        this.hasher = hasher;
        this.ids = ids;
        this.clock = clock;
    }

    /** Checks a username and password. A user who must change the password is told so. */
    public SignInResult signIn(String username, String password) {
        Optional<User> found = username == null ? Optional.empty() : users.findByUsername(username.strip());
        if (found.isEmpty()) {
            hasher.burnCheck(password);
            LOG.info("sign-in failed: unknown user");
            return SignInResult.failed(SignInResult.Status.BAD_CREDENTIALS);
        }
        User user = found.get();
        if (!hasher.matches(password, user.passwordHash())) {
            LOG.info("sign-in failed for user {}: bad password", user.id());
            return SignInResult.failed(SignInResult.Status.BAD_CREDENTIALS);
        }
        if (!user.enabled()) {
            return SignInResult.failed(SignInResult.Status.ACCOUNT_DISABLED);
        }
        SignedInUser signedIn = toSignedIn(user);
        if (user.passwordChangeNeeded()) {
            return SignInResult.of(SignInResult.Status.PASSWORD_CHANGE_REQUIRED, signedIn);
        }
        LOG.info("user {} signed in", user.id());
        return SignInResult.of(SignInResult.Status.OK, signedIn);
    }

    /** Replaces a password after checking the old one; any other result changes nothing. */
    @Transactional
    public PasswordChangeResult changePassword(String username, String oldPassword, String newPassword) {
        Optional<User> found = username == null ? Optional.empty() : users.findByUsername(username.strip());
        if (found.isEmpty()) {
            hasher.burnCheck(oldPassword);
            return PasswordChangeResult.BAD_CREDENTIALS;
        }
        User user = found.get();
        if (!hasher.matches(oldPassword, user.passwordHash())) {
            return PasswordChangeResult.BAD_CREDENTIALS;
        }
        if (!user.enabled()) {
            return PasswordChangeResult.ACCOUNT_DISABLED;
        }
        PasswordChangeResult policy = PasswordPolicy.check(user.username(), oldPassword, newPassword);
        if (policy != PasswordChangeResult.OK) {
            return policy;
        }
        users.update(user.withPassword(hasher.hash(newPassword), clock.instant()));
        LOG.info("user {} changed the password", user.id());
        return PasswordChangeResult.OK;
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

    /** The user a token belongs to, if the token is known, unexpired and the user still enabled. */
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

    /** Creates a user; used by the first start and by tests and demo data. */
    @Transactional
    public SignedInUser createUser(String username, String password, boolean passwordChangeNeeded, Set<Role> roles) {
        User user = users.save(new User(
                ids.next(), username, hasher.hash(password), passwordChangeNeeded, true, clock.instant(), null));
        for (Role role : roles) {
            grants.save(new RoleGrant(ids.next(), user.id(), role, null, clock.instant()));
        }
        return toSignedIn(user);
    }

    /** Turns a user off; their tokens stop working with the next request. */
    @Transactional
    public void disable(String username) {
        users.findByUsername(username)
                .ifPresent(u -> users.update(new User(
                        u.id(),
                        u.username(),
                        u.passwordHash(),
                        u.passwordChangeNeeded(),
                        false,
                        u.createdAt(),
                        u.passwordChangedAt())));
    }

    public boolean anyUserExists() {
        return users.count() > 0;
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
