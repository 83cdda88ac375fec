package org.gongjian.plugin.api;

/**
 * The answer of an {@link Endpoint}: a status and a JSON body.
 *
 * @since 0.2
 */
public record EndpointResponse(int status, String json) {

    public static EndpointResponse ok(String json) {
        return new EndpointResponse(200, json);
    }

    public static EndpointResponse created(String json) {
        return new EndpointResponse(201, json);
    }

    public static EndpointResponse noContent() {
        return new EndpointResponse(204, "");
    }
}
