package org.gongjian.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.plugins.fixtures.endpoints.FailingEndpoint;
import org.gongjian.plugins.fixtures.endpoints.RefusingEndpoint;
import org.gongjian.security.UserAdmin;
import org.gongjian.testing.Api;
import org.gongjian.testing.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real plugin jar with endpoints ({@code fixtures.endpoints}) served through the real server: a
 * street with two communities, an administrator, a staff member and a volunteer of one of them.
 */
@MicronautTest(transactional = false)
class PluginEndpointsIT {

    private static final AtomicInteger RUN = new AtomicInteger();

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    PluginHost host;

    @Inject
    Organizations organizations;

    @Inject
    UserAdmin users;

    @Inject
    PluginEnablement enablement;

    @Inject
    org.gongjian.audit.AuditLog audit;

    @TempDir
    Path dir;

    Api api;
    String plugin;
    Organization street;
    Organization own;
    Organization sibling;
    String admin;
    String staff;
    String volunteer;
    String platform;

    @BeforeEach
    void a_street_with_two_communities_and_the_plugin_started() {
        int run = RUN.incrementAndGet();
        api = new Api(server, json);
        plugin = "endpoints-" + run;
        assertThat(host.load(EndpointPluginJar.write(plugin, dir)).state()).isEqualTo("STARTED");
        street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "端点街道" + run);
        own = organizations.createChild(street, OrganizationKind.COMMUNITY, "端点社区" + run);
        sibling = organizations.createChild(street, OrganizationKind.COMMUNITY, "端点邻社区" + run);
        TestUsers tokens = new TestUsers(users, api);
        admin = tokens.token("ep-admin-" + run, Role.ORG_ADMIN, own, null);
        staff = tokens.token("ep-staff-" + run, Role.ORG_STAFF, own, null);
        volunteer = tokens.token("ep-volunteer-" + run, Role.VOLUNTEER, own, null);
        platform = tokens.token("ep-platform-" + run, Role.PLATFORM_ADMIN, null, null);
    }

    @AfterEach
    void unload() {
        host.unload(plugin);
    }

    private String url(String path) {
        return "/api/plugins/" + plugin + "/x/" + path;
    }

    @Test
    void an_endpoint_reads_json_strictly_and_answers_json_for_the_caller() {
        var answer = api.post(url("echo"), staff, Map.of("name", "肥皂", "count", 3));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(api.object(answer))
                .containsEntry("name", "肥皂")
                .containsEntry("count", 3)
                .containsEntry("caller", "ep-staff-" + RUN.get())
                .containsEntry("language", "zh");

        var fraction = api.post(url("echo"), staff, "{\"name\":\"肥皂\",\"count\":1.5}");
        assertThat(fraction.statusCode()).isEqualTo(400);
        assertThat(api.code(fraction)).isEqualTo("INVALID_NUMBER");
        assertThat(fieldsOf(fraction)).containsExactly("count");
        assertThat((String) api.object(fraction).get("message")).containsPattern("\\p{IsHan}");

        var unknown = api.post(url("echo"), staff, "{\"name\":\"x\",\"count\":1,\"admin\":true}");
        assertThat(api.code(unknown)).isEqualTo("UNKNOWN_FIELD");
        var duplicate = api.post(url("echo"), staff, "{\"name\":\"x\",\"name\":\"y\",\"count\":1}");
        assertThat(api.code(duplicate)).isEqualTo("DUPLICATE_FIELD");
        var missing = api.post(url("echo"), staff, "{\"name\":\"x\"}");
        assertThat(api.code(missing)).isEqualTo("MISSING_FIELD");
        var garbage = api.post(url("echo"), staff, "{\"name\":\"x\",\"count\":1} trailing");
        assertThat(api.code(garbage)).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void a_body_that_is_not_utf8_is_malformed() {
        var answer = raw("POST", url("echo"), staff, new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, '"', '}'});
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(api.code(answer)).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void a_caller_without_one_of_the_endpoints_roles_gets_403_and_anonymous_401() {
        assertThat(api.post(url("echo"), volunteer, Map.of("name", "x", "count", 1))
                        .statusCode())
                .isEqualTo(403);
        var staffDeleting = api.delete(url("stock/7"), staff);
        assertThat(staffDeleting.statusCode()).isEqualTo(403);
        assertThat(api.code(staffDeleting)).isEqualTo("FORBIDDEN");
        assertThat(audit.latest(
                        Caller.system(),
                        new org.gongjian.audit.AuditFilter("ACCESS_DENIED", "ep-staff-" + RUN.get(), null, null),
                        10))
                .as("the refusal is audited")
                .isNotEmpty();
        assertThat(api.post(url("echo"), null, Map.of("name", "x", "count", 1)).statusCode())
                .isEqualTo(401);
        assertThat(api.get(url("boom"), null).statusCode()).isEqualTo(401);
    }

    @Test
    void a_plugin_turned_off_for_the_callers_subtree_answers_404_and_is_back_when_turned_on() {
        assertThat(api.get(url("orgs/" + own.id() + "/summary"), admin).statusCode())
                .isEqualTo(200);

        var off = api.put("/api/orgs/" + street.id() + "/plugins/" + plugin, platform, Map.of("enabled", false));
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);

        var hidden = api.get(url("orgs/" + own.id() + "/summary"), admin);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(api.code(hidden)).isEqualTo("NOT_FOUND");
        assertThat(api.post(url("echo"), staff, Map.of("name", "x", "count", 1)).statusCode())
                .isEqualTo(404);
        // 404 before 403: a caller cannot tell a plugin that is off from one that is missing
        assertThat(api.delete(url("stock/1"), staff).statusCode()).isEqualTo(404);

        var on = api.put("/api/orgs/" + own.id() + "/plugins/" + plugin, admin, Map.of("enabled", true));
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        assertThat(api.object(on)).containsEntry("enabled", true).containsEntry("own", true);

        assertThat(api.get(url("orgs/" + own.id() + "/summary"), admin).statusCode())
                .isEqualTo(200);
        // the platform administrator reaches the plugin, but not for an organization where it is off
        assertThat(api.get(url("orgs/" + own.id() + "/summary"), platform).statusCode())
                .isEqualTo(200);
        assertThat(api.get(url("orgs/" + sibling.id() + "/summary"), platform).statusCode())
                .isEqualTo(404);
    }

    @Test
    void a_plugin_off_by_default_answers_404_until_an_organization_turns_it_on() {
        assertThat(api.put("/api/plugin-defaults/" + plugin, platform, Map.of("enabled", false))
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.get(url("boom"), platform).statusCode()).isEqualTo(404);
        assertThat(api.get(url("orgs/" + own.id() + "/summary"), staff).statusCode())
                .isEqualTo(404);

        enablement.set(Caller.system(), own.id(), plugin, true);

        assertThat(api.get(url("orgs/" + own.id() + "/summary"), staff).statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_body_over_64_kib_is_refused_with_413_unread() {
        String big = "{\"name\":\"" + "x".repeat(64 * 1024) + "\",\"count\":1}";
        var answer = api.post(url("echo"), staff, big);
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(api.code(answer)).isEqualTo("REQUEST_TOO_LARGE");
        String fits = "{\"name\":\"" + "x".repeat(60 * 1024) + "\",\"count\":1}";
        assertThat(api.post(url("echo"), staff, fits).statusCode()).isEqualTo(200);
    }

    @Test
    void a_refusal_of_the_plugin_answers_its_code_with_the_message_in_the_callers_language() {
        var chinese = api.delete(url("stock/7"), admin);
        assertThat(chinese.statusCode()).isEqualTo(409);
        assertThat(api.object(chinese))
                .containsEntry("code", RefusingEndpoint.CODE)
                .containsEntry("message", "物品 7 已无库存");

        var english = raw("DELETE", url("stock/7"), admin, null, "Accept-Language", "en-GB,en;q=0.9,zh;q=0.5");
        assertThat(english.statusCode()).isEqualTo(409);
        assertThat(api.object(english))
                .containsEntry("code", RefusingEndpoint.CODE)
                .containsEntry("message", "Item 7 is out of stock");

        var named = raw("DELETE", url("stock/oil"), admin, null, "Accept-Language", "en");
        assertThat(api.object(named))
                .as("an English message naming a Chinese item stays the plugin's")
                .containsEntry("message", "Item 食用油 is out of stock");

        var busy = api.delete(url("stock/busy"), admin);
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).contains("60");
        assertThat(api.object(busy)).containsEntry("code", "TRY_AGAIN_SHORTLY").containsEntry("message", "请一分钟后再试");

        var strictEnglish =
                raw("POST", url("echo"), staff, "{\"name\":\"x\",\"count\":\"3\"}".getBytes(), "Accept-Language", "en");
        assertThat(api.code(strictEnglish)).isEqualTo("INVALID_NUMBER");
        assertThat((String) api.object(strictEnglish).get("message")).doesNotContainPattern("\\p{IsHan}");
    }

    @Test
    void an_endpoint_that_throws_answers_500_without_its_message_and_the_host_keeps_serving() {
        var failed = api.get(url("boom"), admin);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(api.code(failed)).isEqualTo("INTERNAL_ERROR");
        assertThat(failed.body())
                .doesNotContain("hunter2", "secret-host", "IllegalState", FailingEndpoint.class.getName());
        assertThat(api.post(url("echo"), admin, Map.of("name", "还在", "count", 1))
                        .statusCode())
                .isEqualTo(200);
        assertThat(host.find(plugin)).get().extracting(PluginInfo::state).isEqualTo("STARTED");
    }

    @Test
    void unknown_paths_methods_and_plugins_answer_404_and_405() {
        assertThat(api.get(url("nothing-here"), admin).statusCode()).isEqualTo(404);
        assertThat(api.get(url("orgs/" + own.id()), admin).statusCode()).isEqualTo(404);
        // an organization named by the path outside the caller's subtree, or missing, is not there
        assertThat(api.get(url("orgs/" + sibling.id() + "/summary"), admin).statusCode())
                .isEqualTo(404);
        assertThat(api.get(url("orgs/" + (sibling.id() + 1000) + "/summary"), platform)
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.get(url("orgs/" + street.id() + "/summary"), platform).statusCode())
                .isEqualTo(200);
        assertThat(api.get("/api/plugins/no-such-plugin/x/echo", admin).statusCode())
                .isEqualTo(404);
        var wrongMethod = api.get(url("echo"), admin);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(api.code(wrongMethod)).isEqualTo("METHOD_NOT_ALLOWED");

        host.stop(plugin);
        assertThat(api.post(url("echo"), admin, Map.of("name", "x", "count", 1)).statusCode())
                .isEqualTo(404);
    }

    @Test
    void the_openapi_document_lists_the_endpoints_of_started_plugins_with_their_codes_and_examples() {
        String document = api.get("/api/openapi.yml", staff).body();

        assertThat(document)
                .contains("/api/plugins/" + plugin + "/x/echo:")
                .contains("/api/plugins/" + plugin + "/x/orgs/{organizationId}/summary:")
                .contains("/api/plugins/" + plugin + "/x/stock/{id}:")
                .contains("Echo a name and a count")
                .contains(RefusingEndpoint.CODE)
                .contains("肥皂")
                .contains("/api/orgs/{id}/plugins"); // the generated part is still there

        host.stop(plugin);
        assertThat(api.get("/api/openapi.yml", staff).body()).doesNotContain("/api/plugins/" + plugin + "/x/");
    }

    @SuppressWarnings("unchecked")
    private List<String> fieldsOf(HttpResponse<String> response) {
        return ((List<Map<String, Object>>) api.object(response).get("errors"))
                .stream().map(e -> (String) e.get("field")).toList();
    }

    private HttpResponse<String> raw(String method, String path, String token, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + path))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
