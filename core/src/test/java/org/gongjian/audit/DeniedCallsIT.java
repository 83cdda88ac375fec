package org.gongjian.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.Role;
import org.gongjian.ids.IdGenerator;
import org.gongjian.members.MemberSearch;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.roster.RosterExports;
import org.gongjian.security.Accounts;
import org.gongjian.security.UserAdmin;
import org.gongjian.testing.Api;
import org.gongjian.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service's refusal ({@link ForbiddenException}) is audited once as {@code ACCESS_DENIED},
 * whoever called: over the API with the request and the client address, from another service
 * (the outermost audited call names it), or directly, without an origin. An id outside the
 * caller's scope (answered like a missing one) is audited as {@code OUT_OF_SCOPE}, a few rows per
 * user and then one a minute, each saying how many were not written before it.
 */
@MicronautTest(transactional = false)
class DeniedCallsIT {

    private static final String PASSWORD = "a-long-password-1";

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    Accounts accounts;

    @Inject
    UserAdmin users;

    @Inject
    Callers callers;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Inject
    RosterExports exports;

    @Inject
    AuditLog audit;

    @Inject
    IdGenerator ids;

    @Inject
    MutableClock clock;

    Api api;
    String staff;
    long staffId;
    Organization community;

    @BeforeEach
    void a_community_with_a_staff_member() {
        api = new Api(server, json);
        String prefix = "d" + Long.toString(ids.next() % 1_000_000_000L, 36) + "-";
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, prefix + "街道");
        community = organizations.createChild(street, OrganizationKind.COMMUNITY, "团结社区");
        staff = prefix + "staff";
        staffId = accounts.createUser(staff, PASSWORD, false, Set.of()).id();
        users.grant(Caller.system(), staffId, Role.ORG_STAFF, community.id());
    }

    @AfterEach
    void back_to_the_real_time() {
        clock.reset();
    }

    @Test
    void a_refusal_over_the_api_is_audited_with_the_request_the_call_and_the_reason() {
        long member = members.add(community.id(), "李红").id();

        var refused = api.post("/api/members/" + member + "/unmask", api.token(staff, PASSWORD), Map.of());

        assertThat(refused.statusCode()).isEqualTo(403);
        AuditEntry entry = onlyDenialOf(staff);
        assertThat(entry.actorUserId()).isEqualTo(staffId);
        assertThat(entry.targetType()).isEqualTo("SERVICE");
        assertThat(entry.targetId()).isEqualTo(member);
        assertThat(entry.detail())
                .isEqualTo("POST /api/members/" + member + "/unmask: Members.unmask memberId=" + member
                        + ": FORBIDDEN Only an administrator of the organization may see personal data unmasked");
        assertThat(entry.clientIp()).isEqualTo("127.0.0.1");
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void a_refusal_inside_another_audited_service_is_audited_once_and_survives_its_rollback() {
        members.add(community.id(), "王刚");

        var refused = api.get("/api/members/export?unmask=true", api.token(staff, PASSWORD));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(api.code(refused)).isEqualTo("UNMASK_NOT_ALLOWED");
        assertThat(onlyDenialOf(staff).detail())
                .startsWith("GET /api/members/export: RosterExports.export unmask=true: UNMASK_NOT_ALLOWED");
    }

    @Test
    void a_direct_call_without_a_request_is_audited_without_an_origin() {
        members.add(community.id(), "孙丽");
        Caller caller = callers.forUser(staffId);

        assertThatThrownBy(() -> organizations.create(caller, community.id(), OrganizationKind.GRID, "一网格"))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> exports.export(caller, MemberSearch.of(null), true, new ByteArrayOutputStream()))
                .isInstanceOf(ForbiddenException.class);

        List<AuditEntry> entries = denialsOf(staff);
        assertThat(entries).hasSize(2);
        assertThat(entries)
                .extracting(AuditEntry::detail)
                .anySatisfy(d -> assertThat(d)
                        .startsWith("Organizations.create parentId=" + community.id() + " kind=GRID: FORBIDDEN"))
                .anySatisfy(d -> assertThat(d).startsWith("RosterExports.export unmask=true: UNMASK_NOT_ALLOWED"));
        assertThat(entries).extracting(AuditEntry::clientIp).containsOnlyNulls();
    }

    @Test
    void an_allowed_call_and_a_refusal_for_other_reasons_leave_no_denial() {
        Caller caller = callers.forUser(staffId);

        members.create(caller, org.gongjian.members.MemberInput.named(community.id(), "赵敏"));
        assertThatThrownBy(() -> organizations.rename(caller, 424242L, "x")).isNotInstanceOf(ForbiddenException.class);

        assertThat(denialsOf(staff)).isEmpty();
    }

    @Test
    void an_id_outside_the_callers_scope_is_audited_like_a_refusal() {
        Organization other = organizations.createRoot(OrganizationKind.COMMUNITY, "别处社区" + ids.next());
        long elsewhere = members.add(other.id(), "周外").id();

        var probed = api.get("/api/members/" + elsewhere, api.token(staff, PASSWORD));

        assertThat(probed.statusCode()).isEqualTo(404);
        List<AuditEntry> entries = probesOf(staff);
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.actorUserId()).isEqualTo(staffId);
            assertThat(entry.targetId()).isEqualTo(elsewhere);
            assertThat(entry.detail())
                    .isEqualTo("GET /api/members/" + elsewhere + ": Members.get memberId=" + elsewhere
                            + ": NOT_FOUND Member " + elsewhere + " not found");
            assertThat(entry.clientIp()).isEqualTo("127.0.0.1");
        });
        assertThat(denialsOf(staff)).isEmpty();
    }

    @Test
    void a_flood_of_probes_writes_a_bounded_number_of_rows_and_the_next_one_counts_the_rest() {
        String token = api.token(staff, PASSWORD);
        long guessed = ids.next();

        for (int i = 0; i < 1000; i++) {
            assertThat(api.get("/api/members/" + (guessed + i), token).statusCode())
                    .isEqualTo(404);
        }

        assertThat(probesOf(staff)).hasSize(ProbeBudget.BURST);
        clock.advance(Duration.ofMillis(ProbeBudget.REFILL_MILLIS));
        assertThat(api.get("/api/members/" + guessed, token).statusCode()).isEqualTo(404);
        List<AuditEntry> entries = probesOf(staff);
        assertThat(entries).hasSize(ProbeBudget.BURST + 1);
        assertThat(entries.getFirst().detail())
                .endsWith("(and " + (1000 - ProbeBudget.BURST) + " earlier not found, not audited)");
        assertThat(audit.verify().intact()).isTrue();
    }

    private List<AuditEntry> probesOf(String username) {
        return audit.latest(Caller.system(), new AuditFilter(DeniedCalls.OUT_OF_SCOPE, username, null, null), 100);
    }

    private AuditEntry onlyDenialOf(String username) {
        List<AuditEntry> entries = denialsOf(username);
        assertThat(entries).hasSize(1);
        return entries.getFirst();
    }

    private List<AuditEntry> denialsOf(String username) {
        return audit.latest(Caller.system(), new AuditFilter("ACCESS_DENIED", username, null, null), 10);
    }
}
