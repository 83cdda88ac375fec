package org.gongjian.members;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** One member to place in a household, and the relation (HEAD, SPOUSE, PARENT, CHILD, OTHER). */
@Serdeable
public record HouseholdPlacement(
        @Nullable Long memberId,
        @Schema(description = "HEAD, SPOUSE, PARENT, CHILD or OTHER") @Nullable String relation) {}
