package org.gongjian.security;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gongjian.access.Role;
import org.gongjian.home.GongjianHome;
import org.junit.jupiter.api.Test;

/**
 * Sign-in, password change, tokens and the API's error format over real HTTP. One application
 * context (and database) serves the whole class: only {@link
 * #the_initial_admin_must_change_the_one_time_password_before_getting_a_token_and_its_file_then_goes} touches {@code admin};
 * every other test creates its own users.
 */
@MicronautTest(transactional = false)
class AuthApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Inject
    GongjianHome home;

    @Inject
    Accounts accounts;

    @Inject
    JsonMapper json;

    @Test
    void the_initial_admin_must_change_the_one_time_password_before_getting_a_token_and_its_file_then_goes()
            throws Exception {
        Path file = home.root().resolve("initial-admin-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String initial = Files.readString(file).strip();
        assertThat(initial).hasSize(16).doesNotContainAnyWhitespaces();
        assertThat(accounts.anyUserExists()).isTrue();

        var refused = post("/api/auth/token", Map.of("username", "admin", "password", initial));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(code(refused)).isEqualTo("PASSWORD_CHANGE_REQUIRED");

        var wrongOld = post(
                "/api/auth/password",
                Map.of("username", "admin", "oldPassword", "not-the-password", "newPassword", "a-new-password-1"));
        assertThat(wrongOld.statusCode()).isEqualTo(401);
        assertThat(code(wrongOld)).isEqualTo("BAD_CREDENTIALS");

        var tooShort =
                post("/api/auth/password", Map.of("username", "admin", "oldPassword", initial, "newPassword", "short"));
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(code(tooShort)).isEqualTo("PASSWORD_LENGTH");

        var same =
                post("/api/auth/password", Map.of("username", "admin", "oldPassword", initial, "newPassword", initial));
        assertThat(same.statusCode()).isEqualTo(400);
        assertThat(code(same)).isEqualTo("PASSWORD_NOT_NEW");

        // Nothing changed: the one-time password is still the password, and still on disk.
        var stillInitial = post("/api/auth/token", Map.of("username", "admin", "password", initial));
        assertThat(stillInitial.statusCode()).isEqualTo(403);
        assertThat(code(stillInitial)).isEqualTo("PASSWORD_CHANGE_REQUIRED");
        assertThat(file).exists();

        var changed = post(
                "/api/auth/password",
                Map.of("username", "admin", "oldPassword", initial, "newPassword", "admin-chose-this-1"));
        assertThat(changed.statusCode()).isEqualTo(204);
        assertThat(changed.body()).isEmpty();
        assertThat(file)
                .as("the one-time password leaves the disk once the administrator chose one")
                .doesNotExist();

        var oldAgain = post("/api/auth/token", Map.of("username", "admin", "password", initial));
        assertThat(oldAgain.statusCode()).isEqualTo(401);
        assertThat(code(oldAgain)).isEqualTo("BAD_CREDENTIALS");

        var issued = post("/api/auth/token", Map.of("username", "admin", "password", "admin-chose-this-1"));
        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(issued.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        Map<String, Object> token = object(issued);
        assertThat(token.get("accessToken")).asString().startsWith("gj_").hasSizeGreaterThan(40);
        assertThat(token.get("tokenType")).isEqualTo("Bearer");
        assertThat(((Number) token.get("expiresIn")).longValue()).isEqualTo(43200L);
        String accessToken = (String) token.get("accessToken");

        var me = get("/api/me", accessToken);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(object(me)).containsEntry("username", "admin").containsEntry("roles", List.of("PLATFORM_ADMIN"));

        var plugins = get("/api/plugins", accessToken);
        assertThat(plugins.statusCode()).isEqualTo(200);
        assertThat(json.readValue(plugins.body(), Argument.of(Object.class))).isInstanceOf(List.class);
    }

    @Test
    void an_unknown_user_gets_the_same_answer_as_a_wrong_password() throws Exception {
        accounts.createUser("known1", "known-password-1", false, Set.of(Role.ORG_STAFF));

        var unknown = post("/api/auth/token", Map.of("username", "nobody-here", "password", "known-password-1"));
        var wrong = post("/api/auth/token", Map.of("username", "known1", "password", "wrong-password-1"));

        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(code(unknown)).isEqualTo("BAD_CREDENTIALS");
    }

    @Test
    void a_missing_or_blank_field_is_a_validation_error_naming_the_field() throws Exception {
        var missing = post("/api/auth/password", Map.of("username", "admin", "oldPassword", "whatever-it-is"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(code(missing)).isEqualTo("MISSING_FIELD");
        assertThat(fieldsInError(missing)).containsExactly("newPassword");

        var blank = post(
                "/api/auth/password",
                Map.of("username", " ", "oldPassword", "whatever-it-is", "newPassword", "a-new-password"));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(code(blank)).isEqualTo("VALIDATION_FAILED");
        assertThat(fieldsInError(blank)).containsExactly("username");

        var tokenWithoutPassword = post("/api/auth/token", Map.of("username", "admin", "password", ""));
        assertThat(tokenWithoutPassword.statusCode()).isEqualTo(400);
        assertThat(code(tokenWithoutPassword)).isEqualTo("VALIDATION_FAILED");
        assertThat(fieldsInError(tokenWithoutPassword)).containsExactly("password");
    }

    @Test
    void a_body_that_is_not_json_is_a_400_with_a_stable_code() throws Exception {
        var truncated = postRaw("/api/auth/token", "{\"username\": \"admin\", \"password\": ");
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(truncated.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/json");
        assertThat(code(truncated)).isEqualTo("MALFORMED_REQUEST");

        var notAnObject = postRaw("/api/auth/token", "[1, 2, 3]");
        assertThat(notAnObject.statusCode()).isEqualTo(400);
        assertThat(code(notAnObject)).isEqualTo("MALFORMED_REQUEST");

        var empty = postRaw("/api/auth/password", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(code(empty)).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void a_wrong_media_type_or_method_has_its_own_code() throws Exception {
        var text = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.getURI() + "/api/auth/token"))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("username=admin"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(code(text)).isEqualTo("UNSUPPORTED_MEDIA_TYPE");

        var wrongMethod = get("/api/auth/token", null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(code(wrongMethod)).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void listing_plugins_needs_a_valid_token() throws Exception {
        var anonymous = get("/api/plugins", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(code(anonymous)).isEqualTo("UNAUTHORIZED");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

        var garbage = get("/api/plugins", "gj_this-token-was-never-issued");
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(code(garbage)).isEqualTo("UNAUTHORIZED");

        var notOurs = get("/api/plugins", "eyJhbGciOiJub25lIn0.e30.");
        assertThat(notOurs.statusCode()).isEqualTo(401);
        assertThat(code(notOurs)).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void a_volunteer_may_not_list_plugins_and_a_disabled_one_loses_access_at_once() throws Exception {
        accounts.createUser("vol1", "volunteer-password-1", false, Set.of(Role.VOLUNTEER));
        String token = tokenFor("vol1", "volunteer-password-1");

        var me = get("/api/me", token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(object(me)).containsEntry("username", "vol1").containsEntry("roles", List.of("VOLUNTEER"));

        var plugins = get("/api/plugins", token);
        assertThat(plugins.statusCode()).isEqualTo(403);
        assertThat(code(plugins)).isEqualTo("FORBIDDEN");

        accounts.disable("vol1");

        var afterDisable = get("/api/me", token);
        assertThat(afterDisable.statusCode()).isEqualTo(401);
        assertThat(code(afterDisable)).isEqualTo("UNAUTHORIZED");
        var signIn = post("/api/auth/token", Map.of("username", "vol1", "password", "volunteer-password-1"));
        assertThat(signIn.statusCode()).isEqualTo(403);
        assertThat(code(signIn)).isEqualTo("ACCOUNT_DISABLED");
    }

    @Test
    void a_second_platform_admin_lists_plugins() throws Exception {
        accounts.createUser("ops-admin", "ops-admin-password", false, Set.of(Role.PLATFORM_ADMIN));

        var plugins = get("/api/plugins", tokenFor("ops-admin", "ops-admin-password"));

        assertThat(plugins.statusCode()).isEqualTo(200);
        assertThat(json.readValue(plugins.body(), Argument.of(Object.class))).isInstanceOf(List.class);
    }

    @Test
    void the_openapi_document_is_served_to_signed_in_clients_only() throws Exception {
        assertThat(get("/api/openapi.yml", null).statusCode()).isEqualTo(401);
        accounts.createUser("apidoc1", "apidoc-password-1", false, Set.of(Role.ORG_STAFF));

        var document = get("/api/openapi.yml", tokenFor("apidoc1", "apidoc-password-1"));

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/yaml");
        assertThat(document.body())
                .startsWith("openapi: 3")
                .contains("/api/auth/token", "/api/auth/password", "/api/me");
    }

    @Test
    void an_unknown_api_path_is_a_json_404() throws Exception {
        accounts.createUser("reader1", "reader-password-1", false, Set.of(Role.ORG_STAFF));

        var missing = get("/api/nope", tokenFor("reader1", "reader-password-1"));

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/json");
        assertThat(code(missing)).isEqualTo("NOT_FOUND");
    }

    private String tokenFor(String username, String password) throws Exception {
        var response = post("/api/auth/token", Map.of("username", username, "password", password));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) object(response).get("accessToken");
    }

    @Test
    void a_password_change_ends_every_token_issued_before_it() throws Exception {
        accounts.createUser("tokens-end", "tokens-end-password", false, Set.of(Role.ORG_STAFF));
        String first =
                tokenOf(post("/api/auth/token", Map.of("username", "tokens-end", "password", "tokens-end-password")));
        String second =
                tokenOf(post("/api/auth/token", Map.of("username", "tokens-end", "password", "tokens-end-password")));
        assertThat(get("/api/me", first).statusCode()).isEqualTo(200);

        var changed = post(
                "/api/auth/password",
                Map.of(
                        "username",
                        "tokens-end",
                        "oldPassword",
                        "tokens-end-password",
                        "newPassword",
                        "tokens-end-new-1"));
        assertThat(changed.statusCode()).isEqualTo(204);

        assertThat(get("/api/me", first).statusCode()).isEqualTo(401);
        assertThat(get("/api/me", second).statusCode()).isEqualTo(401);
        String fresh =
                tokenOf(post("/api/auth/token", Map.of("username", "tokens-end", "password", "tokens-end-new-1")));
        assertThat(get("/api/me", fresh).statusCode()).isEqualTo(200);
    }

    private String tokenOf(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) object(response).get("accessToken");
    }

    private HttpResponse<String> post(String path, Map<String, String> body) throws Exception {
        return postRaw(path, json.writeValueAsString(body));
    }

    private HttpResponse<String> postRaw(String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(server.getURI() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> object(HttpResponse<String> response) throws IOException {
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    private String code(HttpResponse<String> response) throws IOException {
        return (String) object(response).get("code");
    }

    @SuppressWarnings("unchecked")
    private List<String> fieldsInError(HttpResponse<String> response) throws IOException {
        List<Map<String, Object>> errors =
                (List<Map<String, Object>>) object(response).get("errors");
        return errors.stream().map(e -> (String) e.get("field")).toList();
    }
}
