package org.gongjian.plugin.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One call of an {@link Endpoint}.
 *
 * @param pathParameters the values of the path's {@code {name}} parts
 * @param query the query parameters
 * @param idempotencyKey the request's {@code Idempotency-Key} header, for endpoints that post
 * @param body the request body as text (UTF-8), empty when there is none; parse it with {@code
 *     Json}
 * @since 0.2
 */
public record EndpointRequest(
        PluginCaller caller,
        Map<String, String> pathParameters,
        Map<String, List<String>> query,
        Optional<String> idempotencyKey,
        String body) {

    public EndpointRequest {
        pathParameters = Map.copyOf(pathParameters);
        query = Map.copyOf(query);
        idempotencyKey = idempotencyKey == null ? Optional.empty() : idempotencyKey;
        body = body == null ? "" : body;
    }
}
