package org.gongjian.audit;

import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/**
 * Where the call being served on this thread came from, for audit entries written below the web
 * layer. The API and the UI each provide one; a thread that serves neither (a start-up task, a
 * scheduled job) has no origin.
 */
public interface CallOrigin {

    /** The request in progress on this thread, if it is of this origin's kind. */
    Optional<Origin> current();

    /**
     * @param request e.g. {@code POST /api/users/5/roles} (never a query string: it may hold
     *     personal data) or {@code page /users}
     * @param clientIp the address the server saw
     */
    record Origin(String request, @Nullable String clientIp) {}
}
