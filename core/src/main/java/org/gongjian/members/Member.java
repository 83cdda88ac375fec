package org.gongjian.members;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One person known to the platform, as stored, without the encrypted ID card number and phone
 * (only their last four characters, which search uses). Views for people are {@link MemberView}s.
 *
 * @param orgPath the materialized path of {@code organizationId}, copied for subtree queries
 * @param namePinyin the full pinyin of the name ({@code zhangsan}); {@code nameInitials} is {@code zs}
 * @param version incremented by every change; an update naming an older version is refused
 */
public record Member(
        long id,
        long organizationId,
        String orgPath,
        String name,
        String namePinyin,
        String nameInitials,
        @Nullable Gender gender,
        @Nullable LocalDate birthDate,
        @Nullable String idLast4,
        @Nullable String phoneLast4,
        @Nullable String address,
        @Nullable Long gridId,
        @Nullable Long householdId,
        @Nullable HouseholdRelation householdRelation,
        MemberStatus status,
        @Nullable PartyStatus partyStatus,
        @Nullable LocalDate partyJoinedOn,
        @Nullable Long branchId,
        boolean volunteer,
        @Nullable LocalDate volunteerSince,
        @Nullable String skills,
        List<String> tags,
        Instant createdAt,
        @Nullable Instant updatedAt,
        int version) {

    public Member {
        tags = List.copyOf(tags);
    }
}
