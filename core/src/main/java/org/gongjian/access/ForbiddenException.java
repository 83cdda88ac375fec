package org.gongjian.access;

/**
 * The caller can see the object but their role does not allow this change (e.g. staff moving an
 * organization). The API answers 403 {@code FORBIDDEN} or the
 * more specific code given.
 */
public final class ForbiddenException extends RuntimeException {

    private final String code;

    public ForbiddenException(String message) {
        this("FORBIDDEN", message);
    }

    /** A refusal with its own stable code, e.g. {@code UNMASK_NOT_ALLOWED}. */
    public ForbiddenException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
