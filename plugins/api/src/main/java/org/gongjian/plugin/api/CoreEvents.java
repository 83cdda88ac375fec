package org.gongjian.plugin.api;

/**
 * The types of the events the platform itself publishes, for {@link EventListener#types()}.
 *
 * @since 0.2
 */
public final class CoreEvents {

    /** Volunteer service hours approved (quantity: minutes; attribute {@code category}). */
    public static final String HOURS_APPROVED = "HOURS_APPROVED";
    /** Attendance at a study session recorded (attribute {@code sessionType}). */
    public static final String ATTENDANCE_RECORDED = "ATTENDANCE_RECORDED";
    /** A self-declared item approved (attribute {@code item}). */
    public static final String SELF_DECLARATION_APPROVED = "SELF_DECLARATION_APPROVED";
    /** A daily sign-in or study action (attribute {@code action}). */
    public static final String STUDY_ACTION = "STUDY_ACTION";
    /** A member moved to another organization (attributes {@code from}, {@code to}). */
    public static final String MEMBER_TRANSFERRED = "MEMBER_TRANSFERRED";

    private CoreEvents() {}
}
