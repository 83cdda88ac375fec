package org.gongjian.errors;

import io.micronaut.core.annotation.Nullable;

/**
 * Input a service refuses, before it changes anything. The API answers 400 with {@code code};
 * the UI shows the message of {@code code} in the user's language next to {@code field}. The
 * API's message is the code's text in the caller's language ({@code org.gongjian.api.ApiMessages}),
 * formatted with {@link #arguments()}, unless this exception's own message is in that language.
 *
 * @param code a stable code such as {@code ID_NUMBER_CHECK_DIGIT}
 * @param field the input field it concerns, e.g. {@code idNumber}
 */
public final class InvalidInputException extends RuntimeException {

    private final String code;
    private final @Nullable String field;
    private final boolean conflict;
    private final Object[] arguments;

    public InvalidInputException(String code, @Nullable String field, String message) {
        this(code, field, message, false, new Object[0]);
    }

    /**
     * A refusal whose code's text takes {@code arguments} (the {@code {0}}, {@code {1}} of the
     * API's bundle), e.g. a password's length limits.
     */
    public InvalidInputException(String code, @Nullable String field, String message, Object... arguments) {
        this(code, field, message, false, arguments);
    }

    private InvalidInputException(
            String code, @Nullable String field, String message, boolean conflict, Object[] arguments) {
        super(message);
        this.code = code;
        this.field = field;
        this.conflict = conflict;
        this.arguments = arguments.clone();
    }

    /**
     * Input that is well-formed but clashes with what is stored (e.g. a code already taken): the API
     * answers 409 instead of 400; everything else is as for any refused input.
     */
    public static InvalidInputException conflict(String code, @Nullable String field, String message) {
        return new InvalidInputException(code, field, message, true, new Object[0]);
    }

    /** A conflict whose code's text takes {@code arguments}, e.g. the version that runs now. */
    public static InvalidInputException conflict(
            String code, @Nullable String field, String message, Object... arguments) {
        return new InvalidInputException(code, field, message, true, arguments);
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

    /** The arguments of the code's text; empty for most refusals. */
    public Object[] arguments() {
        return arguments.clone();
    }
}
