package org.gongjian.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.serde.exceptions.InvalidPropertyFormatException;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What was wrong with a request that could not be read, told from the exception reading it raised:
 * a stable code, the field as the client spelled it, and the code's text in the caller's language. The
 * exception's message (which names internal classes and the parser) is never passed on.
 */
final class BadInput {

    /** micronaut-serde's messages for the cases it detects itself (HostileInputIT pins them). */
    private static final Pattern UNKNOWN = Pattern.compile("Unknown property \\[([^\\]]+)]");

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate property \\[([^\\]]+)]");
    private static final Pattern REQUIRED =
            Pattern.compile("Required constructor parameter \\[(?:[^\\]]*\\s)?([^\\s\\]]+)] at index");
    private static final Pattern NULL_ARGUMENT = Pattern.compile("Null argument specified for \\[([^\\]]+)]");
    private static final String TOO_DEEP = "Maximum depth exceeded";

    private BadInput() {}

    /** One problem: its code and the field (null when it concerns the whole body). */
    record Problem(String code, @Nullable String field) {

        /** The error in {@code language}: the code's text, for the whole body or for the field. */
        ApiError toError(Locale language) {
            String text = ApiMessages.message(code, null, language);
            return field == null
                    ? ApiError.of(code, text)
                    : new ApiError(
                            code,
                            ApiMessages.text("request.invalid-field", language, field),
                            List.of(new ApiError.FieldError(field, text)));
        }
    }

    /** The problem behind {@code error}, or MALFORMED_REQUEST when it is not one told apart here. */
    static Problem of(@Nullable Throwable error) {
        Problem parameter = null;
        boolean body = false;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (t instanceof StrictJson.WrongValue wrong) {
                return new Problem(wrong.code, wrong.field);
            }
            if (t instanceof InvalidPropertyFormatException format) {
                return new Problem(
                        ErrorCodes.INVALID_VALUE, format.getArgument().getName());
            }
            if (t instanceof JsonSyntaxException) {
                return new Problem(ErrorCodes.MALFORMED_REQUEST, null);
            }
            if (t instanceof SerdeException || t instanceof CodecException) {
                body = true;
                Problem serde = t.getMessage() == null ? null : fromSerde(t.getMessage());
                if (serde != null) {
                    return serde;
                }
            }
            if (parameter == null && t instanceof ConversionErrorException conversion) {
                parameter = new Problem(
                        ErrorCodes.INVALID_PARAMETER, conversion.getArgument().getName());
            }
            if (parameter == null
                    && t instanceof UnsatisfiedRouteException unsatisfied
                    && !(t instanceof UnsatisfiedBodyRouteException)) {
                parameter = new Problem(
                        ErrorCodes.MISSING_PARAMETER, unsatisfied.getArgument().getName());
            }
            if (parameter == null && t instanceof UnsatisfiedArgumentException unsatisfied) {
                parameter = new Problem(
                        ErrorCodes.MISSING_PARAMETER, unsatisfied.getArgument().getName());
            }
        }
        return parameter != null && !body ? parameter : new Problem(ErrorCodes.MALFORMED_REQUEST, null);
    }

    private static @Nullable Problem fromSerde(String message) {
        if (message.contains(TOO_DEEP)) {
            return new Problem(ErrorCodes.NESTING_TOO_DEEP, null);
        }
        Matcher m;
        if ((m = UNKNOWN.matcher(message)).find()) {
            return new Problem(ErrorCodes.UNKNOWN_FIELD, m.group(1));
        }
        if ((m = DUPLICATE.matcher(message)).find()) {
            return new Problem(ErrorCodes.DUPLICATE_FIELD, m.group(1));
        }
        if ((m = REQUIRED.matcher(message)).find() || (m = NULL_ARGUMENT.matcher(message)).find()) {
            return new Problem(ErrorCodes.MISSING_FIELD, m.group(1));
        }
        return null;
    }
}
