package org.gongjian.ledger;

/** Stable codes of refused ledger input (400): nothing is read, locked or stored. */
public final class LedgerErrors {

    public static final String AMOUNT_NOT_POSITIVE = "AMOUNT_NOT_POSITIVE";
    public static final String AMOUNT_TOO_LARGE = "AMOUNT_TOO_LARGE";
    public static final String SAME_ACCOUNT = "SAME_ACCOUNT";
    public static final String INVALID_REASON_CODE = "INVALID_REASON_CODE";
    public static final String INVALID_CATEGORY = "INVALID_CATEGORY";
    public static final String MEMO_TOO_LONG = "MEMO_TOO_LONG";
    public static final String INVALID_SOURCE = "INVALID_SOURCE";
    public static final String INVALID_IDEMPOTENCY_KEY = "INVALID_IDEMPOTENCY_KEY";
    public static final String NO_TRANSFERS = "NO_TRANSFERS";
    public static final String TOO_MANY_TRANSFERS = "TOO_MANY_TRANSFERS";

    private LedgerErrors() {}
}
