package org.gongjian.audit;

import io.micronaut.core.annotation.Nullable;

/**
 * What happened, before it is written to the log.
 *
 * @param action a stable name such as {@code MEMBER_CREATED}, {@code LOGIN_FAILED}, {@code
 *     PERSONAL_DATA_UNMASKED}
 * @param detail a short human-readable description (no personal data in clear)
 */
public record AuditEvent(
        @Nullable Long actorUserId,
        String actorName,
        String action,
        @Nullable String targetType,
        @Nullable Long targetId,
        @Nullable Long organizationId,
        @Nullable String orgPath,
        @Nullable String detail,
        @Nullable String clientIp) {}
