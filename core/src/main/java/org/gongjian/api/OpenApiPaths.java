package org.gongjian.api;

import java.util.Map;

/**
 * Operations added to the OpenAPI document at the time it is served, for routes that are not
 * controllers of their own (the endpoints of started plugins). Implemented by the feature that owns
 * them; {@link OpenApiController} merges them into the generated document.
 */
public interface OpenApiPaths {

    /**
     * Path → method ({@code get}, {@code post} ...) → OpenAPI 3 operation, as plain maps, lists, texts,
     * numbers and booleans.
     */
    Map<String, Map<String, Object>> paths();
}
