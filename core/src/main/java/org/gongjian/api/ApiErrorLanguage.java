package org.gongjian.api;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Puts every {@link ApiError} the API answers into the caller's language (see {@link ApiMessages}),
 * whoever built it: an exception handler, a controller, another filter. It runs first, so it sees
 * the answer last.
 */
@ServerFilter("/api/**")
final class ApiErrorLanguage implements Ordered {

    @ResponseFilter
    @SuppressWarnings("unchecked")
    void translate(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.getBody().orElse(null) instanceof ApiError error) {
            ((MutableHttpResponse<Object>) response).body(ApiMessages.translate(error, language(request)));
        }
    }

    static java.util.Locale language(HttpRequest<?> request) {
        return ApiMessages.language(request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
