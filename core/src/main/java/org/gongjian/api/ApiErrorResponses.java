package org.gongjian.api;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every error Micronaut produces (validation, unreadable JSON, unknown route, server error)
 * into an {@link ApiError} with a stable code. Server errors never reveal their exception.
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
        return switch (status) {
            case BAD_REQUEST -> badRequest(context);
            case UNAUTHORIZED -> ApiError.of(ErrorCodes.UNAUTHORIZED, "Authentication required");
            case FORBIDDEN -> ApiError.of(ErrorCodes.FORBIDDEN, "Not allowed");
            case NOT_FOUND -> ApiError.of(ErrorCodes.NOT_FOUND, "Not found");
            case METHOD_NOT_ALLOWED -> ApiError.of(ErrorCodes.METHOD_NOT_ALLOWED, "Method not allowed");
            case UNSUPPORTED_MEDIA_TYPE ->
                ApiError.of(ErrorCodes.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json");
            case CONFLICT -> ApiError.of(ErrorCodes.CONFLICT, "The request conflicts with the current state");
            default ->
                status.getCode() >= 500
                        ? ApiError.of(ErrorCodes.INTERNAL_ERROR, "Internal error; the server log has the details")
                        : ApiError.of("HTTP_" + status.getCode(), status.getReason());
        };
    }

    private static ApiError badRequest(ErrorContext context) {
        if (context.getRootCause().orElse(null) instanceof ConstraintViolationException violations) {
            List<ApiError.FieldError> fields = violations.getConstraintViolations().stream()
                    .map(v -> new ApiError.FieldError(field(v.getPropertyPath().toString()), v.getMessage()))
                    .sorted((a, b) -> a.field().compareTo(b.field()))
                    .toList();
            return new ApiError(ErrorCodes.VALIDATION_FAILED, "The request has invalid fields", fields);
        }
        return BadInput.of(context.getRootCause().orElse(null)).toError();
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
