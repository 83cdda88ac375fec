package org.gongjian.ledger;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** A posted transfer: immutable once written. */
@io.micronaut.serde.annotation.Serdeable
public record Transfer(
        long id,
        long requestId,
        long assetId,
        long debitAccountId,
        long creditAccountId,
        long amount,
        String reasonCode,
        String category,
        @Nullable String memo,
        @Nullable String sourceType,
        @Nullable String sourceRef,
        @Nullable Long reversesId,
        @Nullable Long actorUserId,
        long organizationId,
        Instant postedAt) {}
