package org.gongjian.plugin.api;

import java.util.List;
import java.util.Optional;

/**
 * The OpenAPI description of an {@link Endpoint}.
 *
 * @param summary one line, e.g. {@code Redeem goods at the counter}
 * @param requestExample a JSON example of the body, if it takes one
 * @param responseExample a JSON example of a successful answer
 * @param errorCodes every {@code code} the endpoint may answer
 * @since 0.2
 */
public record EndpointDoc(
        String summary, Optional<String> requestExample, Optional<String> responseExample, List<String> errorCodes) {

    public EndpointDoc {
        requestExample = requestExample == null ? Optional.empty() : requestExample;
        responseExample = responseExample == null ? Optional.empty() : responseExample;
        errorCodes = errorCodes == null ? List.of() : List.copyOf(errorCodes);
    }
}
