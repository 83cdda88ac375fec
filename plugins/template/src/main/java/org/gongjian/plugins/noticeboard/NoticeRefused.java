package org.gongjian.plugins.noticeboard;

/**
 * A notice that is not posted, with a stable code for the API, the message key for people and the
 * field it concerns; nothing was stored.
 */
final class NoticeRefused extends RuntimeException {

    private final String code;
    private final int status;
    private final String messageKey;
    private final Object[] arguments;

    NoticeRefused(String code, int status, String messageKey, Object... arguments) {
        super(code, null, false, false);
        this.code = code;
        this.status = status;
        this.messageKey = messageKey;
        this.arguments = arguments.clone();
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }

    String message(java.util.Locale locale) {
        return Messages.get(locale, messageKey, arguments);
    }
}
