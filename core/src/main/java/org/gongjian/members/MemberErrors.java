package org.gongjian.members;

/**
 * The stable codes with which the members feature refuses input (HTTP 400 unless noted). Each
 * is thrown before anything changes.
 */
public final class MemberErrors {

    public static final String NAME_REQUIRED = "NAME_REQUIRED";
    public static final String NAME_TOO_LONG = "NAME_TOO_LONG";
    public static final String NAME_CHARACTERS = "NAME_CHARACTERS";
    /** A name of digits or signs only, e.g. "12345". */
    public static final String NAME_WITHOUT_LETTERS = "NAME_WITHOUT_LETTERS";

    public static final String GENDER_INVALID = "GENDER_INVALID";
    public static final String GENDER_CONTRADICTS_ID_NUMBER = "GENDER_CONTRADICTS_ID_NUMBER";
    public static final String BIRTH_DATE_IMPLAUSIBLE = "BIRTH_DATE_IMPLAUSIBLE";
    public static final String BIRTH_DATE_CONTRADICTS_ID_NUMBER = "BIRTH_DATE_CONTRADICTS_ID_NUMBER";
    public static final String ID_NUMBER_LENGTH = "ID_NUMBER_LENGTH";
    public static final String ID_NUMBER_CHARACTERS = "ID_NUMBER_CHARACTERS";
    public static final String ID_NUMBER_REGION = "ID_NUMBER_REGION";
    public static final String ID_NUMBER_BIRTH_DATE = "ID_NUMBER_BIRTH_DATE";
    public static final String ID_NUMBER_CHECK_DIGIT = "ID_NUMBER_CHECK_DIGIT";
    public static final String ID_NUMBER_TAKEN = "ID_NUMBER_TAKEN";
    public static final String PHONE_INVALID = "PHONE_INVALID";
    public static final String ADDRESS_TOO_LONG = "ADDRESS_TOO_LONG";
    public static final String ADDRESS_CHARACTERS = "ADDRESS_CHARACTERS";
    public static final String SKILLS_TOO_LONG = "SKILLS_TOO_LONG";
    public static final String SKILLS_CHARACTERS = "SKILLS_CHARACTERS";
    public static final String STATUS_INVALID = "STATUS_INVALID";
    public static final String TAGS_TOO_MANY = "TAGS_TOO_MANY";
    public static final String TAG_TOO_LONG = "TAG_TOO_LONG";
    public static final String TAG_CHARACTERS = "TAG_CHARACTERS";
    public static final String ORGANIZATION_REQUIRED = "ORGANIZATION_REQUIRED";
    /** The organization does not exist or is outside the caller's subtree (never told apart). */
    public static final String ORGANIZATION_UNKNOWN = "ORGANIZATION_UNKNOWN";

    public static final String ORGANIZATION_ARCHIVED = "ORGANIZATION_ARCHIVED";
    /** An update names another organization: moving a member is a transfer. */
    public static final String ORGANIZATION_CHANGE_NEEDS_TRANSFER = "ORGANIZATION_CHANGE_NEEDS_TRANSFER";

    public static final String GRID_UNKNOWN = "GRID_UNKNOWN";
    public static final String GRID_NOT_A_GRID = "GRID_NOT_A_GRID";
    public static final String PARTY_STATUS_INVALID = "PARTY_STATUS_INVALID";
    /** A join date or branch without a party status. */
    public static final String PARTY_STATUS_REQUIRED = "PARTY_STATUS_REQUIRED";

    public static final String PARTY_JOINED_IN_FUTURE = "PARTY_JOINED_IN_FUTURE";
    public static final String PARTY_JOINED_BEFORE_BIRTH = "PARTY_JOINED_BEFORE_BIRTH";
    public static final String BRANCH_UNKNOWN = "BRANCH_UNKNOWN";
    public static final String BRANCH_NOT_A_BRANCH = "BRANCH_NOT_A_BRANCH";
    public static final String VOLUNTEER_SINCE_IN_FUTURE = "VOLUNTEER_SINCE_IN_FUTURE";
    /** A volunteer registration date on someone who is not a volunteer. */
    public static final String VOLUNTEER_SINCE_WITHOUT_VOLUNTEER = "VOLUNTEER_SINCE_WITHOUT_VOLUNTEER";

    public static final String VERSION_REQUIRED = "VERSION_REQUIRED";
    /** HTTP 409: the member was changed by someone else since the client read it. */
    public static final String MEMBER_CHANGED_MEANWHILE = "MEMBER_CHANGED_MEANWHILE";

    public static final String REASON_REQUIRED = "REASON_REQUIRED";
    public static final String REASON_TOO_LONG = "REASON_TOO_LONG";
    public static final String REASON_CHARACTERS = "REASON_CHARACTERS";
    public static final String TRANSFER_TO_SAME_ORGANIZATION = "TRANSFER_TO_SAME_ORGANIZATION";
    public static final String QUERY_TOO_LONG = "QUERY_TOO_LONG";
    public static final String PAGE_INVALID = "PAGE_INVALID";
    public static final String SIZE_INVALID = "SIZE_INVALID";
    public static final String SORT_INVALID = "SORT_INVALID";
    /** A member named in a household list does not exist or is outside the caller's subtree. */
    public static final String MEMBER_UNKNOWN = "MEMBER_UNKNOWN";

    public static final String MEMBER_LISTED_TWICE = "MEMBER_LISTED_TWICE";
    public static final String MEMBER_IN_OTHER_HOUSEHOLD = "MEMBER_IN_OTHER_HOUSEHOLD";
    public static final String RELATION_INVALID = "RELATION_INVALID";
    public static final String HOUSEHOLD_HEAD_TWICE = "HOUSEHOLD_HEAD_TWICE";
    public static final String HOUSEHOLD_TOO_LARGE = "HOUSEHOLD_TOO_LARGE";

    private MemberErrors() {}

    /** An export of clear personal data by someone who may not unmask every exported member. */
    public static final String UNMASK_NOT_ALLOWED = "UNMASK_NOT_ALLOWED";
}
