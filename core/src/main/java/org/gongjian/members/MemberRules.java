package org.gongjian.members;

import static org.gongjian.members.MemberErrors.*;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import org.gongjian.access.Caller;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.personaldata.IdNumbers;
import org.gongjian.personaldata.Masks;
import org.gongjian.personaldata.PersonalDataProtector;
import org.gongjian.personaldata.PhoneNumbers;

/**
 * Checks a {@link MemberInput} against the rules of a member record and resolves what is derived
 * (gender and birth date from the ID number, pinyin from the name). The first problem found is
 * thrown as an {@link InvalidInputException} with its code; nothing has been written by then.
 */
@Singleton
class MemberRules {

    static final int NAME_MAX = 50;
    static final int ADDRESS_MAX = 200;
    static final int SKILLS_MAX = 500;
    static final int TAGS_MAX = 10;
    static final int TAG_MAX = 32;
    static final int REASON_MAX = 200;
    static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    /**
     * The first two digits of a resident ID number: provinces, autonomous regions and
     * municipalities (GB/T 2260), 71 Taiwan, 81 Hong Kong, 82 Macao, 83 Taiwan residence permits,
     * 91 foreigners' permanent residence.
     */
    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43",
            "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83", "91");

    private final Organizations organizations;
    private final PersonalDataProtector protector;

    MemberRules(Organizations organizations, PersonalDataProtector protector) {
        this.organizations = organizations;
        this.protector = protector;
    }

    /**
     * A member input that passed every rule, with the clear ID number and phone it leaves the
     * member with (normalized; null for none).
     */
    record Checked(
            String name,
            NamePinyin.Spelling spelling,
            @Nullable Gender gender,
            @Nullable LocalDate birthDate,
            @Nullable String idNumber,
            @Nullable String phone,
            @Nullable String address,
            @Nullable Long gridId,
            MemberStatus status,
            List<String> tags,
            @Nullable PartyStatus partyStatus,
            @Nullable LocalDate partyJoinedOn,
            @Nullable Long branchId,
            boolean volunteer,
            @Nullable LocalDate volunteerSince,
            @Nullable String skills) {}

    /**
     * Checks an input for a new member ({@code existing} null) or for an update of {@code
     * existing}, on behalf of {@code caller}, whose scope limits the grid and branch it may name.
     */
    Checked check(Caller caller, MemberInput in, @Nullable StoredMember existing, LocalDate today) {
        return check(caller, in, existing, today, organizations::find);
    }

    /**
     * As {@link #check(Caller, MemberInput, StoredMember, LocalDate)}, finding grids and branches
     * with {@code organizationsById} (a bulk import passes the organizations it has loaded once).
     */
    Checked check(
            Caller caller,
            MemberInput in,
            @Nullable StoredMember existing,
            LocalDate today,
            LongFunction<Optional<Organization>> organizationsById) {
        String name = name(in.name());
        String idNumber = idNumber(in.idNumber(), existing, today);
        String phone = phone(in.phone(), existing);
        Gender derivedGender = idNumber == null ? null : Gender.valueOf(IdNumbers.gender(idNumber));
        LocalDate derivedBirth =
                idNumber == null ? null : IdNumbers.birthDate(idNumber).orElseThrow();

        Gender gender = derivedGender;
        if (in.gender() != null && !in.gender().isBlank()) {
            gender = parse(Gender.class, in.gender(), GENDER_INVALID, "gender");
            if (derivedGender != null && gender != derivedGender) {
                throw new InvalidInputException(
                        GENDER_CONTRADICTS_ID_NUMBER, "gender", "The gender differs from the ID number's");
            }
        }
        LocalDate birthDate = derivedBirth;
        if (in.birthDate() != null) {
            birthDate = in.birthDate();
            if (birthDate.isAfter(today) || birthDate.isBefore(EARLIEST_BIRTH)) {
                throw new InvalidInputException(
                        BIRTH_DATE_IMPLAUSIBLE, "birthDate", "The birth date must be between 1900 and today");
            }
            if (derivedBirth != null && !derivedBirth.equals(birthDate)) {
                throw new InvalidInputException(
                        BIRTH_DATE_CONTRADICTS_ID_NUMBER, "birthDate", "The birth date differs from the ID number's");
            }
        }

        String address = text(in.address(), ADDRESS_MAX, "address", ADDRESS_TOO_LONG, ADDRESS_CHARACTERS);
        Long gridId = in.gridId();
        if (gridId != null
                && (existing == null || !gridId.equals(existing.member().gridId()))) {
            organizationOfKind(
                    organizationsById,
                    caller,
                    gridId,
                    Set.of(OrganizationKind.GRID),
                    "gridId",
                    GRID_UNKNOWN,
                    GRID_NOT_A_GRID);
        }
        MemberStatus status = in.status() == null || in.status().isBlank()
                ? (existing == null ? MemberStatus.ACTIVE : existing.member().status())
                : parse(MemberStatus.class, in.status(), STATUS_INVALID, "status");
        List<String> tags = tags(in.tags());

        PartyStatus partyStatus = null;
        if (in.partyStatus() != null && !in.partyStatus().isBlank()) {
            partyStatus = parse(PartyStatus.class, in.partyStatus(), PARTY_STATUS_INVALID, "partyStatus");
        } else if (in.partyJoinedOn() != null || in.branchId() != null) {
            throw new InvalidInputException(
                    PARTY_STATUS_REQUIRED, "partyStatus", "A party join date or branch needs a party status");
        }
        if (in.partyJoinedOn() != null) {
            if (in.partyJoinedOn().isAfter(today)) {
                throw new InvalidInputException(
                        PARTY_JOINED_IN_FUTURE, "partyJoinedOn", "The party join date is in the future");
            }
            // with the birth date unknown, the earliest a member can be born (1900) bounds it
            if (in.partyJoinedOn().isBefore(birthDate != null ? birthDate : EARLIEST_BIRTH)) {
                throw new InvalidInputException(
                        PARTY_JOINED_BEFORE_BIRTH, "partyJoinedOn", "The party join date is before the birth date");
            }
        }
        Long branchId = in.branchId();
        if (branchId != null
                && (existing == null || !branchId.equals(existing.member().branchId()))) {
            organizationOfKind(
                    organizationsById,
                    caller,
                    branchId,
                    Set.of(OrganizationKind.BRANCH, OrganizationKind.GENERAL_BRANCH),
                    "branchId",
                    BRANCH_UNKNOWN,
                    BRANCH_NOT_A_BRANCH);
        }

        boolean volunteer = Boolean.TRUE.equals(in.volunteer());
        if (in.volunteerSince() != null) {
            if (!volunteer) {
                throw new InvalidInputException(
                        VOLUNTEER_SINCE_WITHOUT_VOLUNTEER,
                        "volunteerSince",
                        "A volunteer registration date needs volunteer = true");
            }
            if (in.volunteerSince().isAfter(today)) {
                throw new InvalidInputException(
                        VOLUNTEER_SINCE_IN_FUTURE,
                        "volunteerSince",
                        "The volunteer registration date is in the future");
            }
        }
        String skills = text(in.skills(), SKILLS_MAX, "skills", SKILLS_TOO_LONG, SKILLS_CHARACTERS);

        return new Checked(
                name,
                NamePinyin.of(name),
                gender,
                birthDate,
                idNumber,
                phone,
                address,
                gridId,
                status,
                tags,
                partyStatus,
                in.partyJoinedOn(),
                branchId,
                volunteer,
                in.volunteerSince(),
                skills);
    }

    /** A transfer's reason: required, at most 200 characters, one line. */
    static String reason(@Nullable String raw) {
        String reason = text(raw, REASON_MAX, "reason", REASON_TOO_LONG, REASON_CHARACTERS);
        if (reason == null) {
            throw new InvalidInputException(REASON_REQUIRED, "reason", "Give the reason of the transfer");
        }
        return reason;
    }

    /** A household's address: optional, at most 200 characters, one line. */
    static @Nullable String address(@Nullable String raw) {
        return text(raw, ADDRESS_MAX, "address", ADDRESS_TOO_LONG, ADDRESS_CHARACTERS);
    }

    static String name(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException(NAME_REQUIRED, "name", "The name is required");
        }
        String name = raw.strip();
        if (hasControlCharacters(name)) {
            throw new InvalidInputException(NAME_CHARACTERS, "name", "The name contains control characters");
        }
        if (name.codePointCount(0, name.length()) > NAME_MAX) {
            throw new InvalidInputException(NAME_TOO_LONG, "name", "The name has more than 50 characters");
        }
        if (name.codePoints().noneMatch(Character::isLetter)) {
            throw new InvalidInputException(
                    NAME_WITHOUT_LETTERS, "name", "The name has no letters (only digits or signs)");
        }
        return name;
    }

    private String idNumber(@Nullable String raw, @Nullable StoredMember existing, LocalDate today) {
        String current =
                existing == null || existing.idNumberEnc() == null ? null : protector.decrypt(existing.idNumberEnc());
        if (raw == null || (current != null && raw.strip().equals(Masks.idNumber(current)))) {
            return current;
        }
        if (raw.isBlank()) {
            return null;
        }
        String normalized = IdNumbers.normalize(raw);
        Optional<IdNumbers.Problem> problem = IdNumbers.check(normalized, today);
        boolean wellFormed = problem.isEmpty()
                || problem.get() == IdNumbers.Problem.BIRTH_DATE
                || problem.get() == IdNumbers.Problem.CHECK_DIGIT;
        if (wellFormed && !PROVINCES.contains(normalized.substring(0, 2))) {
            problem = Optional.of(IdNumbers.Problem.REGION);
        }
        if (problem.isPresent()) {
            throw switch (problem.get()) {
                case LENGTH ->
                    new InvalidInputException(ID_NUMBER_LENGTH, "idNumber", "An ID number has 18 characters");
                case CHARACTERS ->
                    new InvalidInputException(
                            ID_NUMBER_CHARACTERS, "idNumber", "An ID number is 17 digits and a digit or X");
                case REGION ->
                    new InvalidInputException(
                            ID_NUMBER_REGION, "idNumber", "The ID number does not start with a region code");
                case BIRTH_DATE ->
                    new InvalidInputException(
                            ID_NUMBER_BIRTH_DATE, "idNumber", "The ID number's birth date is not a plausible date");
                case CHECK_DIGIT ->
                    new InvalidInputException(
                            ID_NUMBER_CHECK_DIGIT, "idNumber", "The ID number's check character is wrong (mistyped?)");
            };
        }
        return normalized;
    }

    private String phone(@Nullable String raw, @Nullable StoredMember existing) {
        String current =
                existing == null || existing.phoneEnc() == null ? null : protector.decrypt(existing.phoneEnc());
        if (raw == null || (current != null && raw.strip().equals(Masks.phone(current)))) {
            return current;
        }
        if (raw.isBlank()) {
            return null;
        }
        String normalized = PhoneNumbers.normalize(raw);
        if (!PhoneNumbers.isValid(normalized)) {
            throw new InvalidInputException(
                    PHONE_INVALID, "phone", "A phone number is a mainland mobile number of 11 digits");
        }
        return normalized;
    }

    private static List<String> tags(@Nullable List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String value : raw) {
            String tag = value == null ? "" : value.strip();
            if (tag.isEmpty() || tag.contains(",") || hasControlCharacters(tag)) {
                throw new InvalidInputException(
                        TAG_CHARACTERS, "tags", "A tag is not empty and has no commas or control characters");
            }
            if (tag.codePointCount(0, tag.length()) > TAG_MAX) {
                throw new InvalidInputException(TAG_TOO_LONG, "tags", "A tag has at most 32 characters");
            }
            tags.add(tag);
        }
        if (tags.size() > TAGS_MAX) {
            throw new InvalidInputException(TAGS_TOO_MANY, "tags", "A member has at most 10 tags");
        }
        return new ArrayList<>(tags);
    }

    /** The organization {@code id} if the caller reads it and it is of one of {@code kinds}. */
    private static Organization organizationOfKind(
            LongFunction<Optional<Organization>> organizationsById,
            Caller caller,
            long id,
            Set<OrganizationKind> kinds,
            String field,
            String unknownCode,
            String wrongKindCode) {
        Organization org = organizationsById
                .apply(id)
                .filter(o -> o.archivedAt() == null && caller.mayRead(o.path()))
                .orElseThrow(() -> new InvalidInputException(unknownCode, field, "No such organization"));
        if (!kinds.contains(org.kind())) {
            throw new InvalidInputException(wrongKindCode, field, "The organization is a " + org.kind());
        }
        return org;
    }

    static <E extends Enum<E>> E parse(Class<E> type, String raw, String code, String field) {
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    code, field, "Unknown value: use one of " + List.of(type.getEnumConstants()));
        }
    }

    private static @Nullable String text(
            @Nullable String raw, int max, String field, String tooLongCode, String charactersCode) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        if (hasControlCharacters(value)) {
            throw new InvalidInputException(charactersCode, field, "Control characters are not allowed");
        }
        if (value.codePointCount(0, value.length()) > max) {
            throw new InvalidInputException(tooLongCode, field, "At most " + max + " characters");
        }
        return value;
    }

    /** Control, format (e.g. right-to-left override), separator, unpaired surrogate or private-use characters. */
    static boolean hasControlCharacters(String value) {
        // a loop, not codePoints().anyMatch(...): called for every text of every row of an import
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            switch (Character.getType(cp)) {
                case Character.CONTROL,
                        Character.FORMAT,
                        Character.LINE_SEPARATOR,
                        Character.PARAGRAPH_SEPARATOR,
                        Character.SURROGATE,
                        Character.PRIVATE_USE,
                        Character.UNASSIGNED -> {
                    return true;
                }
                default -> i += Character.charCount(cp);
            }
        }
        return false;
    }
}
