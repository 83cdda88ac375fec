package org.gongjian.api;

/** The codes of errors that are not specific to one feature. */
public final class ErrorCodes {

    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    public static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";
    /** A required field (one not marked nullable) is absent or null; {@code errors} names it. */
    public static final String MISSING_FIELD = "MISSING_FIELD";
    /** A field the request does not have (a typo, or an attempt to set what cannot be set). */
    public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";
    /** The same field twice in one object. */
    public static final String DUPLICATE_FIELD = "DUPLICATE_FIELD";
    /** Not a JSON integer, or out of the field's range: {@code 1.5}, {@code 1e3}, {@code "5"}, {@code true}. */
    public static final String INVALID_NUMBER = "INVALID_NUMBER";
    /** Not {@code true} or {@code false}. */
    public static final String INVALID_BOOLEAN = "INVALID_BOOLEAN";
    /** Not a JSON string where a text is expected (e.g. a number as a name). */
    public static final String INVALID_TEXT = "INVALID_TEXT";
    /** Not a string {@code YYYY-MM-DD} that is a real date. */
    public static final String INVALID_DATE = "INVALID_DATE";
    /** Not one of the values an enumerated field allows. */
    public static final String INVALID_VALUE = "INVALID_VALUE";
    /** JSON nested deeper than the API reads (32 levels). */
    public static final String NESTING_TOO_DEEP = "NESTING_TOO_DEEP";
    /** A path or query parameter that does not convert to its type, e.g. {@code /api/orgs/abc}. */
    public static final String INVALID_PARAMETER = "INVALID_PARAMETER";
    /** A required query parameter or header is absent. */
    public static final String MISSING_PARAMETER = "MISSING_PARAMETER";

    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    public static final String FORBIDDEN = "FORBIDDEN";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String CONFLICT = "CONFLICT";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private ErrorCodes() {}
}
