package org.gongjian.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations of the OpenAPI document the server serves at {@code /api/openapi.yml}, as
 * {@code "METHOD /path/{template}"}, and the operation a concrete request path belongs to.
 */
final class OpenApiOperations {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private final List<String> operations;
    private final java.util.Set<String> multipart;

    private OpenApiOperations(List<String> operations, java.util.Set<String> multipart) {
        this.operations = List.copyOf(operations);
        this.multipart = java.util.Set.copyOf(multipart);
    }

    @SuppressWarnings("unchecked")
    static OpenApiOperations parse(String yaml) {
        Map<String, Object> document = new Yaml().load(yaml);
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        TreeSet<String> operations = new TreeSet<>();
        TreeSet<String> multipart = new TreeSet<>();
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            String name = method.toUpperCase() + " " + path;
            operations.add(name);
            Object body = ((Map<String, Object>) operation).get("requestBody");
            if (body instanceof Map<?, ?> b
                    && b.get("content") instanceof Map<?, ?> content
                    && content.containsKey("multipart/form-data")) {
                multipart.add(name);
            }
        }));
        return new OpenApiOperations(new ArrayList<>(operations), multipart);
    }

    List<String> all() {
        return operations;
    }

    /** Whether the operation takes a multipart upload. */
    boolean multipart(String operation) {
        return multipart.contains(operation);
    }

    /** The documented operation a request ({@code method}, a path with ids and a query) calls. */
    Optional<String> of(String method, String requestPath) {
        String path = requestPath.replaceFirst("\\?.*", "");
        return operations.stream()
                .filter(o -> o.startsWith(method + " "))
                .filter(o ->
                        template(o.substring(method.length() + 1)).matcher(path).matches())
                // a literal segment wins over a template ({id}) matching the same request
                .min((x, y) -> Long.compare(templates(x), templates(y)));
    }

    /** The operation's path with every template replaced by {@code value}. */
    static String path(String operation, String value) {
        return operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{[^}]+}", value);
    }

    private static long templates(String operation) {
        return operation.chars().filter(c -> c == '{').count();
    }

    private static Pattern template(String path) {
        return Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
    }
}
