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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What was wrong with a request that could not be read, told from the exception reading it raised:
 * a stable code, the field as the client spelled it, and a short message of our own. The
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

    private static final Map<String, String> MESSAGES = Map.ofEntries(
            Map.entry(ErrorCodes.INVALID_NUMBER, "Must be a JSON integer within range"),
            Map.entry(ErrorCodes.INVALID_BOOLEAN, "Must be true or false"),
            Map.entry(ErrorCodes.INVALID_TEXT, "Must be a JSON string"),
            Map.entry(ErrorCodes.INVALID_DATE, "Must be a date written YYYY-MM-DD"),
            Map.entry(ErrorCodes.INVALID_VALUE, "Not one of the allowed values"),
            Map.entry(ErrorCodes.MISSING_FIELD, "Required"),
            Map.entry(ErrorCodes.UNKNOWN_FIELD, "Not a field of this request"),
            Map.entry(ErrorCodes.DUPLICATE_FIELD, "Sent more than once"),
            Map.entry(ErrorCodes.NESTING_TOO_DEEP, "The JSON is nested too deeply"),
            Map.entry(ErrorCodes.INVALID_PARAMETER, "Not a valid value for this parameter"),
            Map.entry(ErrorCodes.MISSING_PARAMETER, "Required"),
            Map.entry(ErrorCodes.MALFORMED_REQUEST, "The body is not JSON of the expected shape"));

    private BadInput() {}

    /** One problem: its code, the field (null when it concerns the whole body) and a message. */
    record Problem(String code, @Nullable String field) {

        String message() {
            return MESSAGES.get(code);
        }

        ApiError toError() {
            return field == null
                    ? ApiError.of(code, message())
                    : new ApiError(
                            code,
                            "The request has an invalid field: " + field,
                            java.util.List.of(new ApiError.FieldError(field, message())));
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
