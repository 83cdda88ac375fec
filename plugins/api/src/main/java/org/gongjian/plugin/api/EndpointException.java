package org.gongjian.plugin.api;

import java.util.Optional;

/**
 * A refusal with a stable code, answered as the platform's JSON error. The message should be in
 * the caller's language ({@link PluginCaller#locale()}).
 *
 * @param status 400, 403, 404, 409, 422 ...; or 503 (since 0.4) for "try again shortly", answered
 *     with {@code Retry-After: 60}, e.g. when the ledger answers {@link TransferResult.Outcome#RETRY_LATER}
 * @param code e.g. {@code OUT_OF_STOCK}: {@code [A-Z][A-Z0-9_]{0,47}}
 * @param field the request field at fault, if one
 * @since 0.2
 */
public final class EndpointException extends RuntimeException {

    private final int status;
    private final String code;
    private final Optional<String> field;

    public EndpointException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public EndpointException(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = Optional.ofNullable(field);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Optional<String> field() {
        return field;
    }
}
