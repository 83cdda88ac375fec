package org.gongjian.timebank;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line of a member's time-bank statement, newest first.
 *
 * @param minutes signed: negative when the member paid, positive when they received
 * @param counterpartyType MEMBER, POOL, ISSUANCE or REDEMPTION
 * @param counterpartyName the other member's or organization's name
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "TimeBankStatementEntry")
public record StatementEntry(
        long seq,
        long transferId,
        Instant postedAt,
        long minutes,
        BigDecimal hours,
        long balanceMinutes,
        BigDecimal balanceHours,
        String reasonCode,
        String category,
        @Nullable String memo,
        @Nullable String sourceType,
        @Nullable String sourceRef,
        String counterpartyType,
        long counterpartyId,
        @Nullable String counterpartyName,
        @Nullable Long reversesId) {}
