package org.gongjian.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gongjian.access.Role;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.security.UserAdmin;
import org.gongjian.testing.Api;
import org.gongjian.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The same bad request in three languages: {@code Accept-Language: en} answers the English text,
 * {@code zh-CN} and no header the Chinese one, with the same status and code, for each kind of
 * error (a domain refusal, an unreadable body, a constraint, a missing token, an unknown route, a
 * body over the limit refused before Micronaut runs, a role that does not allow it).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiLanguageIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    Organizations organizations;

    @Inject
    UserAdmin userAdmin;

    private String admin;
    private String staff;
    private Organization community;

    @BeforeAll
    void an_administrator_and_a_staff_member_of_a_community() {
        Api api = new Api(server, json);
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "语言街道");
        community = organizations.createChild(street, OrganizationKind.COMMUNITY, "语言社区");
        admin = new TestUsers(userAdmin, api).token("language-admin", Role.ORG_ADMIN, street, null);
        staff = new TestUsers(userAdmin, api).token("language-staff", Role.ORG_STAFF, street, null);
    }

    @Test
    void a_domain_refusal_answers_in_the_callers_language() {
        String body = "{\"organizationId\":" + community.id() + ",\"code\":\"bad code\",\"name\":\"语言积分\"}";
        Map<String, Answer> answers = inEachLanguage(l -> post("/api/points/kinds", admin, body, l));

        assertSameStatusAndCode(answers, 400, "POINT_KIND_CODE_INVALID");
        assertThat(answers.get("none").message()).isEqualTo("代码为 2–32 位大写字母、数字或下划线，以字母开头");
        assertThat(answers.get("en").message())
                .isEqualTo(ApiMessages.text("POINT_KIND_CODE_INVALID", ApiMessages.ENGLISH));
        assertThat(answers.get("en").fieldMessages())
                .containsExactly(answers.get("en").message());
        assertLanguages(answers);
    }

    @Test
    void an_unreadable_body_answers_in_the_callers_language() {
        String body = "{\"organizationId\":" + community.id() + ",\"code\":\"LANG\",\"name\":\"语言\",\"colour\":1}";
        Map<String, Answer> answers = inEachLanguage(l -> post("/api/points/kinds", admin, body, l));

        assertSameStatusAndCode(answers, 400, ErrorCodes.UNKNOWN_FIELD);
        assertThat(answers.get("en").message()).isEqualTo("The request has an invalid field: colour");
        assertThat(answers.get("en").fieldMessages()).containsExactly("Not a field of this request");
        assertThat(answers.get("zh-CN").message()).isEqualTo("请求中的字段无效：colour");
        assertThat(answers.get("zh-CN").fieldMessages()).containsExactly("不是此请求的字段");
        assertLanguages(answers);
    }

    @Test
    void a_failed_constraint_answers_in_the_callers_language() {
        String body = "{\"username\":\"\",\"password\":\"x\"}";
        Map<String, Answer> answers = inEachLanguage(l -> post("/api/auth/token", null, body, l));

        assertSameStatusAndCode(answers, 400, ErrorCodes.VALIDATION_FAILED);
        assertThat(answers.get("en").fieldMessages()).containsExactly("must not be blank");
        assertThat(answers.get("none").fieldMessages()).containsExactly("不能为空");
        assertLanguages(answers);
    }

    @Test
    void a_missing_token_and_an_unknown_route_answer_in_the_callers_language() {
        Map<String, Answer> noToken = inEachLanguage(l -> get("/api/orgs/" + community.id() + "/accounts", null, l));
        assertSameStatusAndCode(noToken, 401, ErrorCodes.UNAUTHORIZED);
        assertLanguages(noToken);

        Map<String, Answer> unknown = inEachLanguage(l -> get("/api/no-such-route", admin, l));
        assertSameStatusAndCode(unknown, 404, ErrorCodes.NOT_FOUND);
        assertLanguages(unknown);
    }

    @Test
    void a_body_refused_before_it_is_read_answers_in_the_callers_language() {
        String body = "{\"username\":\"" + "x".repeat(9000) + "\",\"password\":\"y\"}";
        Map<String, Answer> answers = inEachLanguage(l -> post("/api/auth/token", null, body, l));

        assertSameStatusAndCode(answers, 413, "REQUEST_TOO_LARGE");
        assertThat(answers.get("en").message()).contains("8192 bytes");
        assertThat(answers.get("none").message()).contains("8192 字节");
        assertLanguages(answers);
    }

    @Test
    void an_english_refusal_of_a_role_is_not_passed_to_a_chinese_caller() {
        String body = "{\"organizationId\":" + community.id() + ",\"code\":\"STAFFKIND\",\"name\":\"职员积分\"}";
        Map<String, Answer> answers = inEachLanguage(l -> post("/api/points/kinds", staff, body, l));

        assertSameStatusAndCode(answers, 403, ErrorCodes.FORBIDDEN);
        assertThat(answers.get("none").message()).isEqualTo("您没有权限进行此操作");
        assertLanguages(answers);
    }

    /** One answer's status, code, message and the messages of its fields. */
    record Answer(int status, String code, String message, List<String> fieldMessages) {}

    private interface Send {
        Answer send(String acceptLanguage) throws Exception;
    }

    /** The same request sent with {@code en}, {@code zh-CN} and no {@code Accept-Language}. */
    private static Map<String, Answer> inEachLanguage(Send send) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        try {
            for (String language : List.of("en", "zh-CN", "none")) {
                answers.put(language, send.send(language.equals("none") ? null : language));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return answers;
    }

    private static void assertSameStatusAndCode(Map<String, Answer> answers, int status, String code) {
        assertThat(answers.values()).as(answers.toString()).allSatisfy(a -> assertThat(a.status() + " " + a.code())
                .isEqualTo(status + " " + code));
    }

    /** English has no Chinese character; the Chinese answers have, field messages included. */
    private static void assertLanguages(Map<String, Answer> answers) {
        Answer english = answers.get("en");
        assertThat(ApiMessages.isIn(english.message(), ApiMessages.ENGLISH))
                .as(english.message())
                .isTrue();
        assertThat(english.fieldMessages()).allSatisfy(m -> assertThat(ApiMessages.isIn(m, ApiMessages.ENGLISH))
                .as(m)
                .isTrue());
        for (String language : List.of("zh-CN", "none")) {
            Answer chinese = answers.get(language);
            assertThat(ApiMessages.isIn(chinese.message(), ApiMessages.CHINESE))
                    .as(language + ": " + chinese.message())
                    .isTrue();
            assertThat(chinese.fieldMessages()).allSatisfy(m -> assertThat(ApiMessages.isIn(m, ApiMessages.CHINESE))
                    .as(language + ": " + m)
                    .isTrue());
            assertThat(chinese.message()).doesNotContain("Exception", "org.gongjian", "java.");
        }
        assertThat(answers.get("zh-CN")).isEqualTo(answers.get("none"));
    }

    private Answer get(String path, String token, String language) throws IOException, InterruptedException {
        return send(request(path, token, language).GET());
    }

    private Answer post(String path, String token, String body, String language)
            throws IOException, InterruptedException {
        return send(request(path, token, language)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path, String token, String language) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return request;
    }

    @SuppressWarnings("unchecked")
    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> body = json.readValue(response.body(), Map.class);
        List<String> fields = ((List<Map<String, Object>>) body.getOrDefault("errors", List.of()))
                .stream().map(f -> (String) f.get("message")).toList();
        return new Answer(response.statusCode(), (String) body.get("code"), (String) body.get("message"), fields);
    }
}
