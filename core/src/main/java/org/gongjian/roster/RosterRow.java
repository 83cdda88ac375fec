package org.gongjian.roster;

import io.micronaut.core.annotation.Nullable;
import java.time.LocalDate;
import java.util.List;

/**
 * One valid row of a roster, normalized and with its organizations resolved.
 *
 * @param row the row number as Excel shows it (the header is row 1)
 * @param idNumber normalized (ASCII, upper-case X)
 * @param gender {@code MALE} or {@code FEMALE}, from the column or the ID number
 * @param status {@code ACTIVE}, {@code MOVED_OUT} or {@code DECEASED}
 * @param partyStatus {@code FULL}, {@code PROBATIONARY}, {@code ACTIVIST}, {@code CANDIDATE} or null
 */
public record RosterRow(
        int row,
        String name,
        String idNumber,
        String gender,
        LocalDate birthDate,
        @Nullable String phone,
        long organizationId,
        @Nullable Long gridId,
        @Nullable String address,
        String status,
        @Nullable String partyStatus,
        @Nullable LocalDate partyJoinedOn,
        @Nullable Long branchId,
        boolean volunteer,
        @Nullable LocalDate volunteerSince,
        @Nullable String skills,
        List<String> tags) {}
