package org.gongjian.timebank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gongjian.timebank.TimeBankWorld.key;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.security.UserAdmin;
import org.gongjian.testing.Api;
import org.gongjian.testing.LedgerReconciles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The time-bank API over real HTTP with real users, grants and tokens: status codes of new,
 * replayed, conflicting and refused postings; scoping (a secretary of community A cannot deposit
 * for a member of B, and gets 404 exactly as for a missing member); self-service as a member; and
 * a corpus of bad inputs, each answered 400 with its code and no change at all.
 *
 * <p>One world for the class: a street with communities A and B; an administrator and a staff
 * member of A, an administrator of B, an administrator of the street; members of A signed in as
 * themselves (aged 59 and 70); a volunteer without a member record.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimeBankApiIT extends LedgerReconciles {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "a-long-password-1";

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    Organizations organizations;

    @Inject
    UserAdmin users;

    @Inject
    TimeBankWorld world;

    Api api;
    Organization street;
    Organization a;
    Organization gridA;
    Organization b;
    String adminA;
    String staffA;
    String adminB;
    String streetAdmin;
    String young;
    String elder;
    String stranger;
    long youngId;
    long elderId;
    long memberB;

    @BeforeAll
    void a_street_with_two_communities_and_their_people() {
        api = new Api(server, json);
        street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "时间银行街道");
        a = organizations.createChild(street, OrganizationKind.COMMUNITY, "A社区");
        gridA = organizations.createChild(a, OrganizationKind.GRID, "A一网格");
        b = organizations.createChild(street, OrganizationKind.COMMUNITY, "B社区");
        adminA = user("tb-admin-a", null, Role.ORG_ADMIN, a);
        staffA = user("tb-staff-a", null, Role.ORG_STAFF, a);
        adminB = user("tb-admin-b", null, Role.ORG_ADMIN, b);
        streetAdmin = user("tb-admin-street", null, Role.ORG_ADMIN, street);
        youngId = world.aged(gridA, "小李", 59);
        elderId = world.aged(gridA, "老王", 70);
        memberB = world.aged(b, "乙居民", 70);
        young = user("tb-young", youngId, Role.VOLUNTEER, a);
        elder = user("tb-elder", elderId, Role.VOLUNTEER, a);
        stranger = user("tb-stranger", null, Role.VOLUNTEER, a);
    }

    @Test
    void a_deposit_answers_201_its_retry_200_replayed_and_the_key_with_other_content_409() throws Exception {
        long member = world.aged(gridA, "存入者", 30);
        String key = key();
        Map<String, Object> body = deposit(member, 90);

        HttpResponse<String> first = post("/api/timebank/deposits", adminA, key, body);
        HttpResponse<String> retry = post("/api/timebank/deposits", adminA, key, body);
        body.put("minutes", 91);
        HttpResponse<String> other = post("/api/timebank/deposits", adminA, key, body);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(api.object(first).get("result")).isEqualTo("OK");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(api.object(retry).get("requestId"))
                .isEqualTo(api.object(first).get("requestId"));
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(api.code(other)).isEqualTo("DUPLICATE_WITH_DIFFERENT_CONTENT");
        assertThat(world.balance(member)).isEqualTo(90);

        HttpResponse<String> account = api.get("/api/timebank/members/" + member, staffA);
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(api.object(account)).containsEntry("balanceMinutes", 90).containsEntry("balanceHours", 1.5);
    }

    @Test
    void a_secretary_of_a_cannot_deposit_for_a_member_of_b_and_gets_404_like_for_a_missing_member() throws Exception {
        var before = world.fingerprint();

        HttpResponse<String> other = post("/api/timebank/deposits", adminA, key(), deposit(memberB, 60));
        HttpResponse<String> missing = post("/api/timebank/deposits", adminA, key(), deposit(Long.MAX_VALUE - 7, 60));
        Map<String, Object> fromB = deposit(youngId, 60);
        fromB.put("organizationId", b.id());
        HttpResponse<String> otherIssuance = post("/api/timebank/deposits", adminA, key(), fromB);

        for (HttpResponse<String> answer : List.of(other, missing, otherIssuance)) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
            assertThat(api.code(answer)).isEqualTo("NOT_FOUND");
        }
        assertThat(other.body()).isEqualTo(missing.body());
        assertThat(api.get("/api/timebank/members/" + memberB, adminA).statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/timebank/members/" + memberB + "/statement", adminA)
                        .statusCode())
                .isEqualTo(404);
        world.assertUnchanged(before);

        assertThat(post("/api/timebank/deposits", streetAdmin, key(), deposit(memberB, 60))
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void bad_input_is_answered_400_with_a_stable_code_and_changes_nothing() throws Exception {
        var before = world.fingerprint();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"memberId\":%d,\"minutes\":0,\"reason\":\"服务\",\"evidence\":\"记录\"}", "MINUTES_NOT_POSITIVE");
        cases.put("{\"memberId\":%d,\"minutes\":-60,\"reason\":\"服务\",\"evidence\":\"记录\"}", "MINUTES_NOT_POSITIVE");
        cases.put("{\"memberId\":%d,\"minutes\":1441,\"reason\":\"服务\",\"evidence\":\"记录\"}", "MINUTES_TOO_LARGE");
        cases.put(
                "{\"memberId\":%d,\"minutes\":9223372036854775807,\"reason\":\"服务\",\"evidence\":\"记录\"}",
                "MINUTES_TOO_LARGE");
        cases.put(
                "{\"memberId\":%d,\"minutes\":99999999999999999999999,\"reason\":\"服务\",\"evidence\":\"记录\"}",
                "INVALID_NUMBER");
        cases.put("{\"memberId\":%d,\"minutes\":\"sixty\",\"reason\":\"服务\",\"evidence\":\"记录\"}", "INVALID_NUMBER");
        cases.put("{\"memberId\":%d,\"reason\":\"服务\",\"evidence\":\"记录\"}", "MINUTES_REQUIRED");
        cases.put("{\"memberId\":%d,\"minutes\":60,\"evidence\":\"记录\"}", "REASON_REQUIRED");
        cases.put("{\"memberId\":%d,\"minutes\":60,\"reason\":\"   \",\"evidence\":\"记录\"}", "REASON_REQUIRED");
        cases.put("{\"memberId\":%d,\"minutes\":60,\"reason\":\"服务\"}", "EVIDENCE_REQUIRED");
        cases.put(
                "{\"memberId\":%d,\"minutes\":60,\"reason\":\"<script>alert(1)</script>\",\"evidence\":\"记录\"}",
                "REASON_CHARACTERS");
        cases.put(
                "{\"memberId\":%d,\"minutes\":60,\"reason\":\"服务\",\"evidence\":\"<img src=x onerror=alert(1)>\"}",
                "EVIDENCE_CHARACTERS");
        cases.put("{\"memberId\":%d,\"minutes\":60,\"reason\":\"服务\\u0000\",\"evidence\":\"记录\"}", "REASON_CHARACTERS");
        cases.put(
                "{\"memberId\":%d,\"minutes\":60,\"reason\":\"" + "长".repeat(81) + "\",\"evidence\":\"记录\"}",
                "REASON_TOO_LONG");
        cases.put(
                "{\"memberId\":%d,\"minutes\":60,\"reason\":\"服务\",\"evidence\":\"记录\",\"sourceType\":\"activity\","
                        + "\"sourceRef\":\"1\"}",
                "SOURCE_INVALID");
        cases.put(
                "{\"memberId\":%d,\"minutes\":60,\"reason\":\"服务\",\"evidence\":\"记录\",\"sourceRef\":\"1; DROP\"}",
                "SOURCE_INVALID");
        cases.put("{\"minutes\":60,\"reason\":\"服务\",\"evidence\":\"记录\"}", "MEMBER_REQUIRED");
        cases.put("{\"memberId\":\"1 OR 1=1\",\"minutes\":60,\"reason\":\"服务\",\"evidence\":\"记录\"}", "INVALID_NUMBER");
        cases.put("not json at all", "MALFORMED_REQUEST");

        for (var c : cases.entrySet()) {
            String body = c.getKey().contains("%d") ? c.getKey().formatted(youngId) : c.getKey();
            HttpResponse<String> answer = post("/api/timebank/deposits", adminA, key(), body);
            assertThat(answer.statusCode()).as(body + " → " + answer.body()).isEqualTo(400);
            assertThat(api.code(answer)).as(body).isEqualTo(c.getValue());
        }

        Map<String, Object> good = deposit(youngId, 60);
        HttpResponse<String> noKey = post("/api/timebank/deposits", adminA, null, good);
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(api.code(noKey)).isEqualTo("IDEMPOTENCY_KEY_REQUIRED");
        for (String badKey : List.of("with space", "k".repeat(129))) {
            HttpResponse<String> answer = post("/api/timebank/deposits", adminA, badKey, good);
            assertThat(answer.statusCode()).as(badKey).isEqualTo(400);
            assertThat(api.code(answer)).isEqualTo("INVALID_IDEMPOTENCY_KEY");
        }
        HttpResponse<String> sameMember = post("/api/me/timebank/payments", elder, key(), toMember(elderId, 10));
        assertThat(api.code(sameMember)).isEqualTo("SAME_MEMBER");
        HttpResponse<String> badPolicy =
                put("/api/timebank/policies/" + a.id(), adminA, Map.of("spendingMinAge", -1, "storageCapMinutes", 60));
        assertThat(api.code(badPolicy)).isEqualTo("POLICY_FIELD_REQUIRED");
        HttpResponse<String> badAge = put("/api/timebank/policies/" + a.id(), adminA, policy(200, 600, true, true));
        assertThat(api.code(badAge)).isEqualTo("MIN_AGE_INVALID");
        HttpResponse<String> badPeriod =
                api.get("/api/timebank/flows?org=" + a.id() + "&from=2025-02-01&to=2025-01-01", adminA);
        assertThat(api.code(badPeriod)).isEqualTo("PERIOD_INVALID");
        HttpResponse<String> badLimit = api.get("/api/me/timebank/statement?limit=100000", elder);
        assertThat(api.code(badLimit)).isEqualTo("LIMIT_INVALID");

        world.assertUnchanged(before);
    }

    @Test
    void refusals_are_answered_422_with_the_results_name_and_change_no_balance() throws Exception {
        long giver = world.aged(gridA, "哥哥", 30);
        long sibling = world.aged(gridA, "弟弟", 28);
        long head = world.aged(gridA, "父亲", 58);
        world.household(gridA, head, "HEAD", giver, "CHILD", sibling, "CHILD");
        assertThat(post("/api/timebank/deposits", adminA, key(), deposit(youngId, 60))
                        .statusCode())
                .isEqualTo(201);
        assertThat(post("/api/timebank/deposits", adminA, key(), deposit(giver, 60))
                        .statusCode())
                .isEqualTo(201);

        String payKey = key();
        HttpResponse<String> tooYoung = post("/api/me/timebank/payments", young, payKey, toMember(elderId, 30));
        HttpResponse<String> tooYoungAgain = post("/api/me/timebank/payments", young, payKey, toMember(elderId, 30));
        Map<String, Object> gift = Map.of("fromMemberId", giver, "toMemberId", sibling, "minutes", 10);
        HttpResponse<String> toSibling = post("/api/timebank/gifts", staffA, key(), gift);
        HttpResponse<String> tooMuch = post(
                "/api/timebank/gifts", staffA, key(), Map.of("fromMemberId", giver, "toMemberId", head, "minutes", 61));

        assertThat(tooYoung.statusCode()).isEqualTo(422);
        assertThat(api.code(tooYoung)).isEqualTo("SPENDING_AGE_NOT_REACHED");
        assertThat(tooYoung.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(tooYoungAgain.statusCode()).isEqualTo(422);
        assertThat(api.code(tooYoungAgain)).isEqualTo("SPENDING_AGE_NOT_REACHED");
        assertThat(tooYoungAgain.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(toSibling.statusCode()).isEqualTo(422);
        assertThat(api.code(toSibling)).isEqualTo("NOT_A_DIRECT_RELATIVE");
        assertThat(tooMuch.statusCode()).isEqualTo(422);
        assertThat(api.code(tooMuch)).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(world.balance(youngId)).isGreaterThanOrEqualTo(60);
        assertThat(world.balance(giver)).isEqualTo(60);
        assertThat(world.balance(sibling)).isZero();

        HttpResponse<String> recipients = api.get("/api/timebank/members/" + giver + "/gift-recipients", staffA);
        assertThat(recipients.statusCode()).isEqualTo(200);
        assertThat(api.list(recipients))
                .as("the father, not the brother")
                .extracting(r -> ((Number) r.get("memberId")).longValue())
                .containsExactly(head);
        assertThat(api.list(api.get("/api/me/timebank/gift-recipients", young)))
                .as("no household")
                .isEmpty();
    }

    @Test
    void an_administrator_sets_a_smaller_cap_for_a_subtree_and_a_deposit_beyond_it_is_limit_exceeded()
            throws Exception {
        Organization gridA2 = organizations.createChild(a, OrganizationKind.GRID, "A二网格");
        long member = world.aged(gridA2, "封顶", 40);

        HttpResponse<String> byStaff = put("/api/timebank/policies/" + gridA2.id(), staffA, policy(60, 60, true, true));
        HttpResponse<String> byOther = put("/api/timebank/policies/" + gridA2.id(), adminB, policy(60, 60, true, true));
        HttpResponse<String> set = put("/api/timebank/policies/" + gridA2.id(), adminA, policy(60, 60, true, true));

        assertThat(byStaff.statusCode()).isEqualTo(403);
        assertThat(byOther.statusCode()).isEqualTo(404);
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(api.object(set)).containsEntry("definedBy", gridA2.id()).containsEntry("storageCapHours", 1.0);
        assertThat(api.object(api.get("/api/timebank/policies/" + gridA2.id(), staffA)))
                .containsEntry("storageCapMinutes", 60);
        assertThat(post("/api/timebank/deposits", adminA, key(), deposit(member, 60))
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> over = post("/api/timebank/deposits", adminA, key(), deposit(member, 1));
        assertThat(over.statusCode()).isEqualTo(422);
        assertThat(api.code(over)).isEqualTo("LIMIT_EXCEEDED");
        assertThat(world.count(
                        "SELECT COUNT(*) FROM audit_log WHERE action = 'TIME_BANK_POLICY_SET' AND target_id = ?",
                        gridA2.id()))
                .isOne();

        HttpResponse<String> cleared = send(HttpRequest.newBuilder(uri("/api/timebank/policies/" + gridA2.id()))
                .header("Authorization", "Bearer " + adminA)
                .DELETE());
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(api.object(cleared).get("definedBy")).isNull();
    }

    @Test
    void a_member_signed_in_as_themself_reads_their_balance_and_statement_and_pays_as_themself() throws Exception {
        assertThat(post("/api/timebank/deposits", adminA, key(), deposit(elderId, 150))
                        .statusCode())
                .isEqualTo(201);

        HttpResponse<String> paid = post("/api/me/timebank/payments", elder, key(), toMember(memberB, 30));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
        HttpResponse<String> donated =
                post("/api/me/timebank/donations", elder, key(), Map.of("minutes", 30, "memo", "献爱心"));
        assertThat(donated.statusCode()).as(donated.body()).isEqualTo(201);
        HttpResponse<String> spent =
                post("/api/me/timebank/redemptions", elder, key(), Map.of("organizationId", b.id(), "minutes", 15));
        assertThat(spent.statusCode()).as(spent.body()).isEqualTo(201);

        Map<String, Object> me = api.object(api.get("/api/me/timebank", elder));
        assertThat(me).containsEntry("memberId", elderId).containsEntry("balanceMinutes", 75);
        assertThat(me.get("balanceHours")).isEqualTo(1.3);
        assertThat(me).containsEntry("maySpend", true);
        List<Map<String, Object>> statement = api.list(api.get("/api/me/timebank/statement?limit=10", elder));
        assertThat(statement)
                .extracting(l -> l.get("reasonCode"))
                .containsExactly("REDEMPTION", "DONATION", "PAYMENT", "SERVICE_DEPOSIT");
        assertThat(statement.get(0)).containsEntry("minutes", -15).containsEntry("hours", -0.3);
        assertThat(statement.get(1)).containsEntry("counterpartyType", "POOL").containsEntry("counterpartyName", "A社区");

        HttpResponse<String> notMember = api.get("/api/me/timebank", stranger);
        assertThat(notMember.statusCode()).isEqualTo(404);
        assertThat(post("/api/me/timebank/payments", stranger, key(), toMember(elderId, 1))
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/timebank/members/" + elderId, young).statusCode())
                .as("another member's account")
                .isEqualTo(404);

        HttpResponse<String> flows = api.get("/api/timebank/flows?org=" + street.id(), streetAdmin);
        assertThat(flows.statusCode()).isEqualTo(200);
        assertThat((List<?>) api.object(flows).get("flows")).anySatisfy(f -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> flow = (Map<String, Object>) f;
            assertThat(flow).containsEntry("organizationId", b.id()).containsEntry("memberCommunityId", a.id());
            assertThat(flow).containsEntry("spentMinutes", 15).containsEntry("crossCommunity", true);
        });
        assertThat(api.get("/api/timebank/flows?org=" + street.id(), adminA).statusCode())
                .isEqualTo(404);
    }

    // --- helpers

    private static Map<String, Object> deposit(long memberId, long minutes) {
        Map<String, Object> body = new HashMap<>();
        body.put("memberId", memberId);
        body.put("minutes", minutes);
        body.put("reason", "敬老院陪护");
        body.put("evidence", "签到表");
        return body;
    }

    private static Map<String, Object> toMember(long memberId, long minutes) {
        return Map.of("memberId", memberId, "minutes", minutes);
    }

    private static Map<String, Object> policy(int age, long cap, boolean gifts, boolean donations) {
        return Map.of(
                "spendingMinAge", age, "storageCapMinutes", cap, "giftsAllowed", gifts, "donationsAllowed", donations);
    }

    private String user(String username, Long memberId, Role role, Organization org) {
        long id = users.createUser(Caller.system(), username, PASSWORD, memberId, false)
                .user()
                .id();
        users.grant(Caller.system(), id, role, org.id());
        return api.token(username, PASSWORD);
    }

    private HttpResponse<String> post(String path, String token, String key, Object body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        body instanceof String text ? text : json.writeValueAsString(body)));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return send(request);
    }

    private HttpResponse<String> put(String path, String token, Object body) {
        return api.put(path, token, body);
    }

    private URI uri(String path) {
        return URI.create(server.getURI() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
