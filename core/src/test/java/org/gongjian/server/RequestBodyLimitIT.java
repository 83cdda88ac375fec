package org.gongjian.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.gongjian.access.Role;
import org.gongjian.security.Accounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Request bodies are bounded per route and refused unread when too large or unauthenticated, over
 * real sockets against the real server. A request whose body is declared but never sent proves that
 * the server answered without reading it: reading would wait for the body until the timeout.
 */
@MicronautTest(transactional = false)
class RequestBodyLimitIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int NEVER_SENT = 2_000;

    @Inject
    EmbeddedServer server;

    @Inject
    Accounts accounts;

    static boolean userCreated;

    String token;

    @BeforeEach
    void signIn() throws Exception {
        if (!userCreated) {
            accounts.createUser("limits", "limits-password", false, Set.of(Role.PLATFORM_ADMIN));
            userCreated = true;
        }
        token = tokenFor("limits", "limits-password");
    }

    @Test
    void a_sign_in_body_over_eight_kib_is_refused_from_its_declared_length_and_the_connection_closed()
            throws IOException {
        var answer = RawHttp.headOnly(port(), post("/api/auth/token", "application/json", 8 * 1024 + 1), NEVER_SENT);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"REQUEST_TOO_LARGE\"");
        assertThat(answer.hasHeader("Connection", "close")).isTrue();
        assertThat(answer.closed()).isTrue();
    }

    @Test
    void a_sixty_megabyte_sign_in_body_is_refused_without_being_read() throws IOException {
        var answer = RawHttp.stream(
                port(), post("/api/auth/token", "application/json", 60L << 20), 60L << 20, false, 10_000);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("REQUEST_TOO_LARGE");
    }

    @Test
    void a_chunked_body_is_counted_and_refused_once_it_passes_the_limit() throws IOException {
        var answer =
                RawHttp.stream(port(), chunked("/api/auth/token", "application/json", null), 60L << 20, true, 10_000);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("REQUEST_TOO_LARGE");
        assertThat(answer.closed()).isTrue();
    }

    @Test
    void a_small_chunked_body_is_read_as_usual() throws IOException {
        byte[] json = "{\"username\":\"limits\",\"password\":\"limits-password\"}".getBytes();
        String head = chunked("/api/auth/token", "application/json", null) + Integer.toHexString(json.length) + "\r\n"
                + new String(json) + "\r\n0\r\n\r\n";

        var answer = RawHttp.headOnly(port(), head, 10_000);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("accessToken");
    }

    @Test
    void a_json_body_over_sixty_four_kib_is_refused_even_for_a_signed_in_caller() throws IOException {
        var answer = RawHttp.headOnly(
                port(), post("/api/ledger/transfers", "application/json", 64 * 1024 + 1, token), NEVER_SENT);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("REQUEST_TOO_LARGE");
    }

    @Test
    void a_forty_megabyte_upload_answers_413_not_500() throws IOException {
        String type = "multipart/form-data; boundary=xyz";
        var answer = RawHttp.headOnly(port(), post("/api/members/import", type, 40L << 20, token), NEVER_SENT);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("REQUEST_TOO_LARGE");
    }

    @Test
    void a_body_outside_the_api_larger_than_the_largest_upload_is_refused_from_its_declared_length()
            throws IOException {
        String type = "multipart/form-data; boundary=xyz";
        var answer = RawHttp.headOnly(port(), post("/VAADIN/dynamic/upload", type, 40L << 20, null), NEVER_SENT);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"REQUEST_TOO_LARGE\"").doesNotContain("<html");
    }

    @Test
    void an_upload_within_the_route_limit_reaches_the_import() throws Exception {
        String boundary = "xyz";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nnot a spreadsheet\r\n--" + boundary + "--\r\n";
        var response = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.getURI() + "/api/members/import"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // The roster itself answers: the body passed the filter and was parsed.
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("ROSTER_UNREADABLE");
    }

    @Test
    void a_chunked_upload_must_declare_its_length() throws IOException {
        var answer = RawHttp.stream(
                port(),
                chunked("/api/members/import", "multipart/form-data; boundary=xyz", token),
                1 << 20,
                true,
                10_000);

        assertThat(answer.status()).isEqualTo(411);
        assertThat(answer.body()).contains("LENGTH_REQUIRED");
    }

    @Test
    void a_body_without_a_token_is_refused_with_401_before_it_is_read() throws IOException {
        var answer = RawHttp.headOnly(port(), post("/api/ledger/transfers", "application/json", 1000), NEVER_SENT);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("\"code\":\"UNAUTHORIZED\"");
        assertThat(answer.closed()).isTrue();
    }

    @Test
    void a_body_with_an_unknown_token_is_refused_with_401_before_it_is_read() throws IOException {
        var answer = RawHttp.headOnly(
                port(), post("/api/members", "application/json", 1000, "gj_not-a-real-token"), NEVER_SENT);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("UNAUTHORIZED");
    }

    @Test
    void every_api_answer_says_no_store_and_loads_nothing() throws Exception {
        for (String path : new String[] {"/api/health", "/api/me"}) {
            var response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.getURI() + path))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValue(SecurityHeadersFilter.API_POLICY);
        }
        var token = signInResponse("limits", "limits-password");
        assertThat(token.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    private int port() {
        return server.getPort();
    }

    private static String post(String path, String type, long length) {
        return post(path, type, length, null);
    }

    private static String post(String path, String type, long length, String token) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Content-Length: " + length + "\r\n\r\n";
    }

    private static String chunked(String path, String type, String token) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Transfer-Encoding: chunked\r\n\r\n";
    }

    private HttpResponse<String> signInResponse(String username, String password) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(server.getURI() + "/api/auth/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String tokenFor(String username, String password) throws Exception {
        var response = signInResponse(username, password);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String body = response.body();
        int at = body.indexOf("\"accessToken\":\"") + 15;
        return body.substring(at, body.indexOf('"', at));
    }
}
