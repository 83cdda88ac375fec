package org.gongjian.membercodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.NotFoundException;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditEntry;
import org.gongjian.audit.AuditLog;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.security.UserAdmin;
import org.gongjian.testing.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Members' codes against the real database and HTTP: a code names its member and nothing else in
 * clear, an altered or forged code is refused, a re-issued member's old code is refused while the
 * new one works, a member of another community is not found, and the re-issue is audited.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberCodesIT {

    private static final String PASSWORD = "a-long-password-1";

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Inject
    UserAdmin users;

    @Inject
    Callers callers;

    @Inject
    MemberCodes codes;

    @Inject
    AuditLog audit;

    Api api;
    Organization a;
    Organization b;
    long alice;
    long bob;
    Caller staffA;
    Caller staffB;
    String aliceToken;
    String staffAToken;
    String adminBToken;

    @BeforeAll
    void two_communities_with_a_volunteer_each() {
        api = new Api(server, json);
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "码街道党工委");
        a = organizations.createChild(street, OrganizationKind.COMMUNITY, "码A社区");
        b = organizations.createChild(street, OrganizationKind.COMMUNITY, "码B社区");
        alice = members.add(a.id(), "码爱丽").id();
        bob = members.add(b.id(), "码鲍勃").id();
        aliceToken = user("code-alice", alice, Role.VOLUNTEER, a);
        staffAToken = user("code-staff-a", null, Role.ORG_STAFF, a);
        adminBToken = user("code-admin-b", null, Role.ORG_ADMIN, b);
        staffA = callerOf("code-staff-a");
        staffB = callerOf("code-admin-b");
    }

    @Test
    void a_code_resolves_to_its_member_and_shows_nothing_of_the_member_in_clear() {
        MemberCode code = codes.of(staffA, alice);

        assertThat(code.text()).hasSize(46).matches("GJM1[A-Z2-7]{42}");
        assertThat(code.text()).doesNotContain(Long.toString(alice)).doesNotContain(Long.toString(alice, 32));
        assertThat(codes.of(staffA, alice).text()).as("the same code each time").isEqualTo(code.text());
        MemberCode resolved = codes.resolve(staffA, code.text());
        assertThat(resolved.memberId()).isEqualTo(alice);
        assertThat(resolved.name()).isEqualTo("码爱丽");
        assertThat(codes.resolve(staffA, "  " + code.text().toLowerCase() + "\n")
                        .memberId())
                .as("blanks and letter case of a scanner do not matter")
                .isEqualTo(alice);
    }

    @Test
    void an_altered_or_forged_code_is_refused_as_invalid() {
        String text = codes.of(staffA, alice).text();
        char last = text.charAt(20);
        String altered = text.substring(0, 20) + (last == 'A' ? 'B' : 'A') + text.substring(21);

        for (String bad : List.of(altered, text.substring(0, 45), text + "A", "K7QM2XPA", "GJM1", "", "张三")) {
            assertThatThrownBy(() -> codes.resolve(staffA, bad))
                    .as(bad)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo(MemberCodeErrors.MEMBER_CODE_INVALID));
        }
        assertThatThrownBy(() -> codes.resolve(staffA, null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_member_of_another_community_is_not_found_exactly_like_a_missing_one() {
        String bobs = codes.of(staffB, bob).text();

        assertThatThrownBy(() -> codes.resolve(staffA, bobs)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> codes.of(staffA, bob)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> codes.reissue(staffA, bob)).isInstanceOf(NotFoundException.class);
        assertThat(codes.resolve(staffB, bobs).memberId()).isEqualTo(bob);
    }

    @Test
    void a_reissued_code_refuses_the_old_one_and_the_reissue_is_audited() {
        long carol = members.add(a.id(), "码卡萝").id();
        String old = codes.of(staffA, carol).text();

        MemberCode renewed = codes.reissue(staffA, carol);

        assertThat(renewed.text()).isNotEqualTo(old);
        assertThat(renewed.version()).isEqualTo(2);
        assertThatThrownBy(() -> codes.resolve(staffA, old)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.code()).isEqualTo(MemberCodeErrors.MEMBER_CODE_REVOKED);
            assertThat(e.isConflict()).isTrue();
        });
        assertThat(codes.resolve(staffA, renewed.text()).memberId()).isEqualTo(carol);
        List<AuditEntry> about = audit.about("MEMBER", carol, 50);
        assertThat(about)
                .filteredOn(e -> e.action().equals("MEMBER_CODE_REISSUED"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.actorName()).isEqualTo("code-staff-a");
                    assertThat(e.organizationId()).isEqualTo(a.id());
                    assertThat(e.detail()).contains("会员码").doesNotContain(Long.toString(carol));
                });
    }

    @Test
    void the_volunteer_reads_their_own_code_with_its_qr_svg() {
        HttpResponse<String> mine = api.get("/api/me/member-code", aliceToken);

        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        assertThat(mine.headers().firstValue("Cache-Control")).hasValue("no-store");
        Map<String, Object> body = api.object(mine);
        assertThat(body.get("name")).isEqualTo("码爱丽");
        assertThat((String) body.get("text")).startsWith("GJM1");
        assertThat((String) body.get("svg"))
                .startsWith("<svg")
                .contains("viewBox")
                .contains("<path");
        HttpResponse<String> resolved =
                api.post("/api/member-codes/resolve", staffAToken, Map.of("code", body.get("text")));
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        assertThat(((Number) api.object(resolved).get("memberId")).longValue()).isEqualTo(alice);

        HttpResponse<String> staffHasNone = api.get("/api/me/member-code", staffAToken);
        assertThat(staffHasNone.statusCode()).isEqualTo(404);
    }

    @Test
    void the_api_refuses_with_stable_codes_scopes_and_audits_the_reissue() {
        long dora = members.add(a.id(), "码朵拉").id();
        HttpResponse<String> card = api.get("/api/members/" + dora + "/member-code", staffAToken);
        assertThat(card.statusCode()).as(card.body()).isEqualTo(200);
        String old = (String) api.object(card).get("text");

        assertThat(api.get("/api/members/" + dora + "/member-code", adminBToken).statusCode())
                .isEqualTo(404);
        assertThat(api.post("/api/members/" + dora + "/member-code/reissue", adminBToken, Map.of())
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.post("/api/members/" + dora + "/member-code/reissue", aliceToken, Map.of())
                        .statusCode())
                .as("a volunteer does not re-issue codes")
                .isEqualTo(404);
        HttpResponse<String> reissued =
                api.post("/api/members/" + dora + "/member-code/reissue", staffAToken, Map.of());
        assertThat(reissued.statusCode()).as(reissued.body()).isEqualTo(200);
        assertThat(api.object(reissued).get("text")).isNotEqualTo(old);

        HttpResponse<String> revoked = api.post("/api/member-codes/resolve", staffAToken, Map.of("code", old));
        assertThat(revoked.statusCode()).isEqualTo(409);
        assertThat(api.code(revoked)).isEqualTo("MEMBER_CODE_REVOKED");
        assertThat(api.object(revoked).get("message")).asString().contains("作废");
        HttpResponse<String> garbage = api.post("/api/member-codes/resolve", staffAToken, Map.of("code", "hello"));
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(api.code(garbage)).isEqualTo("MEMBER_CODE_INVALID");
        HttpResponse<String> outside = api.post(
                "/api/member-codes/resolve",
                adminBToken,
                Map.of("code", api.object(reissued).get("text")));
        assertThat(outside.statusCode()).isEqualTo(404);
        assertThat(audit.about("MEMBER", dora, 50))
                .filteredOn(e -> e.action().equals("MEMBER_CODE_REISSUED"))
                .hasSize(1);
    }

    private String user(String username, Long memberId, Role role, Organization org) {
        long id = users.createUser(Caller.system(), username, PASSWORD, memberId, false)
                .user()
                .id();
        users.grant(Caller.system(), id, role, org.id());
        return api.token(username, PASSWORD);
    }

    private Caller callerOf(String username) {
        HttpResponse<String> me = api.get("/api/me", username.equals("code-staff-a") ? staffAToken : adminBToken);
        return callers.forUser(((Number) api.object(me).get("userId")).longValue());
    }
}
