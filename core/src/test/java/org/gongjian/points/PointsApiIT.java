package org.gongjian.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.members.MemberInput;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.security.UserAdmin;
import org.gongjian.testing.Api;
import org.gongjian.testing.LedgerReconciles;
import org.gongjian.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The points API over real HTTP: an administrator defines a kind and a rule, staff record an event
 * and the member's balance follows; a large adjustment waits for a second administrator; rankings,
 * the board and stars; scoping and bad input.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PointsApiIT extends LedgerReconciles {

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Inject
    UserAdmin userAdmin;

    Api api;
    Organization a;
    Organization b;
    String adminA;
    String adminA2;
    String staffA;
    String adminB;
    String volunteerA;
    long memberA;
    long kindId;

    @BeforeAll
    void world() {
        api = new Api(server, json);
        TestUsers users = new TestUsers(userAdmin, api);
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "积分街道");
        a = organizations.createChild(street, OrganizationKind.COMMUNITY, "积分甲社区");
        b = organizations.createChild(street, OrganizationKind.COMMUNITY, "积分乙社区");
        memberA = members.create(Caller.system(), MemberInput.named(a.id(), "陈志愿"))
                .id();
        adminA = users.token("points-admin-a", Role.ORG_ADMIN, a, null);
        adminA2 = users.token("points-admin-a2", Role.ORG_ADMIN, a, null);
        staffA = users.token("points-staff-a", Role.ORG_STAFF, a, null);
        adminB = users.token("points-admin-b", Role.ORG_ADMIN, b, null);
        volunteerA = users.token("points-volunteer-a", Role.VOLUNTEER, a, memberA);
        HttpResponse<String> kind = api.post(
                "/api/points/kinds",
                adminA,
                Map.of("organizationId", a.id(), "code", "VOL", "name", "志愿积分", "unitScale", 10));
        assertThat(kind.statusCode()).as(kind.body()).isEqualTo(201);
        kindId = ((Number) api.object(kind).get("id")).longValue();
    }

    private long points(String token, long memberId) {
        return api.list(api.get("/api/members/" + memberId + "/accounts", token)).stream()
                .filter(x -> ((Number) x.get("assetId")).longValue() == kindId)
                .map(x -> ((Number) x.get("balance")).longValue())
                .findFirst()
                .orElse(0L);
    }

    private Map<String, Object> rule(String event, long points) {
        Map<String, Object> r = new HashMap<>();
        r.put("assetId", kindId);
        r.put("organizationId", a.id());
        r.put("name", "自主申报");
        r.put("eventType", event);
        r.put("formula", "FIXED");
        r.put("points", points);
        r.put("capDay", 100);
        return r;
    }

    @Test
    void a_rule_turns_a_recorded_event_into_points_for_the_member() throws Exception {
        HttpResponse<String> created = api.post("/api/points/rules", adminA, rule("SELF_DECLARATION_APPROVED", 30));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(api.post("/api/points/rules", staffA, rule("SELF_DECLARATION_APPROVED", 30))
                        .statusCode())
                .isEqualTo(403);
        long before = points(staffA, memberA);

        HttpResponse<String> event = api.post(
                "/api/points/events",
                staffA,
                Map.of(
                        "type",
                        "SELF_DECLARATION_APPROVED",
                        "memberId",
                        memberA,
                        "attributes",
                        Map.of("item", "垃圾分类督导")));
        assertThat(event.statusCode()).as(event.body()).isEqualTo(202);
        assertThat(api.object(event).get("type")).isEqualTo("SELF_DECLARATION_APPROVED");
        Instant deadline = Instant.now().plusSeconds(20);
        while (points(staffA, memberA) == before) {
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(50);
        }
        assertThat(points(staffA, memberA)).isEqualTo(before + 30);
        assertThat(api.list(api.get("/api/points/rules?org=" + a.id(), staffA))).isNotEmpty();
    }

    @Test
    void a_large_adjustment_is_approved_by_a_second_administrator_over_the_api() {
        long before = points(staffA, memberA);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("memberId", memberA, "assetId", kindId, "amount", 1000, "memo", "抗疫志愿表彰");
        HttpResponse<String> pending =
                api.post("/api/points/adjustments", adminA, body, Map.of("Idempotency-Key", key));
        HttpResponse<String> replay = api.post("/api/points/adjustments", adminA, body, Map.of("Idempotency-Key", key));
        HttpResponse<String> reused = api.post(
                "/api/points/adjustments",
                adminA,
                Map.of("memberId", memberA, "assetId", kindId, "amount", 999, "memo", "改"),
                Map.of("Idempotency-Key", key));
        assertThat(pending.statusCode()).as(pending.body()).isEqualTo(202);
        assertThat(api.object(replay).get("id")).isEqualTo(api.object(pending).get("id"));
        assertThat(reused.statusCode()).isEqualTo(409);
        long id = ((Number) api.object(pending).get("id")).longValue();

        assertThat(api.list(api.get("/api/points/approvals", adminA2)))
                .extracting(x -> x.get("id"))
                .contains(api.object(pending).get("id"));
        HttpResponse<String> self = api.post("/api/points/approvals/" + id + "/approve", adminA, Map.of());
        HttpResponse<String> foreign = api.post("/api/points/approvals/" + id + "/approve", adminB, Map.of());
        HttpResponse<String> approved =
                api.post("/api/points/approvals/" + id + "/approve", adminA2, Map.of("note", "同意"));

        assertThat(self.statusCode()).isEqualTo(403);
        assertThat(api.code(self)).isEqualTo("SECOND_ADMINISTRATOR_REQUIRED");
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(api.object(approved).get("status")).isEqualTo("APPROVED");
        assertThat(points(staffA, memberA)).isEqualTo(before + 1000);

        HttpResponse<String> small = api.post(
                "/api/points/adjustments",
                staffA,
                Map.of("memberId", memberA, "assetId", kindId, "amount", -5, "memo", "迟到"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(small.statusCode()).as(small.body()).isEqualTo(201);
        assertThat(points(staffA, memberA)).isEqualTo(before + 995);
    }

    @Test
    void rankings_the_board_and_stars_are_visible_to_staff_and_the_members_own_community() {
        api.post(
                "/api/points/adjustments",
                staffA,
                Map.of("memberId", memberA, "assetId", kindId, "amount", 20, "memo", "值班"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        HttpResponse<String> ranking =
                api.get("/api/rankings?kind=" + kindId + "&org=" + a.id() + "&period=YEAR", volunteerA);
        assertThat(ranking.statusCode()).as(ranking.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines =
                (List<Map<String, Object>>) api.object(ranking).get("lines");
        assertThat(lines).extracting(x -> x.get("name")).contains("陈志愿");
        @SuppressWarnings("unchecked")
        Map<String, Object> me = (Map<String, Object>) api.object(ranking).get("me");
        assertThat(me.get("rank")).isEqualTo(1);

        assertThat(api.get("/api/rankings/board?kind=" + kindId + "&org=" + a.id(), staffA)
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.get("/api/rankings?kind=" + kindId + "&org=" + a.id(), adminB)
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.code(api.get("/api/rankings?kind=" + kindId + "&org=" + a.id() + "&period=DECADE", staffA)))
                .isEqualTo("PERIOD_INVALID");
        HttpResponse<String> stars = api.get("/api/members/" + memberA + "/stars", volunteerA);
        assertThat(stars.statusCode()).isEqualTo(200);
        assertThat(api.object(stars).get("stars")).isEqualTo(0);
        assertThat(api.get("/api/members/" + memberA + "/stars", adminB).statusCode())
                .isEqualTo(404);
    }

    @Test
    void bad_input_is_refused_with_a_stable_code() {
        Map<String, Object> badRule = rule("lower case", 5);
        Map<String, Object> zeroRule = rule("X", 0);
        Map<String, Object> foreignRule = rule("X", 5);
        foreignRule.put("organizationId", a.id());
        assertThat(api.code(api.post("/api/points/rules", adminA, badRule))).isEqualTo("EVENT_TYPE_INVALID");
        assertThat(api.code(api.post("/api/points/rules", adminA, zeroRule))).isEqualTo("POINTS_INVALID");
        assertThat(api.post("/api/points/rules", adminB, foreignRule).statusCode())
                .isEqualTo(404);
        assertThat(api.code(api.post("/api/points/events", staffA, Map.of("type", "<script>", "memberId", memberA))))
                .isEqualTo("EVENT_TYPE_INVALID");
        assertThat(api.code(api.post(
                        "/api/points/events", staffA, Map.of("type", "X", "memberId", memberA, "quantity", 0))))
                .isEqualTo("QUANTITY_INVALID");
        assertThat(api.post("/api/points/events", adminB, Map.of("type", "X", "memberId", memberA))
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.code(api.post(
                        "/api/points/adjustments",
                        staffA,
                        Map.of("memberId", memberA, "assetId", kindId, "amount", 0, "memo", "零"),
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()))))
                .isEqualTo("AMOUNT_INVALID");
        assertThat(api.code(api.post(
                        "/api/points/adjustments",
                        staffA,
                        Map.of("memberId", memberA, "assetId", kindId, "amount", 5),
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()))))
                .isEqualTo("MEMO_REQUIRED");
        assertThat(api.code(api.post(
                        "/api/points/kinds", adminA, Map.of("organizationId", a.id(), "code", "VOL", "name", "重复"))))
                .isEqualTo("POINT_KIND_CODE_TAKEN");
        assertThat(api.code(
                        api.put("/api/orgs/" + a.id() + "/points-settings", adminA, Map.of("approvalThreshold", 0))))
                .isEqualTo("THRESHOLD_INVALID");
    }
}
