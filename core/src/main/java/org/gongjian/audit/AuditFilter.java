package org.gongjian.audit;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** Filters of the audit viewer; null means "any". */
public record AuditFilter(
        @Nullable String action, @Nullable String actorName, @Nullable Instant from, @Nullable Instant to) {

    public static AuditFilter any() {
        return new AuditFilter(null, null, null, null);
    }
}
