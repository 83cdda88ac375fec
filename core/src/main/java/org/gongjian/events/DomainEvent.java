package org.gongjian.events;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Map;

/**
 * Something that happened to a member.
 *
 * @param type e.g. {@link #HOURS_APPROVED}
 * @param quantity how much: minutes of service, sessions attended, 1 for a one-off
 * @param attributes what rules may test, e.g. {@code category=ELDERLY_CARE}
 */
@io.micronaut.serde.annotation.Serdeable
public record DomainEvent(
        long id,
        String type,
        @Nullable Long memberId,
        @Nullable Long organizationId,
        long quantity,
        Map<String, String> attributes,
        Instant occurredAt) {

    /** Volunteer service hours approved (quantity: minutes). */
    public static final String HOURS_APPROVED = "HOURS_APPROVED";
    /** Attendance at a study session recorded (attribute sessionType). */
    public static final String ATTENDANCE_RECORDED = "ATTENDANCE_RECORDED";
    /** A self-declared item approved (attribute item). */
    public static final String SELF_DECLARATION_APPROVED = "SELF_DECLARATION_APPROVED";
    /** A daily sign-in or study action (attribute action). */
    public static final String STUDY_ACTION = "STUDY_ACTION";
    /** A member moved to another organization (organization: the new one; attributes from, to). */
    public static final String MEMBER_TRANSFERRED = "MEMBER_TRANSFERRED";

    public DomainEvent {
        attributes = Map.copyOf(attributes);
    }
}
