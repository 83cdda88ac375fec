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

    public InvalidInputException(String code, @Nullable String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    public @Nullable String field() {
        return field;
    }
}
