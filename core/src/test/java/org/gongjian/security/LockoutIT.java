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
 * Five wrong passwords in a row from one address lock the account for that address for 15 minutes,
 * over real HTTP against the real database; time moves by the test clock, nobody sleeps. A locked
 * account answers exactly like a wrong password. Every test has its own user and its own loopback
 * addresses (127.0.0.x: the server sees them as different computers), so that the per-address
 * throttle of one test does not reach another.
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
    void
            five_wrong_passwords_lock_the_account_for_that_address_and_even_the_right_one_is_refused_for_fifteen_minutes() {
        Api guesser = api.from("127.0.0.11");
        accounts.createUser("lock-a", "lock-a-password", false, Set.of(Role.ORG_STAFF));
        for (int i = 1; i <= 5; i++) {
            var wrong = guesser.signIn("lock-a", "wrong-password-" + i);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(guesser.code(wrong)).isEqualTo("BAD_CREDENTIALS");
        }

        var right = guesser.signIn("lock-a", "lock-a-password");
        assertThat(right.statusCode()).isEqualTo(401);
        assertThat(guesser.code(right)).isEqualTo("BAD_CREDENTIALS");
        assertThat(users.findByUsername("lock-a").orElseThrow().lockedUntil())
                .as("the users page shows the lock")
                .isAfter(clock.instant().plus(Duration.ofMinutes(14)));

        clock.advance(Duration.ofMinutes(14).plusSeconds(58));
        assertThat(guesser.signIn("lock-a", "lock-a-password").statusCode()).isEqualTo(401);

        clock.advance(Duration.ofSeconds(3));
        assertThat(guesser.signIn("lock-a", "lock-a-password").statusCode()).isEqualTo(200);
        assertThat(users.findByUsername("lock-a").orElseThrow().lastLoginAt()).isNotNull();
    }

    @Test
    void an_attacker_hammering_the_administrator_does_not_lock_her_out_from_her_own_address() {
        accounts.createUser("lock-admin", "lock-admin-password", false, Set.of(Role.PLATFORM_ADMIN));
        Api attacker = api.from("127.0.0.12");
        Api administrator = api.from("127.0.0.13");
        for (int i = 0; i < 10; i++) {
            assertThat(attacker.signIn("lock-admin", "guess-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(attacker.signIn("lock-admin", "lock-admin-password").statusCode())
                .as("locked for the attacker's address")
                .isEqualTo(401);

        assertThat(administrator.signIn("lock-admin", "lock-admin-password").statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_locked_account_answers_exactly_like_an_unknown_user_and_a_wrong_password() {
        accounts.createUser("lock-g", "lock-g-password", false, Set.of(Role.ORG_STAFF));
        Api guesser = api.from("127.0.0.14");
        var wrong = guesser.signIn("lock-g", "wrong-password");
        for (int i = 0; i < 4; i++) {
            guesser.signIn("lock-g", "wrong-password");
        }
        var locked = guesser.signIn("lock-g", "lock-g-password");
        var unknown = guesser.signIn("nobody-called-this", "lock-g-password");

        for (var answer : List.of(locked, unknown)) {
            assertThat(answer.statusCode()).isEqualTo(wrong.statusCode());
            assertThat(answer.body()).isEqualTo(wrong.body());
            assertThat(answer.headers().firstValue("Retry-After")).isEmpty();
        }
        // As slowly: each runs one Argon2 check (tens of milliseconds); a shortcut would answer in ~1 ms.
        long lockedNanos = timed(() -> guesser.signIn("lock-g", "lock-g-password"));
        long wrongNanos = timed(() -> api.from("127.0.0.15").signIn("lock-g", "another-wrong-one"));
        assertThat(lockedNanos).isGreaterThan(wrongNanos / 4);
    }

    @Test
    void a_successful_sign_in_starts_the_count_again() {
        accounts.createUser("lock-b", "lock-b-password", false, Set.of(Role.ORG_STAFF));
        Api client = api.from("127.0.0.16");
        for (int i = 0; i < 4; i++) {
            assertThat(client.signIn("lock-b", "wrong-password").statusCode()).isEqualTo(401);
        }
        assertThat(client.signIn("lock-b", "lock-b-password").statusCode()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertThat(client.signIn("lock-b", "wrong-password").statusCode()).isEqualTo(401);
        }

        assertThat(client.signIn("lock-b", "lock-b-password").statusCode()).isEqualTo(200);
    }

    @Test
    void when_a_lock_ends_the_address_gets_five_fresh_attempts() {
        SignedInUser user = accounts.createUser("lock-c", "lock-c-password", false, Set.of(Role.ORG_STAFF));
        Api client = api.from("127.0.0.17");
        for (int i = 0; i < 5; i++) {
            client.signIn("lock-c", "wrong-password");
        }
        assertThat(client.signIn("lock-c", "lock-c-password").statusCode()).isEqualTo(401);

        clock.advance(Accounts.LOCK_DURATION);
        for (int i = 0; i < 4; i++) {
            assertThat(client.signIn("lock-c", "wrong-password").statusCode()).isEqualTo(401);
        }
        assertThat(entries(SecurityAudit.ACCOUNT_LOCKED, user.id())).hasSize(1);
        client.signIn("lock-c", "wrong-password");
        assertThat(entries(SecurityAudit.ACCOUNT_LOCKED, user.id())).hasSize(2);
        assertThat(users.findByUsername("lock-c").orElseThrow().lockedUntil())
                .isAfter(clock.instant().plus(Duration.ofMinutes(14)));
    }

    @Test
    void eight_concurrent_wrong_passwords_count_exactly_five_and_lock_once() throws Exception {
        SignedInUser user = accounts.createUser("lock-d", "lock-d-password", false, Set.of(Role.ORG_STAFF));
        Api client = api.from("127.0.0.18");
        int attempts = 8;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                String guess = "guess-number-" + i;
                responses.add(pool.submit(() -> {
                    start.await();
                    return client.signIn("lock-d", guess);
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> response : responses) {
                assertThat(client.code(response.get(60, TimeUnit.SECONDS))).isEqualTo("BAD_CREDENTIALS");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(users.findByUsername("lock-d").orElseThrow().lockedUntil())
                .isAfter(Instant.now().plus(Duration.ofMinutes(14)));
        assertThat(entries(SecurityAudit.ACCOUNT_LOCKED, user.id())).hasSize(1);
        assertThat(entries(SecurityAudit.LOGIN_FAILED, user.id())).hasSize(attempts);
        assertThat(client.signIn("lock-d", "lock-d-password").statusCode()).isEqualTo(401);
    }

    @Test
    void wrong_old_passwords_on_the_password_change_count_towards_the_lock() {
        accounts.createUser("lock-e", "lock-e-password", true, Set.of(Role.ORG_STAFF));
        Api client = api.from("127.0.0.19");
        for (int i = 0; i < 5; i++) {
            var wrong = client.changePassword("lock-e", "wrong-old-password", "a-brand-new-passphrase");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(client.code(wrong)).isEqualTo("BAD_CREDENTIALS");
        }
        var rightOld = client.changePassword("lock-e", "lock-e-password", "a-brand-new-passphrase");
        assertThat(rightOld.statusCode()).isEqualTo(401);
        assertThat(client.code(rightOld)).isEqualTo("BAD_CREDENTIALS");
        assertThat(client.signIn("lock-e", "lock-e-password").statusCode()).isEqualTo(401);

        clock.advance(Accounts.LOCK_DURATION);
        assertThat(client.changePassword("lock-e", "lock-e-password", "a-brand-new-passphrase")
                        .statusCode())
                .isEqualTo(204);
        assertThat(client.signIn("lock-e", "a-brand-new-passphrase").statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_token_issued_before_the_lock_keeps_working() {
        accounts.createUser("lock-f", "lock-f-password", false, Set.of(Role.ORG_STAFF));
        String token = api.tokenFor("lock-f", "lock-f-password");
        Api guesser = api.from("127.0.0.20");
        for (int i = 0; i < 5; i++) {
            guesser.signIn("lock-f", "someone-guessing");
        }
        assertThat(guesser.signIn("lock-f", "lock-f-password").statusCode()).isEqualTo(401);

        // The lock stops guessing; the owner's running client is not the guesser.
        assertThat(api.get("/api/me", token).statusCode()).isEqualTo(200);
    }

    @Test
    void the_same_wrong_password_for_an_unknown_user_never_locks_anything() {
        Api client = api.from("127.0.0.21");
        for (int i = 0; i < 7; i++) {
            assertThat(client.code(client.signIn("nobody-like-this", "wrong-password")))
                    .isEqualTo("BAD_CREDENTIALS");
        }
    }

    private static long timed(Runnable call) {
        call.run(); // warm
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    private List<AuditEntry> entries(String action, long userId) {
        return audit.latest(Caller.system(), new AuditFilter(action, null, null, null), 500).stream()
                .filter(e -> Long.valueOf(userId).equals(e.targetId()))
                .toList();
    }
}
