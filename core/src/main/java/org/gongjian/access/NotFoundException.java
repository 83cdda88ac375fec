package org.gongjian.access;

/**
 * The object does not exist, or the caller may not see it: the two are never told apart, so
 * that ids of other organizations cannot be probed. The API answers 404 {@code NOT_FOUND}.
 */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String what, long id) {
        super(what + " " + id + " not found");
    }
}
