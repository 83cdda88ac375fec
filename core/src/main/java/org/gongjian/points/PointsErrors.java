package org.gongjian.points;

/** Stable codes of refused points input (400), refusals (422) and conflicts (409). */
public final class PointsErrors {

    public static final String CODE_INVALID = "POINT_KIND_CODE_INVALID";
    public static final String CODE_TAKEN = "POINT_KIND_CODE_TAKEN";
    public static final String NAME_REQUIRED = "NAME_REQUIRED";
    public static final String NAME_TOO_LONG = "NAME_TOO_LONG";
    /** A name of digits or signs only, e.g. "12345": a name says what it is in words. */
    public static final String NAME_WITHOUT_LETTERS = "NAME_WITHOUT_LETTERS";

    public static final String UNIT_SCALE_INVALID = "UNIT_SCALE_INVALID";
    public static final String EXPIRY_INVALID = "EXPIRY_INVALID";
    public static final String EVENT_TYPE_INVALID = "EVENT_TYPE_INVALID";
    public static final String FORMULA_INVALID = "FORMULA_INVALID";
    public static final String POINTS_INVALID = "POINTS_INVALID";
    public static final String CAP_INVALID = "CAP_INVALID";
    public static final String VALIDITY_INVALID = "VALIDITY_INVALID";
    public static final String CONDITION_INVALID = "CONDITION_INVALID";
    public static final String POINT_KIND_UNKNOWN = "POINT_KIND_UNKNOWN";
    public static final String AMOUNT_INVALID = "AMOUNT_INVALID";
    public static final String MEMO_REQUIRED = "MEMO_REQUIRED";
    public static final String THRESHOLD_INVALID = "THRESHOLD_INVALID";
    public static final String STAR_HOURS_INVALID = "STAR_HOURS_INVALID";
    public static final String PERIOD_INVALID = "PERIOD_INVALID";
    public static final String NOT_PENDING = "ADJUSTMENT_NOT_PENDING";
    public static final String SAME_ADMINISTRATOR = "SECOND_ADMINISTRATOR_REQUIRED";
    /** 400: an edit may not move a rule to another point kind or organization. */
    public static final String RULE_SCOPE_FIXED = "RULE_SCOPE_FIXED";
    /** 409: the edited version was replaced by someone else's edit; read the rule again. */
    public static final String RULE_CHANGED_MEANWHILE = "RULE_CHANGED_MEANWHILE";
    /** 409: the edited rule was stopped; a stopped rule is not edited. */
    public static final String RULE_ARCHIVED = "RULE_ARCHIVED";

    private PointsErrors() {}
}
