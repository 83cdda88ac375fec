package org.gongjian.members;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One move of a member between organizations (组织关系转接); never changed or deleted. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MemberTransfer(
        long id,
        long memberId,
        long fromOrganizationId,
        String fromOrganizationName,
        long toOrganizationId,
        String toOrganizationName,
        String reason,
        long actorUserId,
        Instant transferredAt) {}
