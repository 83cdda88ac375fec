package org.gongjian.api;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Every error the API answers, whatever the status.
 *
 * @param code a stable identifier such as {@code VALIDATION_FAILED}; never changes meaning
 * @param message an explanation in the caller's language (Chinese unless {@code Accept-Language}
 *     prefers English; see {@link ApiMessages}); clients switch on {@code code}, never on this
 * @param errors the fields that failed validation, if any
 */
@Serdeable
@Schema(name = "Error")
public record ApiError(String code, String message, List<FieldError> errors) {

    public ApiError {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiError of(String code, String message) {
        return new ApiError(code, message, List.of());
    }

    /**
     * This error without field errors as JSON, for the server's answers written before Micronaut
     * runs (a body refused unread, an error Jetty answers itself).
     */
    public byte[] toJson() {
        return ("{\"code\":\"" + escaped(code) + "\",\"message\":\"" + escaped(message) + "\",\"errors\":[]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** One field that failed validation, e.g. {@code newPassword}: "size must be between 8 and 128". */
    @Serdeable
    public record FieldError(String field, String message) {}
}
