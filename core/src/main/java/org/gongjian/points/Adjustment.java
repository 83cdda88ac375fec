package org.gongjian.points;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A manual adjustment (加分 / 扣分 by hand). Small ones post at once (status POSTED); above the
 * threshold they wait (PENDING) until a second administrator approves (APPROVED, posted) or
 * rejects (REJECTED).
 *
 * @param amount signed, in the point kind's smallest unit: positive awards, negative deducts
 */
@Serdeable
public record Adjustment(
        @Nullable Long id,
        long assetId,
        long organizationId,
        long memberId,
        long amount,
        String reasonCode,
        String category,
        String memo,
        long requestedBy,
        Instant requestedAt,
        String status,
        @Nullable Long decidedBy,
        @Nullable Instant decidedAt,
        @Nullable String decisionNote,
        @Nullable Long requestId,
        @Nullable String ledgerResult) {}
