package org.gongjian.timebank;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** What clients send for time-bank operations; {@link TimeBank} checks every field. */
public final class TimeBankRequests {

    private TimeBankRequests() {}

    /**
     * Service recorded for a member (存入).
     *
     * @param organizationId the recording organization, whose issuance account pays; the member's
     *     own organization when absent
     * @param sourceType what the service was, with {@code sourceRef}: e.g. {@code ACTIVITY} and the
     *     activity's id (both or neither)
     */
    @Serdeable
    @Schema(name = "TimeBankDeposit")
    public record Deposit(
            @Nullable Long memberId,
            @Nullable Long organizationId,
            @Schema(description = "1-1440 (24 h)", example = "90") @Nullable Long minutes,
            @Schema(description = "What the service was, 1-80 characters", example = "敬老院陪护") @Nullable String reason,
            @Schema(description = "The record that proves it, 1-100 characters", example = "签到表 2025-05-01") @Nullable
                    String evidence,
            @Schema(description = "Upper-case code, e.g. ACTIVITY") @Nullable String sourceType,
            @Schema(description = "Letters, digits and :._- (1-64)") @Nullable String sourceRef) {}

    /** A member pays another member for a service (支付). */
    @Serdeable
    @Schema(name = "TimeBankPayment")
    public record Payment(
            @Nullable Long payerId,
            @Nullable Long payeeId,
            @Nullable Long minutes,
            @Schema(description = "Optional, at most 100 characters") @Nullable String memo) {}

    /** A member gifts minutes to a direct relative of their household (转赠). */
    @Serdeable
    @Schema(name = "TimeBankGift")
    public record Gift(
            @Nullable Long fromMemberId, @Nullable Long toMemberId, @Nullable Long minutes, @Nullable String memo) {}

    /**
     * A member donates minutes to a community pool (捐赠).
     *
     * @param organizationId the pool's organization; the member's community when absent
     */
    @Serdeable
    @Schema(name = "TimeBankDonation")
    public record Donation(
            @Nullable Long memberId, @Nullable Long organizationId, @Nullable Long minutes, @Nullable String memo) {}

    /**
     * A member spends minutes for a service received at an organization (支取), any of the platform.
     */
    @Serdeable
    @Schema(name = "TimeBankRedemption")
    public record Redemption(
            @Nullable Long memberId, @Nullable Long organizationId, @Nullable Long minutes, @Nullable String memo) {}

    /** An administrator gives minutes from an organization's pool to a member in need. */
    @Serdeable
    @Schema(name = "TimeBankPoolGrant")
    public record PoolGrant(
            @Nullable Long organizationId,
            @Nullable Long memberId,
            @Nullable Long minutes,
            @Schema(description = "Why, 1-80 characters") @Nullable String reason) {}
}
