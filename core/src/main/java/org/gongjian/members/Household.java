package org.gongjian.members;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** A household (户) and those of its members the viewer may read. A member is in one household at most. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Household(
        long id, long organizationId, @Nullable String address, Instant createdAt, List<HouseholdMember> members) {

    public Household {
        members = List.copyOf(members);
    }

    /** One member of a household and how they relate to its head. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record HouseholdMember(long memberId, String name, HouseholdRelation relation) {}
}
