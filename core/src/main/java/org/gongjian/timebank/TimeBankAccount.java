package org.gongjian.timebank;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/**
 * A member's time account as people read it: minutes, and hours (time coins) with one decimal.
 *
 * @param maySpend whether the member or their spouse has reached the spending age of the policy
 * @param policy the policy in force at the member's organization
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "TimeBankAccount")
public record TimeBankAccount(
        long memberId,
        String name,
        long organizationId,
        long balanceMinutes,
        BigDecimal balanceHours,
        @Schema(description = "Everything the account received") long receivedMinutes,
        @Schema(description = "Everything the account paid out") long paidMinutes,
        boolean maySpend,
        PolicyView policy) {}
