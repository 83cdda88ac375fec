package org.gongjian.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.gongjian.access.Role;
import org.gongjian.ids.IdGenerator;
import org.gongjian.security.Accounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/orgs} and {@code /api/me} over real HTTP with real tokens: the tree a caller sees,
 * 404 for another community exactly like a missing id, 403 for staff, and each refusal's code with
 * nothing changed. Users get their organization roles by SQL, as an administrator would grant them.
 */
@MicronautTest(transactional = false)
class OrganizationsApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "a-long-test-password-1";

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    Accounts accounts;

    @Inject
    Organizations organizations;

    @Inject
    IdGenerator ids;

    @Inject
    DataSource injectedDataSource;

    TestDatabase db;

    Organization street;
    Organization communityA;
    Organization gridA1;
    Organization branchA;
    Organization communityB;
    Organization gridB1;

    @BeforeEach
    void street() {
        db = new TestDatabase(injectedDataSource, ids);
        street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, unique("幸福街道党工委"));
        communityA = organizations.createChild(street, OrganizationKind.COMMUNITY, "阳光社区");
        gridA1 = organizations.createChild(communityA, OrganizationKind.GRID, "第1网格");
        branchA = organizations.createChild(communityA, OrganizationKind.BRANCH, "阳光社区党支部");
        communityB = organizations.createChild(street, OrganizationKind.COMMUNITY, "和平社区");
        gridB1 = organizations.createChild(communityB, OrganizationKind.GRID, "第1网格");
    }

    @Test
    void a_secretary_gets_the_tree_of_her_community_only_with_member_counts() throws Exception {
        db.member(gridA1, "张三", "ACTIVE");
        db.member(gridA1, "李四", "ACTIVE");
        db.member(gridB1, "王五", "ACTIVE");
        String token = tokenOf(Role.ORG_ADMIN, communityA);

        var response = send("GET", "/api/orgs", token, null);

        assertThat(response.statusCode()).isEqualTo(200);
        List<Map<String, Object>> trees = list(response);
        assertThat(trees).hasSize(1);
        Map<String, Object> a = trees.getFirst();
        assertThat(id(a)).isEqualTo(communityA.id());
        assertThat(((Number) a.get("parentId")).longValue()).isEqualTo(street.id());
        assertThat(a)
                .containsEntry("kind", "COMMUNITY")
                .containsEntry("name", "阳光社区")
                .containsEntry("path", communityA.path());
        assertThat(((Number) a.get("memberCount")).longValue()).isZero();
        assertThat(((Number) a.get("subtreeMemberCount")).longValue()).isEqualTo(2);
        List<Map<String, Object>> children = children(a);
        assertThat(children).extracting(c -> c.get("name")).containsExactly("第1网格", "阳光社区党支部");
        assertThat(((Number) children.getFirst().get("memberCount")).longValue())
                .isEqualTo(2);
        assertThat(children.getFirst()).containsEntry("children", List.of());
        assertThat(response.body()).doesNotContain(String.valueOf(communityB.id()), "和平社区");
    }

    @Test
    void another_community_and_the_parent_answer_exactly_like_a_missing_id() throws Exception {
        String token = tokenOf(Role.ORG_ADMIN, communityA);
        String before = db.organizationsSnapshot();
        long missing = ids.next();

        var missingGet = send("GET", "/api/orgs/" + missing, token, null);
        assertThat(missingGet.statusCode()).isEqualTo(404);
        for (long foreign : List.of(communityB.id(), gridB1.id(), street.id(), missing)) {
            List<HttpResponse<String>> answers = List.of(
                    send("GET", "/api/orgs/" + foreign, token, null),
                    send("GET", "/api/orgs/" + foreign + "/children", token, null),
                    send("PUT", "/api/orgs/" + foreign, token, Map.of("name", "改名")),
                    send("POST", "/api/orgs/" + foreign + "/archive", token, null),
                    send("POST", "/api/orgs/" + foreign + "/move", token, Map.of("newParentId", communityA.id())),
                    send("POST", "/api/orgs/" + gridA1.id() + "/move", token, Map.of("newParentId", foreign)),
                    send("POST", "/api/orgs", token, body(foreign, "GRID", "第9网格")));
            for (var answer : answers) {
                assertThat(answer.statusCode())
                        .as(answer.request().uri().toString())
                        .isEqualTo(404);
                assertThat(answer.body()).isEqualTo(missingGet.body());
            }
        }
        assertThat(code(missingGet)).isEqualTo("NOT_FOUND");
        assertThat(db.organizationsSnapshot()).isEqualTo(before);
    }

    @Test
    void a_secretary_creates_renames_moves_and_archives_in_her_community() throws Exception {
        String token = tokenOf(Role.ORG_ADMIN, communityA);

        var created = send("POST", "/api/orgs", token, body(communityA.id(), "GRID", " 第2网格 "));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long gridId = id(object(created));
        assertThat(created.headers().firstValue("Location")).hasValue("/api/orgs/" + gridId);
        assertThat(object(created))
                .containsEntry("name", "第2网格")
                .containsEntry("kind", "GRID")
                .containsEntry("path", communityA.path() + gridId + "/");

        var group = send("POST", "/api/orgs", token, body(branchA.id(), "GROUP", "第一党小组"));
        assertThat(group.statusCode()).isEqualTo(201);
        long groupId = id(object(group));

        var renamed = send("PUT", "/api/orgs/" + gridId, token, Map.of("name", "东二网格"));
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(object(renamed)).containsEntry("name", "东二网格");

        var read = send("GET", "/api/orgs/" + gridId, token, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(object(read)).containsEntry("name", "东二网格").containsKey("createdAt");

        var committee = send("POST", "/api/orgs", token, body(communityA.id(), "PARTY_COMMITTEE", "阳光社区党委"));
        long committeeId = id(object(committee));
        var moved = send("POST", "/api/orgs/" + branchA.id() + "/move", token, Map.of("newParentId", committeeId));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(object(moved)).containsEntry("path", communityA.path() + committeeId + "/" + branchA.id() + "/");
        assertThat(object(send("GET", "/api/orgs/" + groupId, token, null)).get("path"))
                .isEqualTo(communityA.path() + committeeId + "/" + branchA.id() + "/" + groupId + "/");

        var archived = send("POST", "/api/orgs/" + gridId + "/archive", token, null);
        assertThat(archived.statusCode()).isEqualTo(200);
        assertThat(object(archived).get("archivedAt")).isNotNull();
        var children = send("GET", "/api/orgs/" + communityA.id() + "/children", token, null);
        assertThat(list(children)).extracting(OrganizationsApiIT::id).containsExactly(gridA1.id(), committeeId);
    }

    @Test
    void each_refusal_answers_its_code_and_changes_nothing() throws Exception {
        String token = tokenOf(Role.ORG_ADMIN, communityA);
        db.member(gridA1, "张三", "ACTIVE");
        String before = db.organizationsSnapshot();

        expect(
                send("POST", "/api/orgs", token, body(communityA.id(), "GRID", "第1网格")),
                "ORGANIZATION_NAME_TAKEN",
                "name");
        expect(
                send("POST", "/api/orgs", token, body(communityA.id(), "GROUP", "小组")),
                "ORGANIZATION_KIND_NOT_ALLOWED",
                "kind");
        expect(
                send("POST", "/api/orgs", token, body(communityA.id(), "GRID", "  ")),
                "ORGANIZATION_NAME_REQUIRED",
                "name");
        expect(
                send("POST", "/api/orgs", token, body(communityA.id(), "GRID", "网".repeat(101))),
                "ORGANIZATION_NAME_TOO_LONG",
                "name");
        expect(
                send("POST", "/api/orgs", token, body(communityA.id(), "GRID", "第\u0000网格")),
                "ORGANIZATION_NAME_CHARACTERS",
                "name");
        expect(
                send("PUT", "/api/orgs/" + gridA1.id(), token, Map.of("name", "阳光社区党支部")),
                "ORGANIZATION_NAME_TAKEN",
                "name");
        expect(
                send("POST", "/api/orgs/" + communityA.id() + "/move", token, Map.of("newParentId", gridA1.id())),
                "ORGANIZATION_MOVE_CYCLE",
                "newParentId");
        expect(
                send("POST", "/api/orgs/" + gridA1.id() + "/move", token, Map.of("newParentId", branchA.id())),
                "ORGANIZATION_KIND_NOT_ALLOWED",
                "newParentId");
        expect(send("POST", "/api/orgs/" + gridA1.id() + "/archive", token, null), "ORGANIZATION_NOT_EMPTY", null);
        expect(send("POST", "/api/orgs/" + communityA.id() + "/archive", token, null), "ORGANIZATION_NOT_EMPTY", null);

        Map<String, Object> noKind = new HashMap<>();
        noKind.put("parentId", communityA.id());
        noKind.put("name", "第3网格");
        expect(send("POST", "/api/orgs", token, noKind), "MISSING_FIELD", "kind");
        expect(send("POST", "/api/orgs/" + gridA1.id() + "/move", token, Map.of()), "MISSING_FIELD", "newParentId");
        var unknownKind = send("POST", "/api/orgs", token, body(communityA.id(), "PLANET", "火星"));
        assertThat(unknownKind.statusCode()).isEqualTo(400);
        assertThat(code(unknownKind)).isEqualTo("INVALID_VALUE");
        var notANumber = send("GET", "/api/orgs/abc", token, null);
        assertThat(notANumber.statusCode()).isIn(400, 404);

        assertThat(db.organizationsSnapshot()).isEqualTo(before);
    }

    @Test
    void staff_read_the_tree_but_get_403_for_changes() throws Exception {
        String token = tokenOf(Role.ORG_STAFF, communityA);
        String before = db.organizationsSnapshot();

        assertThat(send("GET", "/api/orgs/" + gridA1.id(), token, null).statusCode())
                .isEqualTo(200);
        assertThat(list(send("GET", "/api/orgs", token, null)))
                .extracting(OrganizationsApiIT::id)
                .containsExactly(communityA.id());
        List<HttpResponse<String>> changes = List.of(
                send("POST", "/api/orgs", token, body(communityA.id(), "GRID", "第9网格")),
                send("PUT", "/api/orgs/" + gridA1.id(), token, Map.of("name", "改名")),
                send("POST", "/api/orgs/" + gridA1.id() + "/archive", token, null),
                send("POST", "/api/orgs/" + branchA.id() + "/move", token, Map.of("newParentId", communityA.id())));
        for (var change : changes) {
            assertThat(change.statusCode()).isEqualTo(403);
            assertThat(code(change)).isEqualTo("FORBIDDEN");
        }
        assertThat(db.organizationsSnapshot()).isEqualTo(before);
    }

    @Test
    void only_a_platform_admin_creates_a_top_level_organization() throws Exception {
        String secretary = tokenOf(Role.ORG_ADMIN, communityA);
        String name = unique("东城街道党工委");

        var refused = send("POST", "/api/orgs", secretary, body(null, "PARTY_COMMITTEE", name));
        assertThat(refused.statusCode()).isEqualTo(403);

        String ops = unique("ops");
        accounts.createUser(ops, PASSWORD, false, Set.of(Role.PLATFORM_ADMIN));
        var created = send("POST", "/api/orgs", token(ops), body(null, "PARTY_COMMITTEE", name));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(object(created)).containsEntry("parentId", null).containsEntry("archivedAt", null);
        var all = list(send("GET", "/api/orgs", token(ops), null));
        assertThat(all).extracting(OrganizationsApiIT::id).contains(street.id(), id(object(created)));
    }

    @Test
    void a_volunteer_sees_an_empty_tree_and_no_organization() throws Exception {
        String token = tokenOf(Role.VOLUNTEER, gridA1);

        var tree = send("GET", "/api/orgs", token, null);
        assertThat(tree.statusCode()).isEqualTo(200);
        assertThat(list(tree)).isEmpty();
        assertThat(send("GET", "/api/orgs/" + gridA1.id(), token, null).statusCode())
                .isEqualTo(404);
        assertThat(send("PUT", "/api/orgs/" + gridA1.id(), token, Map.of("name", "改名"))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void the_organizations_api_needs_a_token() throws Exception {
        var anonymous = send("GET", "/api/orgs", null, null);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(code(anonymous)).isEqualTo("UNAUTHORIZED");
        assertThat(send("POST", "/api/orgs", null, body(communityA.id(), "GRID", "第9网格"))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void me_names_the_organizations_of_each_grant() throws Exception {
        String username = unique("sec");
        long userId = accounts.createUser(username, PASSWORD, false, Set.of()).id();
        db.grant(userId, Role.ORG_ADMIN, communityA.id());
        db.grant(userId, Role.ORG_STAFF, communityB.id());

        var me = send("GET", "/api/me", token(username), null);

        assertThat(me.statusCode()).isEqualTo(200);
        Map<String, Object> body = object(me);
        assertThat(body).containsEntry("username", username).containsEntry("roles", List.of("ORG_ADMIN", "ORG_STAFF"));
        assertThat(((Number) body.get("userId")).longValue()).isEqualTo(userId);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> grants = (List<Map<String, Object>>) body.get("grants");
        assertThat(grants).hasSize(2);
        Map<String, Object> adminGrant = grants.stream()
                .filter(g -> "ORG_ADMIN".equals(g.get("role")))
                .findFirst()
                .orElseThrow();
        assertThat(((Number) adminGrant.get("organizationId")).longValue()).isEqualTo(communityA.id());
        assertThat(adminGrant)
                .containsEntry("organizationName", "阳光社区")
                .containsEntry("organizationKind", "COMMUNITY")
                .containsEntry("path", communityA.path());
    }

    @Test
    void the_openapi_document_describes_the_organizations_api() throws Exception {
        var document = send("GET", "/api/openapi.yml", tokenOf(Role.ORG_STAFF, communityA), null);

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body())
                .contains("/api/orgs:", "/api/orgs/{id}:", "/api/orgs/{id}/move:", "/api/orgs/{id}/archive:")
                .contains("ORGANIZATION_MOVE_CYCLE", "Organizations");
    }

    private void expect(HttpResponse<String> response, String code, String field) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(code(response)).isEqualTo(code);
        if (field != null) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> errors =
                    (List<Map<String, Object>>) object(response).get("errors");
            assertThat(errors).extracting(e -> e.get("field")).contains(field);
        }
    }

    private String tokenOf(Role role, Organization org) throws Exception {
        String username = unique(role.name().toLowerCase());
        long userId = accounts.createUser(username, PASSWORD, false, Set.of()).id();
        db.grant(userId, role, org.id());
        return token(username);
    }

    private String token(String username) throws Exception {
        var response = send("POST", "/api/auth/token", null, Map.of("username", username, "password", PASSWORD));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) object(response).get("accessToken");
    }

    private static Map<String, Object> body(Long parentId, String kind, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("parentId", parentId);
        body.put("kind", kind);
        body.put("name", name);
        return body;
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } else if (method.equals("GET")) {
            request.GET();
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> object(HttpResponse<String> response) throws IOException {
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    private List<Map<String, Object>> list(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readValue(response.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> children(Map<String, Object> node) {
        return (List<Map<String, Object>>) node.get("children");
    }

    private String code(HttpResponse<String> response) throws IOException {
        return (String) object(response).get("code");
    }

    private static long id(Map<String, Object> node) {
        return ((Number) node.get("id")).longValue();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
