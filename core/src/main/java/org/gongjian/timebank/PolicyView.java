package org.gongjian.timebank;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/**
 * The policy in force at an organization and where it comes from.
 *
 * @param definedBy the organization that set it: this one, the deepest ancestor with a policy, or
 *     null when the platform's defaults apply
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "TimeBankPolicy")
public record PolicyView(
        long organizationId,
        @Nullable Long definedBy,
        int spendingMinAge,
        long storageCapMinutes,
        @Schema(description = "storageCapMinutes / 60, one decimal") BigDecimal storageCapHours,
        boolean giftsAllowed,
        boolean donationsAllowed) {

    static PolicyView of(long organizationId, @Nullable Long definedBy, TimeBankPolicy p) {
        return new PolicyView(
                organizationId,
                definedBy,
                p.spendingMinAge(),
                p.storageCapMinutes(),
                Hours.of(p.storageCapMinutes()),
                p.giftsAllowed(),
                p.donationsAllowed());
    }

    TimeBankPolicy policy() {
        return new TimeBankPolicy(spendingMinAge, storageCapMinutes, giftsAllowed, donationsAllowed);
    }
}
