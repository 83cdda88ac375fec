package org.gongjian.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.errors.InvalidInputException;

/** The domain's exceptions as API errors: 404, 403, 400 and 409 with stable codes, in the caller's language. */
final class DomainErrors {

    private DomainErrors() {}

    /** An id outside the caller's subtree answers exactly like one that does not exist. */
    @Singleton
    static final class NotFound implements ExceptionHandler<NotFoundException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, NotFoundException exception) {
            return HttpResponse.<ApiError>status(HttpStatus.NOT_FOUND)
                    .body(ApiErrorResponses.error(ErrorCodes.NOT_FOUND, ApiErrorLanguage.language(request)));
        }
    }

    @Singleton
    static final class Forbidden implements ExceptionHandler<ForbiddenException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ForbiddenException exception) {
            return HttpResponse.<ApiError>status(HttpStatus.FORBIDDEN)
                    .body(ApiError.of(
                            exception.code(),
                            ApiMessages.message(
                                    exception.code(), exception.getMessage(), ApiErrorLanguage.language(request))));
        }
    }

    @Singleton
    static final class Invalid implements ExceptionHandler<InvalidInputException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, InvalidInputException exception) {
            String message = ApiMessages.message(
                    exception.code(),
                    exception.getMessage(),
                    ApiErrorLanguage.language(request),
                    exception.arguments());
            List<ApiError.FieldError> fields = exception.field() == null
                    ? List.of()
                    : List.of(new ApiError.FieldError(exception.field(), message));
            ApiError error = new ApiError(exception.code(), message, fields);
            HttpStatus status = exception.isConflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
            ApiErrorResponses.logRefusal(request, status, error);
            return HttpResponse.<ApiError>status(status).body(error);
        }
    }
}
