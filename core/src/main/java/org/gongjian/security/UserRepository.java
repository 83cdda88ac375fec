package org.gongjian.security;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;

/**
 * Users. The sign-in counters change only through the guarded updates below: each is one
 * statement that reads and writes the row under its lock, so concurrent sign-ins on several app
 * nodes count every failure once and lock exactly once.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
interface UserRepository extends CrudRepository<User, Long> {

    Optional<User> findByUsername(String username);

    boolean existsByUsername(String username);

    boolean existsByMemberId(Long memberId);

    Optional<Boolean> findEnabledById(long id);

    /**
     * Counts a wrong password unless the account is locked at {@code now}; the failure that reaches
     * {@code limit} locks it until {@code lockEnd}. A count at or over the limit belongs to an
     * expired lock and starts again at 1. Both assignments read only the old {@code
     * failed_attempts}, so the result does not depend on the server's assignment order.
     *
     * @return 1 if counted, 0 if the account was locked (or is gone)
     */
    @Query("UPDATE app_user SET"
            + " locked_until = IF(IF(failed_attempts >= :limit, 0, failed_attempts) + 1 >= :limit, :lockEnd, NULL),"
            + " failed_attempts = IF(failed_attempts >= :limit, 0, failed_attempts) + 1"
            + " WHERE id = :id AND (locked_until IS NULL OR locked_until <= :now)")
    long countFailure(long id, int limit, Instant now, Instant lockEnd);

    /**
     * Records a successful sign-in unless the account was locked meanwhile: the counters start
     * again.
     *
     * @return 1 if recorded, 0 if the account is locked at {@code now}
     */
    @Query("UPDATE app_user SET failed_attempts = 0, locked_until = NULL, last_login_at = :now"
            + " WHERE id = :id AND (locked_until IS NULL OR locked_until <= :now)")
    long recordSuccess(long id, Instant now);

    /**
     * Replaces the password of an enabled, unlocked account; the counters start again.
     *
     * @return 1 if replaced, 0 if the account was locked or disabled meanwhile
     */
    @Query("UPDATE app_user SET password_hash = :hash, password_change_needed = FALSE, password_changed_at = :now,"
            + " failed_attempts = 0, locked_until = NULL"
            + " WHERE id = :id AND enabled = TRUE AND (locked_until IS NULL OR locked_until <= :now)")
    long replacePassword(long id, String hash, Instant now);

    /** @return 1 if the flag changed, 0 if it already had this value */
    @Query("UPDATE app_user SET enabled = :enabled WHERE id = :id AND enabled <> :enabled")
    long updateEnabled(long id, boolean enabled);
}
