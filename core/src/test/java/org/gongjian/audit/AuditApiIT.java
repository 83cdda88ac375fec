package org.gongjian.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Set;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.security.Accounts;
import org.gongjian.testing.Api;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class AuditApiIT {

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    AuditLog audit;

    @Inject
    Accounts accounts;

    @Inject
    Organizations organizations;

    @Inject
    DataSource dataSource;

    @Test
    void an_organization_administrator_sees_the_audit_of_their_subtree_only_and_cannot_verify_the_chain()
            throws Exception {
        Api api = new Api(server, json);
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "街道党工委");
        Organization peace = organizations.createChild(street, OrganizationKind.COMMUNITY, "和平社区");
        Organization harmony = organizations.createChild(street, OrganizationKind.COMMUNITY, "和谐社区");
        audit.append(Caller.system(), "MEMBER_CREATED", "member", 1L, peace.id(), peace.path(), "和平社区的记录");
        audit.append(Caller.system(), "MEMBER_CREATED", "member", 2L, harmony.id(), harmony.path(), "和谐社区的记录");
        var secretary = accounts.createUser("peace-secretary", "peace-password-1", false, Set.of());
        grant(secretary.id(), Role.ORG_ADMIN, peace.id());
        accounts.createUser("platform-op", "platform-password-1", false, Set.of(Role.PLATFORM_ADMIN));

        String secretaryToken = api.token("peace-secretary", "peace-password-1");
        var own = api.get("/api/audit", secretaryToken);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(api.list(own))
                .extracting(e -> e.get("organizationId"))
                .isNotEmpty()
                .allMatch(id -> ((Number) id).longValue() == peace.id(), "only her community's entries");
        assertThat(api.list(api.get("/api/audit?action=MEMBER_CREATED", secretaryToken)))
                .extracting(e -> e.get("detail"))
                .containsExactly("和平社区的记录");
        assertThat(api.get("/api/audit/verification", secretaryToken).statusCode())
                .isEqualTo(403);

        String operatorToken = api.token("platform-op", "platform-password-1");
        assertThat(api.list(api.get("/api/audit?action=MEMBER_CREATED", operatorToken)))
                .extracting(e -> e.get("detail"))
                .containsExactly("和谐社区的记录", "和平社区的记录");
        var verification = api.object(api.get("/api/audit/verification", operatorToken));
        assertThat(verification.get("intact")).isEqualTo(true);
    }

    private void grant(long userId, Role role, long organizationId) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                PreparedStatement s =
                        c.prepareStatement("INSERT INTO role_grant (id, user_id, role, organization_id, created_at)"
                                + " VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))")) {
            s.setLong(1, System.nanoTime());
            s.setLong(2, userId);
            s.setString(3, role.name());
            s.setLong(4, organizationId);
            s.executeUpdate();
        }
    }
}
