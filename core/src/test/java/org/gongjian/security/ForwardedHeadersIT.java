package org.gongjian.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.gongjian.access.Role;
import org.junit.jupiter.api.Test;

/**
 * Behind a reverse proxy ({@code gongjian.forwarded-headers=true}) the client's address comes from
 * the proxy's {@code X-Forwarded-For}: an attacker behind the proxy is throttled and locked out alone,
 * while the administrator, behind the same proxy, still signs in.
 */
@MicronautTest(transactional = false)
@Property(name = "gongjian.forwarded-headers", value = "true")
class ForwardedHeadersIT {

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    Accounts accounts;

    @Test
    void behind_a_proxy_the_attacker_locks_out_only_his_own_forwarded_address() {
        accounts.createUser("proxied-admin", "proxied-admin-password", false, Set.of(Role.PLATFORM_ADMIN));
        Api proxy = new Api(server, json);
        Map<String, String> attacker = Map.of("X-Forwarded-For", "198.51.100.7");
        Map<String, String> administrator = Map.of("X-Forwarded-For", "192.0.2.10");
        for (int i = 0; i < SignInThrottle.DEFAULT_FAILURES; i++) {
            proxy.post("/api/auth/token", Map.of("username", "proxied-admin", "password", "guess-" + i), attacker);
        }
        var attackerAgain = proxy.post(
                "/api/auth/token", Map.of("username", "proxied-admin", "password", "proxied-admin-password"), attacker);
        assertThat(attackerAgain.statusCode()).isEqualTo(429);

        var admin = proxy.post(
                "/api/auth/token",
                Map.of("username", "proxied-admin", "password", "proxied-admin-password"),
                administrator);
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
    }
}
