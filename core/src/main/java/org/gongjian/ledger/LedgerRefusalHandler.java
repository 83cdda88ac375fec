package org.gongjian.ledger;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.gongjian.api.ApiError;

/** A request the API does not post answers 422 with its code; nothing was stored. */
@Singleton
final class LedgerRefusalHandler implements ExceptionHandler<LedgerRefusal, HttpResponse<ApiError>> {

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, LedgerRefusal exception) {
        return HttpResponse.<ApiError>status(HttpStatus.UNPROCESSABLE_ENTITY)
                .body(ApiError.of(exception.code(), exception.getMessage()));
    }
}
