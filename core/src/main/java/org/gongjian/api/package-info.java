/**
 * Cross-cutting parts of the REST API under {@code /api}: the one JSON error format (a stable
 * {@code code} that clients switch on, a human {@code message}, and field {@code errors}), the
 * OpenAPI document, and request-level security headers. Feature controllers live in their
 * feature packages.
 *
 * <p>Request bodies are read strictly, once for the whole API (application.yml {@code
 * micronaut.serde} and {@link org.gongjian.api.StrictJson}): a field not marked {@code @Nullable}
 * is required ({@code MISSING_FIELD}), a field the request does not have is refused ({@code
 * UNKNOWN_FIELD}), and a value of the wrong JSON type or out of range is never converted ({@code
 * INVALID_NUMBER}, {@code INVALID_BOOLEAN}, {@code INVALID_TEXT}, {@code INVALID_DATE}). Such an
 * answer never repeats the parser's message and logs one line without a stack trace.
 */
package org.gongjian.api;
