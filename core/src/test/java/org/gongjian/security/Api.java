package org.gongjian.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** The API over real HTTP with the JDK client, as a client program would call it. */
final class Api {

    private static final HttpClient SHARED = HttpClient.newHttpClient();

    private final EmbeddedServer server;
    private final JsonMapper json;
    private final HttpClient http;

    Api(EmbeddedServer server, JsonMapper json) {
        this(server, json, SHARED);
    }

    private Api(EmbeddedServer server, JsonMapper json, HttpClient http) {
        this.server = server;
        this.json = json;
        this.http = http;
    }

    /**
     * The same API called from another loopback address (127.0.0.2, 127.0.0.3, ...): the server
     * listens on 127.0.0.1 and sees the client's own address, as it would see another computer.
     */
    Api from(String localAddress) {
        try {
            return new Api(
                    server,
                    json,
                    HttpClient.newBuilder()
                            .localAddress(java.net.InetAddress.getByName(localAddress))
                            .build());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    HttpResponse<String> signIn(String username, String password) {
        return post("/api/auth/token", Map.of("username", username, "password", password));
    }

    HttpResponse<String> changePassword(String username, String oldPassword, String newPassword) {
        return post(
                "/api/auth/password",
                Map.of("username", username, "oldPassword", oldPassword, "newPassword", newPassword));
    }

    String tokenFor(String username, String password) {
        HttpResponse<String> response = signIn(username, password);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) object(response).get("accessToken");
    }

    HttpResponse<String> post(String path, Map<String, String> body) {
        return post(path, body, Map.of());
    }

    /** A POST with extra request headers, e.g. a forged {@code X-Forwarded-For}. */
    HttpResponse<String> post(String path, Map<String, String> body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + path));
            headers.forEach(request::header);
            return send(request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    Map<String, Object> object(HttpResponse<String> response) {
        try {
            return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String code(HttpResponse<String> response) {
        return (String) object(response).get("code");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
