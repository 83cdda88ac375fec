package org.gongjian.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.Grant;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditEntry;
import org.gongjian.audit.AuditFilter;
import org.gongjian.audit.AuditLog;
import org.gongjian.ids.IdGenerator;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.testing.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The users API over real HTTP with real users and grants: a street with communities A and B (A
 * with a grid); a platform administrator, a secretary of A, a secretary of B and staff of A. A user
 * of B answers a secretary of A exactly like a missing one, refusals leave an audit entry, and bad
 * input answers a stable code without changing anything.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsersApiIT {

    private static final String PASSWORD = "a-long-password-1";

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    Accounts accounts;

    @Inject
    UserAdmin admin;

    @Inject
    Callers callers;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Inject
    AuditLog audit;

    @Inject
    IdGenerator ids;

    Api api;
    String prefix;
    Organization street;
    Organization a;
    Organization gridA;
    Organization b;
    String platform;
    String secretaryA;
    long secretaryAId;
    String secretaryB;
    String staffA;
    long staffAId;
    long secretaryBId;

    @BeforeAll
    void a_street_with_two_communities_and_their_administrators() {
        api = new Api(server, json);
        prefix = "u" + Long.toString(ids.next() % 1_000_000_000L, 36) + "-";
        street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, prefix + "街道党工委");
        a = organizations.createChild(street, OrganizationKind.COMMUNITY, "阳光社区");
        gridA = organizations.createChild(a, OrganizationKind.GRID, "阳光一网格");
        b = organizations.createChild(street, OrganizationKind.COMMUNITY, "和平社区");
        accounts.createUser(prefix + "platform", PASSWORD, false, Set.of(Role.PLATFORM_ADMIN));
        platform = api.token(prefix + "platform", PASSWORD);
        secretaryAId = user("sec-a", Role.ORG_ADMIN, a);
        secretaryA = token("sec-a");
        secretaryBId = user("sec-b", Role.ORG_ADMIN, b);
        secretaryB = token("sec-b");
        staffAId = user("staff-a", Role.ORG_STAFF, a);
        staffA = token("staff-a");
    }

    @Test
    void a_secretary_lists_the_users_of_her_community_only_and_the_platform_administrator_all() {
        long helperOfA = user("helper-a", Role.VOLUNTEER, gridA);
        long helperOfB = user("helper-b", Role.VOLUNTEER, b);

        Map<String, Object> seenByA = api.object(api.get("/api/users?q=" + prefix, secretaryA));
        Map<String, Object> seenByPlatform = api.object(api.get("/api/users?q=" + prefix + "&size=200", platform));

        assertThat(ids(seenByA)).contains(helperOfA, staffAId).doesNotContain(helperOfB, secretaryBId);
        assertThat(ids(seenByPlatform)).contains(helperOfA, helperOfB, staffAId, secretaryBId);
        assertThat(((Number) seenByA.get("total")).longValue())
                .isEqualTo(ids(seenByA).size());
        Map<String, Object> helper = item(seenByA, helperOfA);
        assertThat(helper.get("username")).isEqualTo(prefix + "helper-a");
        assertThat(helper.get("enabled")).isEqualTo(true);
        assertThat(helper.get("roles"))
                .isEqualTo(List.of(
                        Map.of("role", "VOLUNTEER", "organizationId", gridA.id(), "organizationName", "阳光一网格")));
        // The organization filter, the second page, and a sibling's organization.
        assertThat(ids(api.object(api.get("/api/users?q=" + prefix + "&org=" + gridA.id(), secretaryA))))
                .containsExactly(helperOfA);
        Map<String, Object> secondPage = api.object(api.get("/api/users?q=" + prefix + "&page=1&size=1", secretaryA));
        assertThat(ids(secondPage)).hasSize(1);
        assertThat(secondPage.get("total")).isEqualTo(seenByA.get("total"));
        assertThat(api.get("/api/users?org=" + b.id(), secretaryA).statusCode()).isEqualTo(404);
        // Staff manage no users: an empty page, and no single user either.
        assertThat(ids(api.object(api.get("/api/users?q=" + prefix, staffA)))).isEmpty();
        assertThat(api.get("/api/users/" + helperOfA, staffA).statusCode()).isEqualTo(404);
    }

    @Test
    void a_secretary_creates_a_user_with_a_role_in_her_community_and_sees_the_one_time_password_once() {
        HttpResponse<String> created = api.post(
                "/api/users",
                secretaryA,
                Map.of("username", prefix + "New.Helper", "role", "ORG_STAFF", "organizationId", gridA.id()));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        Map<String, Object> body = api.object(created);
        String password = (String) body.get("generatedPassword");
        assertThat(password).hasSize(16);
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) body.get("user");
        long id = ((Number) user.get("id")).longValue();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/users/" + id);
        assertThat(user.get("username")).isEqualTo(prefix + "new.helper");
        assertThat(user.get("passwordChangeNeeded")).isEqualTo(true);

        Map<String, Object> read = api.object(api.get("/api/users/" + id, secretaryA));
        assertThat(read).doesNotContainKey("generatedPassword");
        assertThat(read.get("roles"))
                .isEqualTo(List.of(
                        Map.of("role", "ORG_STAFF", "organizationId", gridA.id(), "organizationName", "阳光一网格")));
        assertThat(accounts.signIn(prefix + "new.helper", password).status())
                .isEqualTo(SignInResult.Status.PASSWORD_CHANGE_REQUIRED);
        assertThat(callers.forUser(id).grants()).containsExactly(new Grant(Role.ORG_STAFF, gridA.id(), gridA.path()));
        assertThat(api.get("/api/users/" + id, secretaryB).statusCode()).isEqualTo(404);
    }

    @Test
    void a_user_account_for_a_member_shows_the_member_name() {
        long member = members.add(gridA.id(), "张秀英").id();

        Map<String, Object> body = api.object(
                api.post("/api/users", secretaryA, Map.of("username", prefix + "zhangxy", "memberId", member)));

        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) body.get("user");
        assertThat(user.get("memberId")).isEqualTo(member);
        assertThat(user.get("memberName")).isEqualTo("张秀英");
        assertThat(ids(api.object(api.get("/api/users?q=秀英", secretaryA))))
                .containsExactly(((Number) user.get("id")).longValue());
        assertThat(ids(api.object(api.get("/api/users?q=秀英", secretaryB)))).isEmpty();
    }

    @Test
    void a_secretary_of_one_community_can_neither_see_nor_change_the_users_of_another() {
        long userOfB = user("worker-b", Role.ORG_STAFF, b);
        String path = "/api/users/" + userOfB;

        List<HttpResponse<String>> attempts = List.of(
                api.get(path, secretaryA),
                api.post(path + "/roles", secretaryA, Map.of("role", "VOLUNTEER", "organizationId", a.id())),
                api.delete(path + "/roles/ORG_STAFF?organizationId=" + b.id(), secretaryA),
                api.post(path + "/disable", secretaryA, Map.of()),
                api.post(path + "/enable", secretaryA, Map.of()),
                api.post(path + "/roles", secretaryA, Map.of("role", "VOLUNTEER", "organizationId", b.id())));

        assertThat(attempts).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(api.code(response)).isEqualTo("NOT_FOUND");
        });
        assertThat(accounts.isEnabled(userOfB)).isTrue();
        assertThat(callers.forUser(userOfB).grants()).containsExactly(new Grant(Role.ORG_STAFF, b.id(), b.path()));
        assertThat(api.get(path, secretaryB).statusCode()).isEqualTo(200);
    }

    @Test
    void a_secretary_cannot_take_over_a_user_she_does_not_manage_by_granting_him_a_role() {
        long nobodys = accounts.createUser(prefix + "nobodys", PASSWORD, false, Set.of())
                .id();
        long ofB = user("of-b", Role.VOLUNTEER, b);

        HttpResponse<String> takeOver = api.post(
                "/api/users/" + nobodys + "/roles", secretaryA, Map.of("role", "ORG_ADMIN", "organizationId", a.id()));
        HttpResponse<String> takeOverOfB = api.post(
                "/api/users/" + ofB + "/roles", secretaryA, Map.of("role", "ORG_ADMIN", "organizationId", a.id()));
        HttpResponse<String> orphan = api.post("/api/users", secretaryA, Map.of("username", prefix + "orphan"));
        HttpResponse<String> byPlatform = api.post(
                "/api/users/" + nobodys + "/roles", platform, Map.of("role", "ORG_STAFF", "organizationId", a.id()));

        assertThat(takeOver.statusCode()).as(takeOver.body()).isEqualTo(404);
        assertThat(api.code(takeOver)).isEqualTo("NOT_FOUND");
        assertThat(takeOverOfB.statusCode()).isEqualTo(404);
        assertThat(callers.forUser(ofB).grants()).containsExactly(new Grant(Role.VOLUNTEER, b.id(), b.path()));
        assertThat(orphan.statusCode()).as(orphan.body()).isEqualTo(400);
        assertThat(api.code(orphan)).isEqualTo(UserErrors.ROLE_REQUIRED);
        assertThat(byPlatform.statusCode()).as(byPlatform.body()).isEqualTo(200);
        assertThat(callers.forUser(nobodys).grants()).containsExactly(new Grant(Role.ORG_STAFF, a.id(), a.path()));
    }

    @Test
    void a_secretary_cannot_grant_platform_administration_or_roles_above_her_community_and_the_refusal_is_audited() {
        long helper = user("helper-grant", Role.VOLUNTEER, a);

        HttpResponse<String> platformAdmin =
                api.post("/api/users/" + helper + "/roles", secretaryA, Map.of("role", "PLATFORM_ADMIN"));
        HttpResponse<String> onStreet = api.post(
                "/api/users/" + helper + "/roles",
                secretaryA,
                Map.of("role", "ORG_ADMIN", "organizationId", street.id()));
        HttpResponse<String> createdOnB = api.post(
                "/api/users",
                secretaryA,
                Map.of("username", prefix + "sneaky", "role", "ORG_ADMIN", "organizationId", b.id()));
        HttpResponse<String> byStaff = api.post(
                "/api/users/" + helper + "/roles", staffA, Map.of("role", "ORG_STAFF", "organizationId", a.id()));

        assertThat(platformAdmin.statusCode()).isEqualTo(403);
        assertThat(api.code(platformAdmin)).isEqualTo("FORBIDDEN");
        assertThat(onStreet.statusCode()).isEqualTo(404);
        assertThat(createdOnB.statusCode()).isEqualTo(404);
        assertThat(byStaff.statusCode()).isEqualTo(403);
        assertThat(callers.forUser(helper).grants()).containsExactly(new Grant(Role.VOLUNTEER, a.id(), a.path()));
        assertThat(usernames("sneaky")).isEmpty();

        List<AuditEntry> denials =
                audit.latest(Caller.system(), new AuditFilter("ACCESS_DENIED", prefix + "sec-a", null, null), 10);
        List<AuditEntry> aboutHelper = denials.stream()
                .filter(e -> e.targetId() != null && e.targetId() == helper)
                .toList();
        assertThat(aboutHelper).hasSize(1);
        AuditEntry denial = aboutHelper.getFirst();
        assertThat(denial.targetType()).isEqualTo("SERVICE");
        assertThat(denial.actorUserId()).isEqualTo(secretaryAId);
        assertThat(denial.detail())
                .startsWith("POST /api/users/" + helper + "/roles: UserAdmin.grant userId=" + helper
                        + " role=PLATFORM_ADMIN")
                .contains("FORBIDDEN", "Only a platform administrator grants or revokes PLATFORM_ADMIN");
        assertThat(denial.clientIp()).isEqualTo("127.0.0.1");
        assertThat(audit.latest(Caller.system(), new AuditFilter("ACCESS_DENIED", prefix + "staff-a", null, null), 10))
                .singleElement()
                .extracting(AuditEntry::detail)
                .asString()
                .contains("UserAdmin.grant userId=" + helper + " role=ORG_STAFF organizationId=" + a.id());
    }

    @Test
    void a_secretary_revokes_a_role_and_disables_and_enables_a_helper_of_her_community() {
        long helper = user("helper-off", Role.ORG_STAFF, gridA);
        String helperToken = token("helper-off");
        assertThat(api.post(
                                "/api/users/" + helper + "/roles",
                                secretaryA,
                                Map.of("role", "VOLUNTEER", "organizationId", a.id()))
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> revoked =
                api.delete("/api/users/" + helper + "/roles/ORG_STAFF?organizationId=" + gridA.id(), secretaryA);
        HttpResponse<String> disabled = api.post("/api/users/" + helper + "/disable", secretaryA, Map.of());

        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(disabled.statusCode()).isEqualTo(204);
        assertThat(api.get("/api/me", helperToken).statusCode()).isEqualTo(401);
        Map<String, Object> read = api.object(api.get("/api/users/" + helper, secretaryA));
        assertThat(read.get("enabled")).isEqualTo(false);
        assertThat(read.get("roles"))
                .isEqualTo(List.of(Map.of("role", "VOLUNTEER", "organizationId", a.id(), "organizationName", "阳光社区")));
        assertThat(api.delete("/api/users/" + helper + "/roles/ORG_STAFF?organizationId=" + gridA.id(), secretaryA)
                        .statusCode())
                .isEqualTo(404);

        assertThat(api.post("/api/users/" + helper + "/enable", secretaryA, Map.of())
                        .statusCode())
                .isEqualTo(204);
        assertThat(accounts.isEnabled(helper)).isTrue();
        HttpResponse<String> self = api.post("/api/users/" + secretaryBId + "/disable", secretaryB, Map.of());
        assertThat(self.statusCode()).isEqualTo(400);
        assertThat(api.code(self)).isEqualTo("CANNOT_DISABLE_SELF");
    }

    @Test
    void bad_input_answers_a_stable_code_and_changes_nothing() {
        long helper = user("helper-bad", Role.VOLUNTEER, a);
        Map<String, Map<String, Object>> creations = new java.util.LinkedHashMap<>();
        creations.put("USERNAME_INVALID", Map.of("username", "张三"));
        creations.put("USERNAME_INVALID ", Map.of("username", prefix + "x".repeat(65)));
        creations.put("USERNAME_INVALID  ", Map.of());
        creations.put("USERNAME_TAKEN", Map.of("username", prefix + "SEC-A"));
        creations.put("PASSWORD_LENGTH", Map.of("username", prefix + "longpw", "initialPassword", "p".repeat(129)));
        creations.put("PASSWORD_TOO_COMMON", Map.of("username", prefix + "commonpw", "initialPassword", "Qq123456"));
        creations.put("ROLE_INVALID", withOrg(Map.of("username", prefix + "badrole", "role", "SUPERUSER"), a));
        creations.put("ROLE_INVALID ", withOrg(Map.of("username", prefix + "longrole", "role", "R".repeat(10_000)), a));
        creations.put("ROLE_REQUIRED", withOrg(Map.of("username", prefix + "norole"), a));
        creations.put("ORGANIZATION_REQUIRED", Map.of("username", prefix + "noorg", "role", "ORG_STAFF"));
        long before = usernames("").size();

        creations.forEach((code, body) -> {
            HttpResponse<String> response = api.post("/api/users", secretaryA, body);
            assertThat(response.statusCode()).as(code).isEqualTo(400);
            assertThat(api.code(response)).as(code).isEqualTo(code.strip());
        });
        HttpResponse<String> unknownOrg = api.post(
                "/api/users",
                secretaryA,
                Map.of("username", prefix + "unknown-org", "role", "ORG_STAFF", "organizationId", 4242L));
        assertThat(unknownOrg.statusCode()).isEqualTo(404);
        assertThat(usernames("")).hasSize((int) before);

        Map<String, HttpResponse<String>> grants = Map.of(
                "ROLE_INVALID",
                        api.post("/api/users/" + helper + "/roles", secretaryA, withOrg(Map.of("role", "boss"), a)),
                "ROLE_SCOPE",
                        api.post(
                                "/api/users/" + helper + "/roles",
                                platform,
                                withOrg(Map.of("role", "PLATFORM_ADMIN"), a)),
                "ORGANIZATION_REQUIRED",
                        api.post("/api/users/" + helper + "/roles", secretaryA, Map.of("role", "ORG_STAFF")),
                "MALFORMED_REQUEST", api.post("/api/users/" + helper + "/roles", secretaryA, "{\"role\": "));
        grants.forEach((code, response) -> {
            assertThat(response.statusCode()).as(code).isEqualTo(400);
            assertThat(api.code(response)).as(code).isEqualTo(code);
        });
        assertThat(api.post(
                                "/api/users/" + helper + "/roles",
                                secretaryA,
                                Map.of("role", "ORG_STAFF", "organizationId", 4242L))
                        .statusCode())
                .isEqualTo(404);
        assertThat(callers.forUser(helper).grants()).containsExactly(new Grant(Role.VOLUNTEER, a.id(), a.path()));

        Map<String, String> lists = Map.of(
                "QUERY_TOO_LONG", "/api/users?q=" + "x".repeat(51),
                "PAGE_INVALID", "/api/users?page=-1",
                "SIZE_INVALID", "/api/users?size=0",
                "SIZE_INVALID ", "/api/users?size=201");
        lists.forEach((code, path) -> {
            HttpResponse<String> response = api.get(path, secretaryA);
            assertThat(response.statusCode()).as(code).isEqualTo(400);
            assertThat(api.code(response)).as(code).isEqualTo(code.strip());
        });
        HttpResponse<String> unknownRole = api.delete("/api/users/" + helper + "/roles/NOBODY", secretaryA);
        assertThat(api.code(unknownRole)).isEqualTo("ROLE_INVALID");
    }

    @Test
    void anonymous_callers_get_401() {
        assertThat(api.get("/api/users", null).statusCode()).isEqualTo(401);
        assertThat(api.post("/api/users", null, Map.of("username", prefix + "anon"))
                        .statusCode())
                .isEqualTo(401);
    }

    private static Map<String, Object> withOrg(Map<String, Object> body, Organization org) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put("organizationId", org.id());
        return copy;
    }

    private List<String> usernames(String suffix) {
        return admin.list(Caller.system(), prefix + suffix, 0, UserAdmin.PAGE_LIMIT).stream()
                .map(UserSummary::username)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Long> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items"))
                .stream().map(u -> ((Number) u.get("id")).longValue()).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> item(Map<String, Object> page, long id) {
        return ((List<Map<String, Object>>) page.get("items"))
                .stream()
                        .filter(u -> ((Number) u.get("id")).longValue() == id)
                        .findFirst()
                        .orElseThrow();
    }

    private long user(String name, Role role, Organization org) {
        long id = accounts.createUser(prefix + name, PASSWORD, false, Set.of()).id();
        admin.grant(Caller.system(), id, role, org.id());
        return id;
    }

    private String token(String name) {
        return api.token(prefix + name, PASSWORD);
    }
}
