package org.gongjian.members;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A member as a user sees it: the ID card number and phone masked ({@code 110***********1234},
 * {@code 138****5678}; unmasking is {@link Members#unmask}, audited). {@code party} is present only
 * for a viewer allowed to read the member's organization (staff and administrators of its
 * subtree, platform administrators) or the member themselves, and only for party members.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Member")
public record MemberView(
        long id,
        long organizationId,
        String name,
        @Schema(description = "Full pinyin without tones, e.g. zhangsan") String namePinyin,
        @Nullable Gender gender,
        @Nullable LocalDate birthDate,
        @Schema(example = "110***********1234") @Nullable String idNumberMasked,
        @Schema(example = "138****5678") @Nullable String phoneMasked,
        @Nullable String address,
        @Nullable Long gridId,
        @Nullable Long householdId,
        @Nullable HouseholdRelation householdRelation,
        MemberStatus status,
        List<String> tags,
        @Nullable Party party,
        boolean volunteer,
        @Nullable LocalDate volunteerSince,
        @Nullable String skills,
        Instant createdAt,
        @Nullable Instant updatedAt,
        @Schema(description = "Send it back with PUT") int version) {

    /** Party membership data (sensitive). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "MemberParty")
    public record Party(PartyStatus status, @Nullable LocalDate joinedOn, @Nullable Long branchId) {}
}
