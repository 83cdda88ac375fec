package org.gongjian.timebank;

/**
 * The stable codes with which the time bank refuses input (HTTP 400): each is thrown before
 * anything is read for posting or stored. Refusals of well-formed operations (age, relatives,
 * policy, balance, cap) are results instead, see {@link TimeBankResult}.
 */
public final class TimeBankErrors {

    public static final String IDEMPOTENCY_KEY_REQUIRED = "IDEMPOTENCY_KEY_REQUIRED";
    public static final String MEMBER_REQUIRED = "MEMBER_REQUIRED";
    public static final String ORGANIZATION_REQUIRED = "ORGANIZATION_REQUIRED";
    public static final String ORGANIZATION_ARCHIVED = "ORGANIZATION_ARCHIVED";
    public static final String MINUTES_REQUIRED = "MINUTES_REQUIRED";
    public static final String MINUTES_NOT_POSITIVE = "MINUTES_NOT_POSITIVE";
    public static final String MINUTES_TOO_LARGE = "MINUTES_TOO_LARGE";
    public static final String REASON_REQUIRED = "REASON_REQUIRED";
    public static final String REASON_TOO_LONG = "REASON_TOO_LONG";
    public static final String REASON_CHARACTERS = "REASON_CHARACTERS";
    public static final String EVIDENCE_REQUIRED = "EVIDENCE_REQUIRED";
    public static final String EVIDENCE_TOO_LONG = "EVIDENCE_TOO_LONG";
    public static final String EVIDENCE_CHARACTERS = "EVIDENCE_CHARACTERS";
    public static final String MEMO_TOO_LONG = "MEMO_TOO_LONG";
    public static final String MEMO_CHARACTERS = "MEMO_CHARACTERS";
    public static final String SOURCE_INVALID = "SOURCE_INVALID";
    public static final String SAME_MEMBER = "SAME_MEMBER";
    public static final String MIN_AGE_INVALID = "MIN_AGE_INVALID";
    public static final String STORAGE_CAP_INVALID = "STORAGE_CAP_INVALID";
    public static final String POLICY_FIELD_REQUIRED = "POLICY_FIELD_REQUIRED";
    public static final String PERIOD_INVALID = "PERIOD_INVALID";
    public static final String LIMIT_INVALID = "LIMIT_INVALID";

    private TimeBankErrors() {}
}
