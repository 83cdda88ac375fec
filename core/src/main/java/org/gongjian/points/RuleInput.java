package org.gongjian.points;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;

/** A new rule as an administrator enters it; see {@link PointsRule} for the meaning. */
@Serdeable
public record RuleInput(
        long assetId,
        long organizationId,
        String name,
        String eventType,
        @Nullable String conditionKey,
        @Nullable String conditionValue,
        @Nullable Long minQuantity,
        String formula,
        long points,
        @Nullable Long perUnits,
        @Nullable Long capDay,
        @Nullable Long capWeek,
        @Nullable Long capMonth,
        @Nullable Long capYear,
        @Nullable String category,
        @Nullable LocalDate validFrom,
        @Nullable LocalDate validTo) {}
