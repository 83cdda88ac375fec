package org.gongjian.members;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/**
 * What a client sends to create or update a member. Everything is checked by {@link Members},
 * which answers a stable code per problem (see {@link MemberErrors}); enumerations arrive as
 * strings so that a wrong value gets its own code rather than an unreadable body.
 *
 * <p>On update the request replaces the member (absent fields are cleared), except: {@code
 * idNumber} and {@code phone} absent or equal to their masked form keep the stored value, and an
 * empty string clears it; {@code organizationId} may be absent or the current one (moving is a
 * transfer); {@code version} is the version the client read.
 */
@Serdeable
@Schema(name = "MemberInput")
public record MemberInput(
        @Schema(description = "The organization the member belongs to (create only)") @Nullable Long organizationId,
        @Schema(description = "1-50 characters", example = "张三") @Nullable String name,
        @Schema(description = "MALE or FEMALE; derived from the ID number when absent") @Nullable String gender,
        @Schema(description = "Derived from the ID number when absent") @Nullable LocalDate birthDate,
        @Schema(description = "18-character resident ID number (GB 11643)") @Nullable String idNumber,
        @Schema(description = "Mainland mobile number", example = "13812345678") @Nullable String phone,
        @Schema(description = "At most 200 characters") @Nullable String address,
        @Schema(description = "An organization of kind GRID") @Nullable Long gridId,
        @Schema(description = "ACTIVE (default), MOVED_OUT or DECEASED") @Nullable String status,
        @Schema(description = "At most 10 tags of at most 32 characters") @Nullable List<String> tags,
        @Schema(description = "FULL, PROBATIONARY, ACTIVIST or CANDIDATE") @Nullable String partyStatus,
        @Nullable LocalDate partyJoinedOn,
        @Schema(description = "An organization of kind BRANCH or GENERAL_BRANCH") @Nullable Long branchId,
        @Nullable Boolean volunteer,
        @Nullable LocalDate volunteerSince,
        @Schema(description = "At most 500 characters") @Nullable String skills,
        @Schema(description = "Update only: the version the client read") @Nullable Integer version) {

    /** A member with a name only, in an organization. */
    public static MemberInput named(long organizationId, String name) {
        return builder().organizationId(organizationId).name(name).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy to change some fields of, e.g. an update of a member read earlier. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.organizationId = organizationId;
        b.name = name;
        b.gender = gender;
        b.birthDate = birthDate;
        b.idNumber = idNumber;
        b.phone = phone;
        b.address = address;
        b.gridId = gridId;
        b.status = status;
        b.tags = tags;
        b.partyStatus = partyStatus;
        b.partyJoinedOn = partyJoinedOn;
        b.branchId = branchId;
        b.volunteer = volunteer;
        b.volunteerSince = volunteerSince;
        b.skills = skills;
        b.version = version;
        return b;
    }

    /** Builds a {@link MemberInput} field by field (services, tests, imports). */
    public static final class Builder {
        private Long organizationId;
        private String name;
        private String gender;
        private LocalDate birthDate;
        private String idNumber;
        private String phone;
        private String address;
        private Long gridId;
        private String status;
        private List<String> tags;
        private String partyStatus;
        private LocalDate partyJoinedOn;
        private Long branchId;
        private Boolean volunteer;
        private LocalDate volunteerSince;
        private String skills;
        private Integer version;

        private Builder() {}

        public Builder organizationId(Long value) {
            organizationId = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder gender(String value) {
            gender = value;
            return this;
        }

        public Builder birthDate(LocalDate value) {
            birthDate = value;
            return this;
        }

        public Builder idNumber(String value) {
            idNumber = value;
            return this;
        }

        public Builder phone(String value) {
            phone = value;
            return this;
        }

        public Builder address(String value) {
            address = value;
            return this;
        }

        public Builder gridId(Long value) {
            gridId = value;
            return this;
        }

        public Builder status(String value) {
            status = value;
            return this;
        }

        public Builder tags(List<String> value) {
            tags = value;
            return this;
        }

        public Builder partyStatus(String value) {
            partyStatus = value;
            return this;
        }

        public Builder partyJoinedOn(LocalDate value) {
            partyJoinedOn = value;
            return this;
        }

        public Builder branchId(Long value) {
            branchId = value;
            return this;
        }

        public Builder volunteer(Boolean value) {
            volunteer = value;
            return this;
        }

        public Builder volunteerSince(LocalDate value) {
            volunteerSince = value;
            return this;
        }

        public Builder skills(String value) {
            skills = value;
            return this;
        }

        public Builder version(Integer value) {
            version = value;
            return this;
        }

        public MemberInput build() {
            return new MemberInput(
                    organizationId,
                    name,
                    gender,
                    birthDate,
                    idNumber,
                    phone,
                    address,
                    gridId,
                    status,
                    tags,
                    partyStatus,
                    partyJoinedOn,
                    branchId,
                    volunteer,
                    volunteerSince,
                    skills,
                    version);
        }
    }
}
