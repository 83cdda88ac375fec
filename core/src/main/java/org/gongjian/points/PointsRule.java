package org.gongjian.points;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;

/**
 * A rule: an event of {@code eventType} for a member of the rule's subtree, within the validity
 * window, whose attribute {@code conditionKey} equals {@code conditionValue} (when set) and whose
 * quantity is at least {@code minQuantity} (when set), earns {@code points} smallest units of the
 * point kind (FIXED) or {@code points} for every {@code perUnits} of quantity (PER_UNIT), at most the
 * caps per member and day / week / month / year. Negative points deduct.
 *
 * <p>A rule is never changed in place: an edit archives the current version and adds the next one
 * ({@code version} + 1, {@code supersedesId} the replaced version, which gets {@code supersededBy}).
 * All versions share {@code lineageId}, the id of the first version; the caps count what every
 * version of the lineage gave. Kind and organization stay the same across versions.
 */
@Serdeable
public record PointsRule(
        long id,
        long lineageId,
        int version,
        @Nullable Long supersedesId,
        @Nullable Long supersededBy,
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
        String category,
        @Nullable LocalDate validFrom,
        @Nullable LocalDate validTo,
        boolean archived) {

    /** Whether a later version replaced this one (then it is archived too). */
    public boolean superseded() {
        return supersededBy != null;
    }

    /** The points one event earns before caps (0 when the quantity earns nothing). */
    long amountFor(long quantity) {
        if ("PER_UNIT".equals(formula)) {
            return points * (quantity / perUnits);
        }
        return points;
    }
}
