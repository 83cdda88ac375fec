package org.gongjian.members;

import io.micronaut.core.annotation.Nullable;
import java.time.LocalDate;
import java.util.List;

/** The columns of a member that a create or an update writes (not its organization or household). */
record MemberRow(
        String name,
        String namePinyin,
        String nameInitials,
        @Nullable Gender gender,
        @Nullable LocalDate birthDate,
        @Nullable byte[] idNumberEnc,
        @Nullable byte[] idNumberHash,
        @Nullable String idLast4,
        @Nullable byte[] phoneEnc,
        @Nullable String phoneLast4,
        @Nullable String address,
        @Nullable Long gridId,
        MemberStatus status,
        @Nullable PartyStatus partyStatus,
        @Nullable LocalDate partyJoinedOn,
        @Nullable Long branchId,
        boolean volunteer,
        @Nullable LocalDate volunteerSince,
        @Nullable String skills,
        List<String> tags) {}
