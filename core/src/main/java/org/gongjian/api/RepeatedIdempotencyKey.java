package org.gongjian.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.List;

/**
 * Refuses a request that carries more than one {@value Idempotency#KEY} header, for every endpoint
 * at once: taking the first (what header binding does) would let a client and a proxy disagree on
 * which request a retry repeats. Runs after authentication, before the body is read.
 */
@ServerFilter("/api/**")
final class RepeatedIdempotencyKey implements Ordered {

    @RequestFilter
    @Nullable
    HttpResponse<ApiError> refuse(HttpRequest<?> request) {
        List<String> keys = request.getHeaders().getAll(Idempotency.KEY);
        if (keys.size() < 2) {
            return null;
        }
        ApiError error = new ApiError(
                Idempotency.KEY_REPEATED,
                "Send one Idempotency-Key header",
                List.of(new ApiError.FieldError(Idempotency.KEY, "Sent " + keys.size() + " times")));
        ApiErrorResponses.logRefusal(request, HttpStatus.BAD_REQUEST, error);
        return HttpResponse.<ApiError>status(HttpStatus.BAD_REQUEST).body(error);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
