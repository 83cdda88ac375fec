package org.gongjian.access;

/**
 * The caller can see the object but their role does not allow this change (e.g. staff moving an
 * organization). The API answers 403 {@code FORBIDDEN}.
 */
public final class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
