package org.gongjian.api;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.metadata.ConstraintDescriptor;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every error Micronaut produces (validation, unreadable JSON, unknown route, server error)
 * into an {@link ApiError} with a stable code and a message in the caller's language ({@link
 * ApiMessages}). Server errors never reveal their exception.
 */
@Singleton
@Primary
final class ApiErrorResponses implements ErrorResponseProcessor<ApiError> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorResponses.class);

    @Override
    public MutableHttpResponse<ApiError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        ApiError error = toError(context, status);
        if (status.getCode() >= 500) {
            LOG.error(
                    "{} {} failed",
                    context.getRequest().getMethod(),
                    context.getRequest().getPath(),
                    context.getRootCause().orElse(null));
        } else if (status == HttpStatus.BAD_REQUEST) {
            logRefusal(context.getRequest(), status, error);
        }
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(error);
    }

    private static ApiError toError(ErrorContext context, HttpStatus status) {
        Locale language = ApiErrorLanguage.language(context.getRequest());
        return switch (status) {
            case BAD_REQUEST -> badRequest(context, language);
            case UNAUTHORIZED -> error(ErrorCodes.UNAUTHORIZED, language);
            case FORBIDDEN -> error(ErrorCodes.FORBIDDEN, language);
            case NOT_FOUND -> error(ErrorCodes.NOT_FOUND, language);
            case METHOD_NOT_ALLOWED -> error(ErrorCodes.METHOD_NOT_ALLOWED, language);
            case UNSUPPORTED_MEDIA_TYPE -> error(ErrorCodes.UNSUPPORTED_MEDIA_TYPE, language);
            case CONFLICT -> error(ErrorCodes.CONFLICT, language);
            default ->
                status.getCode() >= 500
                        ? error(ErrorCodes.INTERNAL_ERROR, language)
                        : ApiError.of(
                                "HTTP_" + status.getCode(),
                                ApiMessages.message("HTTP_" + status.getCode(), status.getReason(), language));
        };
    }

    /** The error {@code code} with its text in {@code language}. */
    static ApiError error(String code, Locale language) {
        return ApiError.of(code, ApiMessages.message(code, null, language));
    }

    private static ApiError badRequest(ErrorContext context, Locale language) {
        if (context.getRootCause().orElse(null) instanceof ConstraintViolationException violations) {
            List<ApiError.FieldError> fields = violations.getConstraintViolations().stream()
                    .map(v -> new ApiError.FieldError(field(v.getPropertyPath().toString()), constraint(v, language)))
                    .sorted((a, b) -> a.field().compareTo(b.field()))
                    .toList();
            return new ApiError(
                    ErrorCodes.VALIDATION_FAILED,
                    ApiMessages.message(ErrorCodes.VALIDATION_FAILED, null, language),
                    fields);
        }
        return BadInput.of(context.getRootCause().orElse(null)).toError(language);
    }

    /**
     * What a Bean Validation constraint says, in {@code language}: the bundle's {@code
     * constraint.<Annotation>} text ({@code @Size} with its min and max), or the violation's own
     * message when the bundle has none and it is in that language, else the general validation text.
     */
    private static String constraint(ConstraintViolation<?> violation, Locale language) {
        ConstraintDescriptor<?> descriptor = violation.getConstraintDescriptor();
        Annotation annotation = descriptor == null ? null : descriptor.getAnnotation();
        String key = annotation == null
                ? ""
                : "constraint." + annotation.annotationType().getSimpleName();
        Map<String, Object> attributes = descriptor == null ? Map.of() : descriptor.getAttributes();
        Object[] arguments = key.equals("constraint.Size")
                ? new Object[] {String.valueOf(attributes.get("min")), String.valueOf(attributes.get("max"))}
                : new Object[0];
        String text = ApiMessages.text(key, language, arguments);
        return text != null
                ? text
                : ApiMessages.message(ErrorCodes.VALIDATION_FAILED, violation.getMessage(), language);
    }

    /**
     * One line for a refused request, without a stack trace: the method, path (no query string: it
     * may hold personal data), status, code and fields. Values are never logged.
     */
    static void logRefusal(HttpRequest<?> request, HttpStatus status, ApiError error) {
        LOG.info(
                "{} {} answered {} {}{}",
                request.getMethodName(),
                request.getPath(),
                status.getCode(),
                error.code(),
                error.errors().isEmpty()
                        ? ""
                        : error.errors().stream()
                                .map(ApiError.FieldError::field)
                                .collect(Collectors.joining(", ", " (", ")")));
    }

    /** {@code token.request.username} → {@code username}: the field as the client sent it. */
    private static String field(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
