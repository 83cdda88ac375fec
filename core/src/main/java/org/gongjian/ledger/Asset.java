package org.gongjian.ledger;

import io.micronaut.core.annotation.Nullable;

/**
 * What accounts hold: the platform's time bank or a point kind of an organization.
 *
 * @param unitScale stored units per displayed unit: 60 for time (minutes per hour), 10 for points
 *     kept in tenths
 * @param orgPath the defining organization's path ({@code "/"} for the time bank); the asset can
 *     be used in that subtree
 */
@io.micronaut.serde.annotation.Serdeable
public record Asset(
        long id,
        AssetType type,
        String code,
        String name,
        @Nullable Long organizationId,
        String orgPath,
        int unitScale,
        boolean negativeAllowed,
        String expiryPolicy,
        @Nullable String expiryMonthDay,
        @Nullable Integer expiryMonths) {

    /** The platform-wide time bank asset (created by the migration). */
    public static final long TIME_ID = 1L;
}
