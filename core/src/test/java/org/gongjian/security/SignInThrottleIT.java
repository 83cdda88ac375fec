package org.gongjian.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.gongjian.access.Role;
import org.gongjian.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failed sign-ins are limited per client address across usernames, with the default limit, over
 * real HTTP from distinct loopback addresses (one per test).
 */
@MicronautTest(transactional = false)
class SignInThrottleIT {

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    Accounts accounts;

    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void thirty_usernames_from_one_address_are_answered_429_after_twenty_failures_while_others_sign_in() {
        accounts.createUser("throttle-a", "throttle-a-password", false, Set.of(Role.ORG_STAFF));
        Api sprayer = new Api(server, json).from("127.0.0.31");
        for (int i = 0; i < SignInThrottle.DEFAULT_FAILURES; i++) {
            assertThat(sprayer.signIn("user-" + i, "Password1").statusCode()).isEqualTo(401);
        }
        for (int i = SignInThrottle.DEFAULT_FAILURES; i < 30; i++) {
            var refused = sprayer.signIn("user-" + i, "Password1");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(sprayer.code(refused)).isEqualTo("TOO_MANY_ATTEMPTS");
            assertThat(Long.parseLong(
                            refused.headers().firstValue("Retry-After").orElseThrow()))
                    .isBetween(1L, SignInThrottle.WINDOW.toSeconds());
        }
        var rightPassword = sprayer.signIn("throttle-a", "throttle-a-password");
        assertThat(rightPassword.statusCode())
                .as("not even checked while the address waits")
                .isEqualTo(429);
        assertThat(sprayer.changePassword("throttle-a", "throttle-a-password", "a-brand-new-passphrase")
                        .statusCode())
                .isEqualTo(429);

        Api someoneElse = new Api(server, json).from("127.0.0.32");
        assertThat(someoneElse.signIn("throttle-a", "throttle-a-password").statusCode())
                .isEqualTo(200);

        clock.advance(SignInThrottle.WINDOW);
        assertThat(sprayer.signIn("throttle-a", "throttle-a-password").statusCode())
                .isEqualTo(200);
    }

    @Test
    void successful_sign_ins_from_one_address_are_not_limited() {
        accounts.createUser("throttle-b", "throttle-b-password", false, Set.of(Role.ORG_STAFF));
        Api office = new Api(server, json).from("127.0.0.33");
        for (int i = 0; i < SignInThrottle.DEFAULT_FAILURES + 5; i++) {
            assertThat(office.signIn("throttle-b", "throttle-b-password").statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void a_forged_forwarded_for_header_does_not_dodge_the_throttle() {
        Api sprayer = new Api(server, json).from("127.0.0.34");
        for (int i = 0; i <= SignInThrottle.DEFAULT_FAILURES; i++) {
            var answer = sprayer.post(
                    "/api/auth/token",
                    Map.of("username", "forger-" + i, "password", "Password1"),
                    Map.of("X-Forwarded-For", "203.0.113." + i));
            assertThat(answer.statusCode()).isEqualTo(i < SignInThrottle.DEFAULT_FAILURES ? 401 : 429);
        }
    }
}
