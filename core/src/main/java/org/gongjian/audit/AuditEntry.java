package org.gongjian.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One row of the audit log as a viewer sees it. */
@Serdeable
public record AuditEntry(
        long seq,
        Instant at,
        @Nullable Long actorUserId,
        String actorName,
        String action,
        @Nullable String targetType,
        @Nullable Long targetId,
        @Nullable Long organizationId,
        @Nullable String detail,
        @Nullable String clientIp) {}
