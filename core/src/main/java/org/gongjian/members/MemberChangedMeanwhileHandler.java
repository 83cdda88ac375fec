package org.gongjian.members;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.gongjian.api.ApiError;

/** A stale update answers 409 {@code MEMBER_CHANGED_MEANWHILE}: read the member again, then retry. */
@Singleton
final class MemberChangedMeanwhileHandler
        implements ExceptionHandler<MemberChangedMeanwhileException, HttpResponse<ApiError>> {

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, MemberChangedMeanwhileException exception) {
        return HttpResponse.<ApiError>status(HttpStatus.CONFLICT)
                .body(ApiError.of(exception.code(), exception.getMessage()));
    }
}
