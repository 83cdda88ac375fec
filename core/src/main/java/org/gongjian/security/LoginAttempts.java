package org.gongjian.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import org.gongjian.audit.AuditEvent;
import org.gongjian.audit.AuditLog;

/**
 * Records the outcome of a password check: the counters on {@code app_user} and the audit row,
 * in one transaction. Passwords are checked before, outside any transaction (Argon2 takes tens
 * of milliseconds and should not hold a connection).
 */
@Singleton
class LoginAttempts {

    private final UserRepository users;
    private final AuditLog audit;

    LoginAttempts(UserRepository users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    /** A username no account has. */
    @Transactional
    void unknownUser(String attempted, String what, @Nullable String clientIp) {
        audit.append(new AuditEvent(
                null,
                SecurityAudit.attemptedUsername(attempted),
                SecurityAudit.LOGIN_FAILED,
                null,
                null,
                null,
                null,
                what + ": unknown user",
                clientIp));
    }

    /**
     * A wrong password for {@code user}: counted unless the account is locked.
     *
     * @return when the account is locked now (by this failure or another one), until when
     */
    @Transactional
    Optional<Instant> wrongPassword(User user, Instant now, String what, @Nullable String clientIp) {
        long counted =
                users.countFailure(user.id(), Accounts.MAX_FAILED_ATTEMPTS, now, now.plus(Accounts.LOCK_DURATION));
        // Our own update holds the row lock until commit: this read sees exactly what it left.
        Optional<User> after = users.findById(user.id());
        boolean locked = after.map(u -> u.lockedAt(now)).orElse(false);
        append(
                user,
                SecurityAudit.LOGIN_FAILED,
                what + (counted == 1 ? ": wrong password" : ": account locked"),
                clientIp);
        if (counted == 1 && locked) {
            append(
                    user,
                    SecurityAudit.ACCOUNT_LOCKED,
                    Accounts.MAX_FAILED_ATTEMPTS + " wrong passwords in a row; locked until "
                            + after.get().lockedUntil(),
                    clientIp);
        }
        return locked ? Optional.of(after.get().lockedUntil()) : Optional.empty();
    }

    /** A password refused without being checked or counted: a locked or disabled account. */
    @Transactional
    void refused(User user, String what, String reason, @Nullable String clientIp) {
        append(user, SecurityAudit.LOGIN_FAILED, what + ": " + reason, clientIp);
    }

    /**
     * The right password: the counters start again, unless the account was locked meanwhile.
     *
     * @return empty if recorded; otherwise until when the account is locked
     */
    @Transactional
    Optional<Instant> succeeded(User user, Instant now, @Nullable String detail, @Nullable String clientIp) {
        if (users.recordSuccess(user.id(), now) == 0) {
            Instant until = users.findById(user.id()).map(User::lockedUntil).orElse(now);
            append(user, SecurityAudit.LOGIN_FAILED, "sign-in: account locked", clientIp);
            return Optional.of(until);
        }
        append(user, SecurityAudit.LOGIN_SUCCEEDED, detail, clientIp);
        return Optional.empty();
    }

    /** Stores a new password hash unless the account was locked or disabled meanwhile. */
    @Transactional
    PasswordChangeResult passwordChanged(User user, String hash, Instant now, @Nullable String clientIp) {
        if (users.replacePassword(user.id(), hash, now) == 0) {
            Optional<User> current = users.findById(user.id());
            if (current.isEmpty()) {
                return PasswordChangeResult.BAD_CREDENTIALS;
            }
            return current.get().enabled()
                    ? PasswordChangeResult.ACCOUNT_LOCKED
                    : PasswordChangeResult.ACCOUNT_DISABLED;
        }
        append(user, SecurityAudit.PASSWORD_CHANGED, null, clientIp);
        return PasswordChangeResult.OK;
    }

    private void append(User user, String action, @Nullable String detail, @Nullable String clientIp) {
        audit.append(new AuditEvent(
                user.id(), user.username(), action, SecurityAudit.USER, user.id(), null, null, detail, clientIp));
    }
}
