package org.gongjian.plugins.leifengmarket;

import java.util.Locale;

/** A refused market action: a stable code, an HTTP status, the message key and its values; nothing changed. */
final class MarketRefused extends RuntimeException {

    private final String code;
    private final int status;
    private final String field;
    private final String messageKey;
    private final Object[] arguments;

    MarketRefused(String code, int status, String field, String messageKey, Object... arguments) {
        super(code, null, false, false);
        this.code = code;
        this.status = status;
        this.field = field;
        this.messageKey = messageKey;
        this.arguments = arguments.clone();
    }

    static MarketRefused notFound() {
        return new MarketRefused("NOT_FOUND", 404, null, "error.not-found");
    }

    static MarketRefused invalid(String code, String field, String messageKey, Object... arguments) {
        return new MarketRefused(code, 400, field, messageKey, arguments);
    }

    static MarketRefused conflict(String code, String field, String messageKey, Object... arguments) {
        return new MarketRefused(code, 409, field, messageKey, arguments);
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }

    String field() {
        return field;
    }

    String message(Locale locale) {
        Object[] values = arguments.clone();
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Redemptions.Words words) {
                values[i] = words.in(locale); // a rule in words, in the reader's language
            }
        }
        return Messages.get(locale, messageKey, values);
    }
}
