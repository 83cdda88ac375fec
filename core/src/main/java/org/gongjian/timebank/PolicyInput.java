package org.gongjian.timebank;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A policy to set on an organization: every field is required (a policy is set as a whole). */
@Serdeable
@Schema(name = "TimeBankPolicyInput")
public record PolicyInput(
        @Schema(description = "0-120", example = "60") @Nullable Integer spendingMinAge,
        @Schema(description = "1-6000000 (100,000 h)", example = "90000") @Nullable Long storageCapMinutes,
        @Nullable Boolean giftsAllowed,
        @Nullable Boolean donationsAllowed) {}
