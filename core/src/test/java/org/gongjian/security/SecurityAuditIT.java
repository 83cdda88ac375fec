package org.gongjian.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditEntry;
import org.gongjian.audit.AuditFilter;
import org.gongjian.audit.AuditLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign-ins, password changes, disabling and permission denials leave audit entries with the
 * client address, over real HTTP; passwords never reach the log.
 */
@MicronautTest(transactional = false)
class SecurityAuditIT {

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    Accounts accounts;

    @Inject
    UserAdmin admin;

    @Inject
    AuditLog audit;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(server, json);
    }

    @Test
    void a_successful_sign_in_is_audited_with_the_user_and_the_client_address() {
        SignedInUser user = accounts.createUser("audit-ok", "audit-ok-password", false, Set.of(Role.ORG_STAFF));

        api.tokenFor("audit-ok", "audit-ok-password");

        AuditEntry entry = only(SecurityAudit.LOGIN_SUCCEEDED, "audit-ok");
        assertThat(entry.actorUserId()).isEqualTo(user.id());
        assertThat(entry.targetType()).isEqualTo("USER");
        assertThat(entry.targetId()).isEqualTo(user.id());
        assertThat(entry.clientIp()).isEqualTo("127.0.0.1");
    }

    @Test
    void a_wrong_password_is_audited_without_the_password() {
        SignedInUser user = accounts.createUser("audit-wrong", "audit-wrong-password", false, Set.of(Role.ORG_STAFF));

        api.signIn("audit-wrong", "Secret-Guess-42");

        AuditEntry entry = only(SecurityAudit.LOGIN_FAILED, "audit-wrong");
        assertThat(entry.actorUserId()).isEqualTo(user.id());
        assertThat(entry.detail()).isEqualTo("sign-in: wrong password");
        assertThat(entry.clientIp()).isEqualTo("127.0.0.1");
        assertThat(everything())
                .noneMatch(e -> String.valueOf(e.detail()).contains("Secret-Guess-42")
                        || e.actorName().contains("Secret-Guess-42"));
    }

    @Test
    void an_unknown_username_is_audited_as_attempted_with_control_characters_removed() {
        api.signIn("ghost\nLOGIN_SUCCEEDED admin", "Another-Guess-7");

        AuditEntry entry = only(SecurityAudit.LOGIN_FAILED, "ghost?LOGIN_SUCCEEDED admin");
        assertThat(entry.actorUserId()).isNull();
        assertThat(entry.targetId()).isNull();
        assertThat(entry.detail()).isEqualTo("sign-in: unknown user");
        assertThat(everything()).noneMatch(e -> String.valueOf(e.detail()).contains("Another-Guess-7"));
    }

    @Test
    void a_very_long_attempted_username_is_truncated_in_the_log() {
        String attempted = "x".repeat(200);

        accounts.signIn(attempted, "whatever-was-typed", "192.0.2.7");

        AuditEntry entry = only(SecurityAudit.LOGIN_FAILED, "x".repeat(64));
        assertThat(entry.clientIp()).isEqualTo("192.0.2.7");
    }

    @Test
    void a_password_change_is_audited() {
        SignedInUser user = accounts.createUser("audit-change", "audit-change-password", true, Set.of(Role.ORG_STAFF));

        assertThat(api.changePassword("audit-change", "audit-change-password", "a-fresh-passphrase-9")
                        .statusCode())
                .isEqualTo(204);

        AuditEntry entry = only(SecurityAudit.PASSWORD_CHANGED, "audit-change");
        assertThat(entry.targetId()).isEqualTo(user.id());
        assertThat(entry.clientIp()).isEqualTo("127.0.0.1");
    }

    @Test
    void a_common_password_is_refused_over_the_api_with_its_own_code() {
        accounts.createUser("audit-common", "audit-common-password", true, Set.of(Role.ORG_STAFF));

        var refused = api.changePassword("audit-common", "audit-common-password", "WoAiNi1314");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(api.code(refused)).isEqualTo("PASSWORD_TOO_COMMON");
        assertThat(api.code(api.signIn("audit-common", "audit-common-password")))
                .isEqualTo("PASSWORD_CHANGE_REQUIRED");
    }

    @Test
    void a_disabled_user_is_audited_and_their_token_fails_at_once() {
        SignedInUser user = accounts.createUser("audit-off", "audit-off-password", false, Set.of(Role.ORG_STAFF));
        String token = api.tokenFor("audit-off", "audit-off-password");
        assertThat(api.get("/api/me", token).statusCode()).isEqualTo(200);

        admin.disable(Caller.system(), user.id());

        var afterDisable = api.get("/api/me", token);
        assertThat(afterDisable.statusCode()).isEqualTo(401);
        assertThat(api.code(afterDisable)).isEqualTo("UNAUTHORIZED");
        AuditEntry entry = only(SecurityAudit.USER_DISABLED, "system");
        assertThat(entry.targetId()).isEqualTo(user.id());

        // Enabling again does not revive the old token: disabling deleted it.
        admin.enable(Caller.system(), user.id());
        assertThat(api.get("/api/me", token).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/me", api.tokenFor("audit-off", "audit-off-password"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void an_api_permission_denial_is_audited_with_method_path_and_address() {
        SignedInUser user = accounts.createUser("audit-vol", "audit-vol-password", false, Set.of(Role.VOLUNTEER));
        String token = api.tokenFor("audit-vol", "audit-vol-password");

        var denied = api.get("/api/plugins?secret=query", token);

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(api.code(denied)).isEqualTo("FORBIDDEN");
        AuditEntry entry = only(SecurityAudit.ACCESS_DENIED, "audit-vol");
        assertThat(entry.actorUserId()).isEqualTo(user.id());
        assertThat(entry.detail()).isEqualTo("GET /api/plugins");
        assertThat(entry.clientIp()).isEqualTo("127.0.0.1");
    }

    @Test
    void after_all_this_the_audit_chain_is_intact() {
        accounts.createUser("audit-chain", "audit-chain-password", false, Set.of(Role.ORG_STAFF));
        api.signIn("audit-chain", "wrong-password");
        api.tokenFor("audit-chain", "audit-chain-password");

        assertThat(audit.verify().intact()).isTrue();
    }

    private AuditEntry only(String action, String actorName) {
        List<AuditEntry> entries = audit.latest(Caller.system(), new AuditFilter(action, actorName, null, null), 500);
        assertThat(entries).as(action + " by " + actorName).hasSize(1);
        return entries.getFirst();
    }

    private List<AuditEntry> everything() {
        return audit.latest(Caller.system(), org.gongjian.audit.AuditFilter.any(), 500);
    }
}
