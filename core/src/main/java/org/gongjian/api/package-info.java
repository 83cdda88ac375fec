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
 *
 * <p>Errors and languages: the {@code code} is the contract and is the same in every language;
 * the {@code message} (and each field's) is in the caller's language, English when {@code
 * Accept-Language} prefers English to Chinese, Chinese otherwise (no header, an unreadable one, or
 * other languages only). Every code has its text in both languages in one bundle, {@code
 * org/gongjian/api/errors.properties} (Chinese) and {@code errors_en.properties}, whose feature
 * texts are those the UI shows for {@code error.<CODE>}; a text may take {@code {0}} arguments
 * (e.g. {@code PASSWORD_LENGTH}'s limits, passed by {@link
 * org.gongjian.errors.InvalidInputException#arguments()}). A throw site's own message is answered
 * only when it is already in the caller's language (it may name a limit the code's text lacks);
 * otherwise the code's text is, so a caller who asked for nothing never reads English and nobody
 * reads a class name. {@link org.gongjian.api.ApiMessages} holds the rule; {@code
 * ApiErrorLanguage} applies it to every {@link org.gongjian.api.ApiError} an {@code /api} answer
 * carries, and the servlet filter and Jetty's error handler use it for the errors they write
 * themselves. A new code needs its line in both files ({@code ApiMessagesTest} fails otherwise).
 */
package org.gongjian.api;
