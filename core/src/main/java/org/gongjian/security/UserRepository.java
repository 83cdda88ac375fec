package org.gongjian.security;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;

/**
 * Users. The sign-in lock counters live in {@code sign_in_lock} (see {@link LoginAttempts}); the
 * row's {@code locked_until} only says until when some address is locked out.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
interface UserRepository extends CrudRepository<User, Long> {

    Optional<User> findByUsername(String username);

    boolean existsByUsername(String username);

    boolean existsByMemberId(Long memberId);

    Optional<Boolean> findEnabledById(long id);

    /**
     * Records a successful sign-in.
     *
     * @return 1 if recorded
     */
    @Query("UPDATE app_user SET last_login_at = :now WHERE id = :id")
    long recordSuccess(long id, Instant now);

    /**
     * Notes that the account is locked from at least one address until {@code until} (for the users
     * page; the lock itself is {@code sign_in_lock}).
     */
    @Query(
            "UPDATE app_user SET locked_until = :until WHERE id = :id AND (locked_until IS NULL OR locked_until < :until)")
    long markLocked(long id, Instant until);

    /**
     * Replaces the password of an enabled account.
     *
     * @return 1 if replaced, 0 if the account was disabled meanwhile
     */
    @Query("UPDATE app_user SET password_hash = :hash, password_change_needed = FALSE, password_changed_at = :now"
            + " WHERE id = :id AND enabled = TRUE")
    long replacePassword(long id, String hash, Instant now);

    /** @return 1 if the flag changed, 0 if it already had this value */
    @Query("UPDATE app_user SET enabled = :enabled WHERE id = :id AND enabled <> :enabled")
    long updateEnabled(long id, boolean enabled);
}
