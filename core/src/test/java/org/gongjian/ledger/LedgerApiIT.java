package org.gongjian.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.ids.IdGenerator;
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
 * The ledger API over real HTTP: posting with idempotency keys, scoping by organization, named
 * refusals, a corpus of bad input that changes nothing, statements, a member's own balances and
 * reconciliation.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerApiIT extends LedgerReconciles {

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

    @Inject
    IdGenerator ids;

    @Inject
    Ledger ledger;

    @Inject
    TransactionOperations<Connection> transactions;

    Api api;
    Organization a;
    Organization b;
    String staffA;
    String adminA;
    String adminB;
    String platformAdmin;
    String volunteerA;
    long memberA;
    long memberA2;
    long memberB;
    long issuanceA;
    long poolA;
    long issuanceB;
    long kind;

    @BeforeAll
    void two_communities_their_staff_and_members() {
        api = new Api(server, json);
        TestUsers users = new TestUsers(userAdmin, api);
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "账本街道");
        a = organizations.createChild(street, OrganizationKind.COMMUNITY, "甲社区");
        b = organizations.createChild(street, OrganizationKind.COMMUNITY, "乙社区");
        memberA =
                members.create(Caller.system(), MemberInput.named(a.id(), "张甲")).id();
        memberA2 =
                members.create(Caller.system(), MemberInput.named(a.id(), "李甲")).id();
        memberB =
                members.create(Caller.system(), MemberInput.named(b.id(), "王乙")).id();
        kind = TestAssets.pointKind(transactions, street, false);
        staffA = users.token("ledger-staff-a", Role.ORG_STAFF, a, null);
        adminA = users.token("ledger-admin-a", Role.ORG_ADMIN, a, null);
        adminB = users.token("ledger-admin-b", Role.ORG_ADMIN, b, null);
        platformAdmin = users.token("ledger-platform", Role.PLATFORM_ADMIN, null, null);
        volunteerA = users.token("ledger-volunteer-a", Role.VOLUNTEER, a, memberA);
        issuanceA = orgAccount(staffA, a, "ISSUANCE");
        poolA = orgAccount(staffA, a, "POOL");
        issuanceB = orgAccount(adminB, b, "ISSUANCE");
    }

    private long orgAccount(String token, Organization org, String type) {
        HttpResponse<String> response = api.get("/api/orgs/" + org.id() + "/accounts?asset=" + kind, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return api.list(response).stream()
                .filter(x -> type.equals(x.get("ownerType")))
                .map(x -> ((Number) x.get("id")).longValue())
                .findFirst()
                .orElseThrow();
    }

    /** The member's account of the test's point kind. */
    private long memberAccount(String token, long memberId) {
        return memberAccount(token, memberId, kind);
    }

    private long memberAccount(String token, long memberId, long asset) {
        ledger.open(asset, OwnerType.MEMBER, memberId, "");
        HttpResponse<String> response = api.get("/api/members/" + memberId + "/accounts", token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return api.list(response).stream()
                .filter(x -> ((Number) x.get("assetId")).longValue() == asset)
                .map(x -> ((Number) x.get("id")).longValue())
                .findFirst()
                .orElseThrow();
    }

    private long balance(String token, long memberId) {
        return api.list(api.get("/api/members/" + memberId + "/accounts", token)).stream()
                .filter(x -> ((Number) x.get("assetId")).longValue() == kind)
                .map(x -> ((Number) x.get("balance")).longValue())
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, Object> transfer(long debit, long credit, Object amount) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("debitAccountId", debit);
        t.put("creditAccountId", credit);
        t.put("amount", amount);
        t.put("reasonCode", "SERVICE_DEPOSIT");
        t.put("category", "VOLUNTEER");
        t.put("memo", "助老服务");
        return t;
    }

    private HttpResponse<String> post(String token, String key, Organization org, List<Map<String, Object>> transfers) {
        Map<String, String> headers = key == null ? Map.of() : Map.of("Idempotency-Key", key);
        return api.post(
                "/api/ledger/transfers", token, Map.of("organizationId", org.id(), "transfers", transfers), headers);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    /** Counts of every ledger table: equal before and after means nothing was stored. */
    private List<Long> ledgerFingerprint() {
        return transactions.executeRead(status -> {
            List<Long> counts = new ArrayList<>();
            for (String table : List.of("ledger_request", "ledger_transfer", "ledger_entry")) {
                try (PreparedStatement s = status.getConnection().prepareStatement("SELECT COUNT(*) FROM " + table);
                        ResultSet rs = s.executeQuery()) {
                    rs.next();
                    counts.add(rs.getLong(1));
                }
            }
            try (PreparedStatement s =
                            status.getConnection().prepareStatement("SELECT SUM(ABS(balance)) FROM ledger_account");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                counts.add(rs.getLong(1));
            }
            return counts;
        });
    }

    @Test
    void staff_post_an_award_a_replay_answers_the_first_result_and_other_content_answers_409() {
        long account = memberAccount(staffA, memberA2);
        String key = key();
        HttpResponse<String> first = post(staffA, key, a, List.of(transfer(issuanceA, account, 120)));
        HttpResponse<String> replay = post(staffA, key, a, List.of(transfer(issuanceA, account, 120)));
        HttpResponse<String> other = post(staffA, key, a, List.of(transfer(issuanceA, account, 121)));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(api.object(first).get("result")).isEqualTo("OK");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(api.object(replay).get("requestId"))
                .isEqualTo(api.object(first).get("requestId"));
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(api.code(other)).isEqualTo("DUPLICATE_WITH_DIFFERENT_CONTENT");
        assertThat(balance(staffA, memberA2)).isEqualTo(120);

        HttpResponse<String> statement = api.get("/api/members/" + memberA2 + "/statement?asset=" + kind, staffA);
        assertThat(statement.statusCode()).isEqualTo(200);
        Map<String, Object> line = api.list(statement).getFirst();
        assertThat(line.get("amount")).isEqualTo(120);
        assertThat(line.get("balance")).isEqualTo(120);
        @SuppressWarnings("unchecked")
        Map<String, Object> transfer = (Map<String, Object>) line.get("transfer");
        assertThat(transfer.get("reasonCode")).isEqualTo("SERVICE_DEPOSIT");
        assertThat(transfer.get("category")).isEqualTo("VOLUNTEER");
        assertThat(transfer.get("memo")).isEqualTo("助老服务");
    }

    @Test
    void a_refusal_is_422_with_its_name_and_stays_the_keys_result() {
        long account = memberAccount(staffA, memberA);
        String key = key();
        HttpResponse<String> refused = post(staffA, key, a, List.of(transfer(account, issuanceA, 400)));
        HttpResponse<String> again = post(staffA, key, a, List.of(transfer(account, issuanceA, 400)));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(api.code(refused)).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(refused.body()).contains("transfers[0]");
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    }

    @Test
    void staff_and_administrators_post_neither_points_above_the_approval_threshold_nor_time_by_hand() {
        long member =
                members.create(Caller.system(), MemberInput.named(a.id(), "赵甲")).id();
        long account = memberAccount(staffA, member);
        long issuanceTime = orgAccountOf(Asset.TIME_ID, "ISSUANCE");
        long time = memberAccount(staffA, member, Asset.TIME_ID);
        long threshold = org.gongjian.points.PointsSettings.DEFAULT_APPROVAL_THRESHOLD * 10;
        List<Long> before = ledgerFingerprint();

        List<String> answers = new ArrayList<>();
        for (String token : List.of(staffA, adminA)) {
            for (List<Map<String, Object>> transfers : List.of(
                    List.of(transfer(issuanceA, account, 100_000)),
                    List.of(transfer(issuanceA, account, threshold), transfer(issuanceA, account, 1)),
                    List.of(transfer(account, issuanceA, threshold + 1)),
                    List.of(transfer(issuanceTime, time, 240 * 60)))) {
                HttpResponse<String> r = post(token, key(), a, transfers);
                answers.add(r.statusCode() + " " + api.code(r));
            }
        }

        assertThat(answers)
                .containsExactly(
                        "422 APPROVAL_REQUIRED",
                        "422 APPROVAL_REQUIRED",
                        "422 APPROVAL_REQUIRED",
                        "422 USE_TIME_BANK",
                        "422 APPROVAL_REQUIRED",
                        "422 APPROVAL_REQUIRED",
                        "422 APPROVAL_REQUIRED",
                        "422 USE_TIME_BANK");
        List<Long> after = ledgerFingerprint();
        assertThat(after.subList(1, 4))
                .as("nothing was posted by the refused requests")
                .isEqualTo(before.subList(1, 4));
        HttpResponse<String> atTheThreshold = post(staffA, key(), a, List.of(transfer(issuanceA, account, threshold)));
        assertThat(atTheThreshold.statusCode()).as(atTheThreshold.body()).isEqualTo(201);
    }

    @Test
    void another_communitys_accounts_and_members_answer_404_like_missing_ones_and_nothing_changes() {
        long accountB = memberAccount(adminB, memberB);
        List<Long> before = ledgerFingerprint();

        HttpResponse<String> foreignAccount = post(staffA, key(), a, List.of(transfer(issuanceA, accountB, 10)));
        HttpResponse<String> foreignIssuance =
                post(staffA, key(), a, List.of(transfer(issuanceB, memberAccount(staffA, memberA), 10)));
        HttpResponse<String> foreignOrg = post(staffA, key(), b, List.of(transfer(issuanceB, accountB, 10)));
        HttpResponse<String> missing = post(staffA, key(), a, List.of(transfer(issuanceA, ids.next(), 10)));

        for (HttpResponse<String> r : List.of(foreignAccount, foreignIssuance, foreignOrg, missing)) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
            assertThat(api.code(r)).isEqualTo("NOT_FOUND");
        }
        assertThat(api.get("/api/members/" + memberB + "/accounts", staffA).statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/members/" + memberB + "/statement", staffA).statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/orgs/" + b.id() + "/accounts", staffA).statusCode())
                .isEqualTo(404);
        assertThat(ledgerFingerprint()).isEqualTo(before);
    }

    @Test
    void bad_input_is_refused_with_a_stable_code_and_changes_nothing() {
        long account = memberAccount(staffA, memberA);
        long time = memberAccount(staffA, memberA, Asset.TIME_ID);
        long otherTime = memberAccount(staffA, memberA2, Asset.TIME_ID);
        long points = TestAssets.pointKind(transactions, a, false);
        long pointsAccount = orgAccountOf(points);
        Map<String, Object> scriptReason = transfer(issuanceA, account, 5);
        scriptReason.put("reasonCode", "<script>alert(1)</script>");
        Map<String, Object> sqlCategory = transfer(issuanceA, account, 5);
        sqlCategory.put("category", "X'; DROP TABLE ledger_transfer; --");
        Map<String, Object> longMemo = transfer(issuanceA, account, 5);
        longMemo.put("memo", "长".repeat(201));
        Map<String, Object> halfSource = transfer(issuanceA, account, 5);
        halfSource.put("sourceType", "ACTIVITY");

        Map<String, Object> corpus = new LinkedHashMap<>();
        corpus.put("400 AMOUNT_NOT_POSITIVE zero", List.of(transfer(issuanceA, account, 0)));
        corpus.put("400 AMOUNT_NOT_POSITIVE negative", List.of(transfer(issuanceA, account, -5)));
        corpus.put("400 AMOUNT_TOO_LARGE", List.of(transfer(issuanceA, account, 1_000_000_000_001L)));
        corpus.put(
                "400 INVALID_NUMBER overflowing",
                List.of(transfer(issuanceA, account, new java.math.BigInteger("99999999999999999999999"))));
        corpus.put("400 INVALID_NUMBER text amount", List.of(transfer(issuanceA, account, "十")));
        corpus.put("400 SAME_ACCOUNT", List.of(transfer(account, account, 5)));
        corpus.put("400 INVALID_REASON_CODE", List.of(scriptReason));
        corpus.put("400 INVALID_CATEGORY", List.of(sqlCategory));
        corpus.put("400 MEMO_TOO_LONG", List.of(longMemo));
        corpus.put("400 INVALID_SOURCE", List.of(halfSource));
        corpus.put("400 NO_TRANSFERS", List.of());
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(transfer(issuanceA, account, 1));
        }
        corpus.put("400 TOO_MANY_TRANSFERS", tooMany);
        corpus.put("422 ASSET_MISMATCH", List.of(transfer(issuanceA, pointsAccount, 5)));
        corpus.put("422 USE_TIME_BANK", List.of(transfer(time, otherTime, 5)));

        List<Long> before = ledgerFingerprint();
        List<String> answers = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        corpus.forEach((expectation, transfers) -> {
            @SuppressWarnings("unchecked")
            HttpResponse<String> r = post(staffA, key(), a, (List<Map<String, Object>>) transfers);
            expected.add(expectation.split(" ")[0] + " " + expectation.split(" ")[1]);
            answers.add(r.statusCode() + " " + api.code(r));
        });
        HttpResponse<String> noKey = post(staffA, null, a, List.of(transfer(issuanceA, account, 5)));
        HttpResponse<String> badKey = post(staffA, "k".repeat(129), a, List.of(transfer(issuanceA, account, 5)));
        HttpResponse<String> notJson =
                api.post("/api/ledger/transfers", staffA, "{\"organizationId\": ", Map.of("Idempotency-Key", key()));

        assertThat(answers).containsExactlyElementsOf(expected);
        assertThat(noKey.statusCode() + " " + api.code(noKey)).isEqualTo("400 IDEMPOTENCY_KEY_REQUIRED");
        assertThat(badKey.statusCode() + " " + api.code(badKey)).isEqualTo("400 INVALID_IDEMPOTENCY_KEY");
        assertThat(notJson.statusCode()).isEqualTo(400);
        List<Long> after = ledgerFingerprint();
        // the ASSET_MISMATCH and USE_TIME_BANK refusals are decided results of their keys: one
        // request row each, nothing else
        assertThat(after.subList(1, 4)).isEqualTo(before.subList(1, 4));
        assertThat(after.getFirst()).isEqualTo(before.getFirst() + 2);
    }

    private long orgAccountOf(long points) {
        return orgAccountOf(points, "POOL");
    }

    private long orgAccountOf(long asset, String type) {
        HttpResponse<String> response = api.get("/api/orgs/" + a.id() + "/accounts?asset=" + asset, staffA);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ((Number) api.list(response).stream()
                        .filter(x -> type.equals(x.get("ownerType")))
                        .findFirst()
                        .orElseThrow()
                        .get("id"))
                .longValue();
    }

    @Test
    void a_volunteer_sees_their_own_balances_and_nobody_elses() {
        long account = memberAccount(staffA, memberA);
        HttpResponse<String> award = post(staffA, key(), a, List.of(transfer(issuanceA, account, 30)));
        assertThat(award.statusCode()).isEqualTo(201);

        HttpResponse<String> mine = api.get("/api/me/points", volunteerA);
        HttpResponse<String> someoneElse = api.get("/api/members/" + memberA2 + "/accounts", volunteerA);
        HttpResponse<String> staffHasNoMember = api.get("/api/me/points", staffA);
        HttpResponse<String> volunteerPosts = post(volunteerA, key(), a, List.of(transfer(issuanceA, account, 30)));

        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        Map<String, Object> body = api.object(mine);
        assertThat(((Number) body.get("memberId")).longValue()).isEqualTo(memberA);
        assertThat(mine.body()).contains("\"assetType\":\"TIME\"");
        assertThat(someoneElse.statusCode()).isEqualTo(404);
        assertThat(staffHasNoMember.statusCode()).isEqualTo(404);
        assertThat(volunteerPosts.statusCode()).isEqualTo(404);
    }

    @Test
    void platform_administrators_reconcile_and_others_may_not() {
        HttpResponse<String> denied = api.post("/api/ledger/reconciliation", staffA, Map.of());
        HttpResponse<String> run = api.post("/api/ledger/reconciliation", platformAdmin, Map.of());
        HttpResponse<String> last = api.get("/api/ledger/reconciliation", platformAdmin);

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(api.object(run).get("ok")).isEqualTo(true);
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = (Map<String, Object>) api.object(last).get("last");
        assertThat(stored.get("id")).isEqualTo(api.object(run).get("id"));
        assertThat(new HashMap<>(stored)).containsEntry("triggeredBy", "ledger-platform");
    }
}
