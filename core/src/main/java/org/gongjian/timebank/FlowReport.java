package org.gongjian.timebank;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * 通存通兑: what flowed between communities in a period, seen from an organization's subtree.
 * Organizations on both sides are shown at their community (the nearest COMMUNITY or VILLAGE on
 * their path, else the organization itself); members at the organization they belonged to when
 * the time was deposited or spent (a later 组织关系转接 does not move past flows). Figures are net:
 * a reversal posted in the period subtracts its transfer and minutes under the original's
 * communities.
 *
 * @param from first day, inclusive (Asia/Shanghai)
 * @param to last day, inclusive
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "TimeBankFlowReport")
public record FlowReport(long organizationId, LocalDate from, LocalDate to, List<Flow> flows) {

    public FlowReport {
        flows = List.copyOf(flows);
    }

    /**
     * Between the community of organization X (which deposited for members, or where members spent)
     * and the community Y of those members.
     *
     * @param deposits transfers from X's issuance to members of Y, {@code depositedMinutes} in all,
     *     less reversals
     * @param depositMembers distinct members who received deposits (reversals do not subtract)
     * @param spends transfers from members of Y to X's redemption account
     * @param crossCommunity X and Y differ (the exchange 通存通兑 is about)
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "TimeBankFlow")
    public record Flow(
            long organizationId,
            String organizationName,
            long memberCommunityId,
            String memberCommunityName,
            boolean crossCommunity,
            long deposits,
            long depositedMinutes,
            BigDecimal depositedHours,
            long depositMembers,
            long spends,
            long spentMinutes,
            BigDecimal spentHours,
            long spendMembers) {}
}
