package org.gongjian;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.UUID;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.security.Accounts;
import org.gongjian.security.SignInResult;
import org.junit.jupiter.api.Test;

/** A whole server, stopped and started again on the same home, as an operator would. */
class RestartIT {

    @Test
    void data_and_the_administrator_survive_a_restart_and_no_second_admin_is_created() throws Exception {
        Path home = Files.createDirectories(Paths.get("target", "test-homes", "restart-" + UUID.randomUUID()));
        Map<String, Object> config = Map.of(
                "gongjian.home", home.toString(), "gongjian.port", -1, "gongjian.home-delete-on-shutdown", false);
        long organizationId;
        String password;
        try (ApplicationContext first = ApplicationContext.run(config)) {
            organizationId = first.getBean(Organizations.class)
                    .createRoot(OrganizationKind.PARTY_COMMITTEE, "东城街道党工委")
                    .id();
            password = Files.readString(home.resolve("initial-admin-password")).strip();
        }
        Files.delete(home.resolve("initial-admin-password"));

        Map<String, Object> lastRun = new java.util.HashMap<>(config);
        lastRun.put("gongjian.home-delete-on-shutdown", true);
        try (ApplicationContext second = ApplicationContext.run(lastRun)) {
            assertThat(second.getBean(Organizations.class).find(organizationId))
                    .hasValueSatisfying(o -> assertThat(o.name()).isEqualTo("东城街道党工委"));
            assertThat(second.getBean(Accounts.class).signIn("admin", password).status())
                    .isEqualTo(SignInResult.Status.PASSWORD_CHANGE_REQUIRED);
            assertThat(home.resolve("initial-admin-password"))
                    .as("the first password is written once, not at every start")
                    .doesNotExist();
        }
        assertThat(home).as("a throwaway home is deleted when the server stops").doesNotExist();
    }
}
