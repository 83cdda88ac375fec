package org.gongjian.plugins;

import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gongjian.api.ErrorCodes;
import org.gongjian.api.OpenApiPaths;
import org.gongjian.plugin.api.Endpoint;
import org.gongjian.plugin.api.EndpointDoc;
import org.gongjian.plugin.api.EndpointException;
import org.gongjian.plugin.api.Json;
import org.gongjian.plugin.api.JsonObject;
import org.gongjian.plugin.api.PluginRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints of the plugins started now, as OpenAPI operations: the summary, the examples and
 * every error code of their {@link EndpointDoc}, with the codes the host itself answers for them
 * (401, 403, 404, 405, 413, the strict JSON codes).
 */
@Singleton
final class PluginEndpointDocs implements OpenApiPaths {

    private static final Logger LOG = LoggerFactory.getLogger(PluginEndpointDocs.class);

    private static final String ERROR = "#/components/schemas/Error";

    private final PluginEndpoints endpoints;

    PluginEndpointDocs(PluginEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public Map<String, Map<String, Object>> paths() {
        Map<String, Map<String, Object>> paths = new LinkedHashMap<>();
        endpoints.all().forEach((pluginId, list) -> {
            for (Endpoint endpoint : list) {
                try {
                    paths.computeIfAbsent(PluginEndpoints.mountPath(pluginId, endpoint), p -> new LinkedHashMap<>())
                            .put(
                                    endpoint.method().name().toLowerCase(java.util.Locale.ROOT),
                                    operation(pluginId, endpoint));
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Plugin {}: the description of endpoint {} failed; it is left out of the OpenAPI document",
                            pluginId,
                            endpoint.getClass().getName(),
                            e);
                }
            }
        });
        return paths;
    }

    private static Map<String, Object> operation(String pluginId, Endpoint endpoint) {
        EndpointDoc doc = endpoint.doc();
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("tags", List.of("Plugin " + pluginId));
        operation.put("summary", doc.summary());
        operation.put(
                "description",
                "Contributed by the plugin " + pluginId + ". Roles: "
                        + endpoint.roles().stream()
                                .map(PluginRole::name)
                                .sorted()
                                .toList()
                        + ". 404 where the plugin is not enabled for the caller's organizations (or for the"
                        + " organizationId / memberId of the path).");
        operation.put(
                "operationId",
                ("plugin_" + pluginId + "_" + endpoint.method() + "_" + endpoint.path())
                        .replaceAll("[^A-Za-z0-9]+", "_"));
        List<Object> parameters = new ArrayList<>();
        for (String segment : endpoint.path().split("/")) {
            if (segment.startsWith("{")) {
                parameters.add(Map.of(
                        "name",
                        segment.substring(1, segment.length() - 1),
                        "in",
                        "path",
                        "required",
                        true,
                        "schema",
                        Map.of("type", "string")));
            }
        }
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        if (endpoint.method() == Endpoint.Method.POST || endpoint.method() == Endpoint.Method.PUT) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("schema", Map.of("type", "object"));
            example(doc.requestExample()).ifPresent(e -> json.put("example", e));
            operation.put("requestBody", Map.of("required", true, "content", Map.of("application/json", json)));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("description", "OK");
        example(doc.responseExample())
                .ifPresent(e -> ok.put("content", Map.of("application/json", Map.of("example", e))));
        responses.put(endpoint.method() == Endpoint.Method.POST ? "2XX" : "200", ok);
        Set<String> codes = new LinkedHashSet<>(doc.errorCodes());
        if (endpoint.method() == Endpoint.Method.POST || endpoint.method() == Endpoint.Method.PUT) {
            codes.addAll(List.of(
                    ErrorCodes.MALFORMED_REQUEST,
                    ErrorCodes.MISSING_FIELD,
                    ErrorCodes.UNKNOWN_FIELD,
                    ErrorCodes.DUPLICATE_FIELD,
                    ErrorCodes.INVALID_NUMBER,
                    ErrorCodes.NESTING_TOO_DEEP,
                    "REQUEST_TOO_LARGE"));
        }
        codes.addAll(List.of(ErrorCodes.FORBIDDEN, ErrorCodes.NOT_FOUND));
        responses.put("4XX", error("Error codes: " + String.join(", ", codes)));
        responses.put("401", error(ErrorCodes.UNAUTHORIZED));
        responses.put("500", error(ErrorCodes.INTERNAL_ERROR));
        operation.put("responses", responses);
        operation.put("x-error-codes", List.copyOf(codes));
        operation.put("security", List.of(Map.of("bearer", List.of())));
        return operation;
    }

    private static Map<String, Object> error(String description) {
        return Map.of(
                "description",
                description,
                "content",
                Map.of("application/json", Map.of("schema", Map.of("$ref", ERROR))));
    }

    /** An example as plain values for the YAML document; one that is not JSON is left out. */
    private static Optional<Object> example(Optional<String> json) {
        try {
            return json.map(Json::parse).map(PluginEndpointDocs::plain);
        } catch (EndpointException e) {
            return Optional.empty();
        }
    }

    private static Object plain(Object value) {
        return switch (value) {
            case JsonObject o -> {
                Map<String, Object> map = new LinkedHashMap<>();
                o.asMap().forEach((k, v) -> map.put(k, v == null ? null : plain(v)));
                yield map;
            }
            case List<?> list ->
                list.stream().map(v -> v == null ? null : plain(v)).toList();
            case BigDecimal d ->
                d.scale() == 0 && d.unscaledValue().bitLength() < 63 ? (Object) d.longValueExact() : d.doubleValue();
            default -> value;
        };
    }
}
