package org.gongjian.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.gongjian.audit.AuditEvent;
import org.gongjian.audit.AuditLog;

/**
 * Records the outcome of a password check: the lock counters of the account and the client address
 * ({@code sign_in_lock}) and the audit row, in one transaction. Passwords are checked before,
 * outside any transaction (Argon2 takes tens of milliseconds and should not hold a connection).
 * The counters change only through guarded single-statement updates, so that concurrent attempts on
 * several app nodes count every failure once and lock exactly once.
 */
@Singleton
class LoginAttempts {

    /** The address of attempts whose client address is not known (calls from inside the process). */
    static final String UNKNOWN_ADDRESS = "-";

    private static final int ADDRESS_MAX_LENGTH = 64;

    private final UserRepository users;
    private final ApiTokenRepository tokens;
    private final AuditLog audit;
    private final DataSource dataSource;

    LoginAttempts(UserRepository users, ApiTokenRepository tokens, AuditLog audit, DataSource dataSource) {
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
        this.dataSource = dataSource;
    }

    /** The key an address is counted under. */
    static String address(@Nullable String clientIp) {
        if (clientIp == null || clientIp.isBlank()) {
            return UNKNOWN_ADDRESS;
        }
        return clientIp.length() > ADDRESS_MAX_LENGTH ? clientIp.substring(0, ADDRESS_MAX_LENGTH) : clientIp;
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

    /** Until when {@code user} is locked for attempts from {@code clientIp}, if it is at {@code now}. */
    @Transactional
    Optional<Instant> lockedUntil(User user, @Nullable String clientIp, Instant now) {
        return lockEnd(user.id(), address(clientIp)).filter(until -> until.isAfter(now));
    }

    /**
     * A wrong password for {@code user} from {@code clientIp}: counted unless that pair is locked;
     * the {@value Accounts#MAX_FAILED_ATTEMPTS}th in a row locks the pair for {@link
     * Accounts#LOCK_DURATION}.
     */
    @Transactional
    void wrongPassword(User user, Instant now, String what, @Nullable String clientIp) {
        String address = address(clientIp);
        Instant lockEnd = now.plus(Accounts.LOCK_DURATION);
        int limit = Accounts.MAX_FAILED_ATTEMPTS;
        long counted;
        try {
            Connection c = dataSource.getConnection();
            lockUser(c, user.id());
            try (PreparedStatement s = c.prepareStatement("INSERT IGNORE INTO sign_in_lock"
                    + " (user_id, client_address, failed_attempts, locked_until) VALUES (?, ?, 0, NULL)")) {
                s.setLong(1, user.id());
                s.setString(2, address);
                s.executeUpdate();
            }
            // A count at or over the limit belongs to an expired lock and starts again at 1. Both
            // assignments read only the old failed_attempts (MySQL assigns left to right).
            try (PreparedStatement s = c.prepareStatement("UPDATE sign_in_lock SET"
                    + " locked_until = IF(IF(failed_attempts >= ?, 0, failed_attempts) + 1 >= ?, ?, NULL),"
                    + " failed_attempts = IF(failed_attempts >= ?, 0, failed_attempts) + 1"
                    + " WHERE user_id = ? AND client_address = ? AND (locked_until IS NULL OR locked_until <= ?)")) {
                s.setInt(1, limit);
                s.setInt(2, limit);
                s.setTimestamp(3, Timestamp.from(lockEnd));
                s.setInt(4, limit);
                s.setLong(5, user.id());
                s.setString(6, address);
                s.setTimestamp(7, Timestamp.from(now));
                counted = s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count a failed sign-in of user " + user.id(), e);
        }
        // Our own update holds the row lock until commit: this read sees exactly what it left.
        Optional<Instant> until = lockEnd(user.id(), address).filter(u -> u.isAfter(now));
        append(
                user,
                SecurityAudit.LOGIN_FAILED,
                what + (counted == 1 ? ": wrong password" : ": account locked for this address"),
                clientIp);
        if (counted == 1 && until.isPresent()) {
            users.markLocked(user.id(), until.get());
            append(
                    user,
                    SecurityAudit.ACCOUNT_LOCKED,
                    Accounts.MAX_FAILED_ATTEMPTS + " wrong passwords in a row from " + address + "; locked for that"
                            + " address until " + until.get(),
                    clientIp);
        }
    }

    /** A password refused without being checked or counted: a locked or disabled account. */
    @Transactional
    void refused(User user, String what, String reason, @Nullable String clientIp) {
        append(user, SecurityAudit.LOGIN_FAILED, what + ": " + reason, clientIp);
    }

    /**
     * The right password: the address's counter starts again, unless the pair was locked meanwhile.
     *
     * @return whether recorded; false if the pair is locked
     */
    @Transactional
    boolean succeeded(User user, Instant now, @Nullable String detail, @Nullable String clientIp) {
        if (!clearUnlessLocked(user.id(), address(clientIp), now)) {
            append(user, SecurityAudit.LOGIN_FAILED, "sign-in: account locked for this address", clientIp);
            return false;
        }
        users.recordSuccess(user.id(), now);
        append(user, SecurityAudit.LOGIN_SUCCEEDED, detail, clientIp);
        return true;
    }

    /**
     * Stores a new password hash unless the pair was locked or the account disabled meanwhile, and
     * ends every API token issued before (UI sessions compare their sign-in with {@code
     * password_changed_at}).
     */
    @Transactional
    PasswordChangeResult passwordChanged(User user, String hash, Instant now, @Nullable String clientIp) {
        if (!clearUnlessLocked(user.id(), address(clientIp), now)) {
            return PasswordChangeResult.ACCOUNT_LOCKED;
        }
        if (users.replacePassword(user.id(), hash, now) == 0) {
            return users.findById(user.id()).isEmpty()
                    ? PasswordChangeResult.BAD_CREDENTIALS
                    : PasswordChangeResult.ACCOUNT_DISABLED;
        }
        long ended = tokens.deleteByUserId(user.id());
        append(user, SecurityAudit.PASSWORD_CHANGED, ended == 0 ? null : ended + " API tokens ended", clientIp);
        return PasswordChangeResult.OK;
    }

    /** Deletes the pair's counter unless it is locked at {@code now}; false if locked. */
    private boolean clearUnlessLocked(long userId, String address, Instant now) {
        try {
            Connection c = dataSource.getConnection();
            lockUser(c, userId);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM sign_in_lock WHERE user_id = ?"
                    + " AND client_address = ? AND (locked_until IS NULL OR locked_until <= ?)")) {
                s.setLong(1, userId);
                s.setString(2, address);
                s.setTimestamp(3, Timestamp.from(now));
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record a sign-in of user " + userId, e);
        }
        return lockEnd(userId, address).filter(until -> until.isAfter(now)).isEmpty();
    }

    /**
     * Locks the user's row first: concurrent attempts on one account then queue here instead of
     * deadlocking on the counter row they both insert (lock order: app_user, then sign_in_lock).
     */
    private static void lockUser(Connection c, long userId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM app_user WHERE id = ? FOR UPDATE")) {
            s.setLong(1, userId);
            s.executeQuery().close();
        }
    }

    private Optional<Instant> lockEnd(long userId, String address) {
        try (PreparedStatement s = dataSource
                .getConnection()
                .prepareStatement("SELECT locked_until FROM sign_in_lock WHERE user_id = ? AND client_address = ?")) {
            s.setLong(1, userId);
            s.setString(2, address);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp until = rs.getTimestamp(1);
                return until == null ? Optional.empty() : Optional.of(until.toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the sign-in lock of user " + userId, e);
        }
    }

    private void append(User user, String action, @Nullable String detail, @Nullable String clientIp) {
        audit.append(new AuditEvent(
                user.id(), user.username(), action, SecurityAudit.USER, user.id(), null, null, detail, clientIp));
    }
}
