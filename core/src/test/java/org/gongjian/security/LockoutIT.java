package org.gongjian.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditEntry;
import org.gongjian.audit.AuditFilter;
import org.gongjian.audit.AuditLog;
import org.gongjian.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Five wrong passwords in a row lock an account for 15 minutes, over real HTTP against the real
 * database; time moves by the test clock, nobody sleeps. Every test has its own user.
 */
@MicronautTest(transactional = false)
class LockoutIT {

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    Accounts accounts;

    @Inject
    UserRepository users;

    @Inject
    AuditLog audit;

    @Inject
    MutableClock clock;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(server, json);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void five_wrong_passwords_lock_the_account_and_even_the_right_one_is_refused_for_fifteen_minutes() {
        accounts.createUser("lock-a", "lock-a-password", false, Set.of(Role.ORG_STAFF));
        for (int i = 1; i <= 4; i++) {
            var wrong = api.signIn("lock-a", "wrong-password-" + i);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(api.code(wrong)).isEqualTo("BAD_CREDENTIALS");
        }

        var fifth = api.signIn("lock-a", "wrong-password-5");
        assertThat(fifth.statusCode()).isEqualTo(403);
        assertThat(api.code(fifth)).isEqualTo("ACCOUNT_LOCKED");
        assertThat(retryAfter(fifth)).isBetween(899L, 900L);

        var right = api.signIn("lock-a", "lock-a-password");
        assertThat(right.statusCode()).isEqualTo(403);
        assertThat(api.code(right)).isEqualTo("ACCOUNT_LOCKED");

        clock.advance(Duration.ofMinutes(14).plusSeconds(58));
        var stillLocked = api.signIn("lock-a", "lock-a-password");
        assertThat(stillLocked.statusCode()).isEqualTo(403);
        assertThat(retryAfter(stillLocked)).isBetween(1L, 3L);

        clock.advance(Duration.ofSeconds(3));
        assertThat(api.signIn("lock-a", "lock-a-password").statusCode()).isEqualTo(200);
        User after = users.findByUsername("lock-a").orElseThrow();
        assertThat(after.failedAttempts()).isZero();
        assertThat(after.lockedUntil()).isNull();
        assertThat(after.lastLoginAt()).isNotNull();
    }

    @Test
    void a_successful_sign_in_starts_the_count_again() {
        accounts.createUser("lock-b", "lock-b-password", false, Set.of(Role.ORG_STAFF));
        for (int i = 0; i < 4; i++) {
            assertThat(api.signIn("lock-b", "wrong-password").statusCode()).isEqualTo(401);
        }
        assertThat(users.findByUsername("lock-b").orElseThrow().failedAttempts())
                .isEqualTo(4);

        assertThat(api.signIn("lock-b", "lock-b-password").statusCode()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertThat(api.signIn("lock-b", "wrong-password").statusCode()).isEqualTo(401);
        }

        assertThat(api.signIn("lock-b", "lock-b-password").statusCode()).isEqualTo(200);
    }

    @Test
    void when_a_lock_ends_the_account_gets_five_fresh_attempts() {
        accounts.createUser("lock-c", "lock-c-password", false, Set.of(Role.ORG_STAFF));
        for (int i = 0; i < 5; i++) {
            api.signIn("lock-c", "wrong-password");
        }
        assertThat(api.code(api.signIn("lock-c", "lock-c-password"))).isEqualTo("ACCOUNT_LOCKED");

        clock.advance(Accounts.LOCK_DURATION);
        for (int i = 0; i < 4; i++) {
            assertThat(api.code(api.signIn("lock-c", "wrong-password"))).isEqualTo("BAD_CREDENTIALS");
        }
        assertThat(users.findByUsername("lock-c").orElseThrow().failedAttempts())
                .isEqualTo(4);
        assertThat(api.code(api.signIn("lock-c", "wrong-password"))).isEqualTo("ACCOUNT_LOCKED");
        assertThat(users.findByUsername("lock-c").orElseThrow().lockedUntil())
                .isAfter(clock.instant().plus(Duration.ofMinutes(14)));
    }

    @Test
    void eight_concurrent_wrong_passwords_count_exactly_five_and_lock_once() throws Exception {
        SignedInUser user = accounts.createUser("lock-d", "lock-d-password", false, Set.of(Role.ORG_STAFF));
        int attempts = 8;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                String guess = "guess-number-" + i;
                responses.add(pool.submit(() -> {
                    start.await();
                    return api.signIn("lock-d", guess);
                }));
            }
            start.countDown();
            List<String> codes = new ArrayList<>();
            for (Future<HttpResponse<String>> response : responses) {
                codes.add(api.code(response.get(60, TimeUnit.SECONDS)));
            }

            // Four failures answered as such; the fifth locked the account; the others found it locked.
            assertThat(codes)
                    .as(codes.toString())
                    .filteredOn("BAD_CREDENTIALS"::equals)
                    .hasSize(4);
            assertThat(codes)
                    .as(codes.toString())
                    .filteredOn("ACCOUNT_LOCKED"::equals)
                    .hasSize(4);
        } finally {
            pool.shutdownNow();
        }
        User locked = users.findByUsername("lock-d").orElseThrow();
        assertThat(locked.failedAttempts()).isEqualTo(Accounts.MAX_FAILED_ATTEMPTS);
        assertThat(locked.lockedUntil()).isAfter(Instant.now().plus(Duration.ofMinutes(14)));
        assertThat(entries(SecurityAudit.ACCOUNT_LOCKED, user.id())).hasSize(1);
        assertThat(entries(SecurityAudit.LOGIN_FAILED, user.id())).hasSize(attempts);
        assertThat(api.code(api.signIn("lock-d", "lock-d-password"))).isEqualTo("ACCOUNT_LOCKED");
    }

    @Test
    void wrong_old_passwords_on_the_password_change_count_towards_the_lock() {
        accounts.createUser("lock-e", "lock-e-password", true, Set.of(Role.ORG_STAFF));
        for (int i = 0; i < 4; i++) {
            var wrong = api.changePassword("lock-e", "wrong-old-password", "a-brand-new-passphrase");
            assertThat(wrong.statusCode()).isEqualTo(401);
        }
        var fifth = api.changePassword("lock-e", "wrong-old-password", "a-brand-new-passphrase");
        assertThat(fifth.statusCode()).isEqualTo(403);
        assertThat(api.code(fifth)).isEqualTo("ACCOUNT_LOCKED");

        var rightOld = api.changePassword("lock-e", "lock-e-password", "a-brand-new-passphrase");
        assertThat(rightOld.statusCode()).isEqualTo(403);
        assertThat(api.code(rightOld)).isEqualTo("ACCOUNT_LOCKED");
        assertThat(api.code(api.signIn("lock-e", "lock-e-password"))).isEqualTo("ACCOUNT_LOCKED");

        clock.advance(Accounts.LOCK_DURATION);
        assertThat(api.changePassword("lock-e", "lock-e-password", "a-brand-new-passphrase")
                        .statusCode())
                .isEqualTo(204);
        assertThat(api.signIn("lock-e", "a-brand-new-passphrase").statusCode()).isEqualTo(200);
    }

    @Test
    void a_token_issued_before_the_lock_keeps_working() {
        accounts.createUser("lock-f", "lock-f-password", false, Set.of(Role.ORG_STAFF));
        String token = api.tokenFor("lock-f", "lock-f-password");
        for (int i = 0; i < 5; i++) {
            api.signIn("lock-f", "someone-guessing");
        }
        assertThat(api.code(api.signIn("lock-f", "lock-f-password"))).isEqualTo("ACCOUNT_LOCKED");

        // The lock stops guessing; the owner's running client is not the guesser.
        assertThat(api.get("/api/me", token).statusCode()).isEqualTo(200);
    }

    @Test
    void the_same_wrong_password_for_an_unknown_user_never_locks_anything() {
        for (int i = 0; i < 7; i++) {
            assertThat(api.code(api.signIn("nobody-like-this", "wrong-password")))
                    .isEqualTo("BAD_CREDENTIALS");
        }
    }

    private List<AuditEntry> entries(String action, long userId) {
        return audit.latest(Caller.system(), new AuditFilter(action, null, null, null), 500).stream()
                .filter(e -> Long.valueOf(userId).equals(e.targetId()))
                .toList();
    }

    private static long retryAfter(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
    }
}
