package org.gongjian.errors;

import io.micronaut.core.annotation.Nullable;

/**
 * Input a service refuses, before it changes anything. The API answers 400 with {@code code};
 * the UI shows the message of {@code code} in the user's language next to {@code field}.
 *
 * @param code a stable code such as {@code ID_NUMBER_CHECK_DIGIT}
 * @param field the input field it concerns, e.g. {@code idNumber}
 */
public final class InvalidInputException extends RuntimeException {

    private final String code;
    private final @Nullable String field;
    private final boolean conflict;

    public InvalidInputException(String code, @Nullable String field, String message) {
        this(code, field, message, false);
    }

    private InvalidInputException(String code, @Nullable String field, String message, boolean conflict) {
        super(message);
        this.code = code;
        this.field = field;
        this.conflict = conflict;
    }

    /**
     * Input that is well-formed but clashes with what is stored (e.g. a code already taken): the API
     * answers 409 instead of 400; everything else is as for any refused input.
     */
    public static InvalidInputException conflict(String code, @Nullable String field, String message) {
        return new InvalidInputException(code, field, message, true);
    }

    /** Whether it clashes with stored data (409) rather than being invalid in itself (400). */
    public boolean isConflict() {
        return conflict;
    }

    public String code() {
        return code;
    }

    public @Nullable String field() {
        return field;
    }
}
