package org.gongjian.ledger;

import io.micronaut.core.annotation.Nullable;
import java.util.regex.Pattern;
import org.gongjian.errors.InvalidInputException;

/**
 * One transfer of a posting request: {@code amount} smallest units of the accounts' asset move
 * from the debit account to the credit account.
 *
 * @param reasonCode why, as a stable code (e.g. {@code SERVICE_DEPOSIT}, {@code MANUAL_AWARD})
 * @param category the reporting category (e.g. {@code VOLUNTEER}, {@code STUDY}, {@code GIFT})
 * @param sourceType what caused it (e.g. {@code ACTIVITY}, {@code RULE}), with {@code sourceRef}
 * @param reversesId the transfer this one reverses: it must be its exact mirror
 */
@io.micronaut.serde.annotation.Serdeable
public record TransferSpec(
        long debitAccountId,
        long creditAccountId,
        long amount,
        String reasonCode,
        String category,
        @Nullable String memo,
        @Nullable String sourceType,
        @Nullable String sourceRef,
        @Nullable Long reversesId) {

    /** The largest amount of one transfer: a trillion smallest units. */
    public static final long MAX_AMOUNT = 1_000_000_000_000L;

    public static final int MEMO_MAX = 200;

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,47}");
    private static final Pattern CATEGORY = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final Pattern SOURCE_TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final Pattern SOURCE_REF = Pattern.compile("[A-Za-z0-9:._-]{1,64}");

    /** A plain transfer without source or reversal. */
    public static TransferSpec of(long debit, long credit, long amount, String reasonCode, String category) {
        return new TransferSpec(debit, credit, amount, reasonCode, category, null, null, null, null);
    }

    /** Refuses what can never be posted, before anything is read or locked. */
    void validate(int index) {
        String at = "transfers[" + index + "].";
        if (amount <= 0) {
            throw new InvalidInputException(LedgerErrors.AMOUNT_NOT_POSITIVE, at + "amount", "金额必须大于零");
        }
        if (amount > MAX_AMOUNT) {
            throw new InvalidInputException(LedgerErrors.AMOUNT_TOO_LARGE, at + "amount", "金额超出上限");
        }
        if (debitAccountId == creditAccountId) {
            throw new InvalidInputException(LedgerErrors.SAME_ACCOUNT, at + "creditAccountId", "转出和转入账户不能相同");
        }
        if (reasonCode == null || !CODE.matcher(reasonCode).matches()) {
            throw new InvalidInputException(
                    LedgerErrors.INVALID_REASON_CODE, at + "reasonCode", "事由代码只能是大写字母、数字和下划线（最多 48 位）");
        }
        if (category == null || !CATEGORY.matcher(category).matches()) {
            throw new InvalidInputException(
                    LedgerErrors.INVALID_CATEGORY, at + "category", "类别只能是大写字母、数字和下划线（最多 32 位）");
        }
        if (memo != null && memo.codePointCount(0, memo.length()) > MEMO_MAX) {
            throw new InvalidInputException(LedgerErrors.MEMO_TOO_LONG, at + "memo", "备注最多 " + MEMO_MAX + " 个字");
        }
        if ((sourceType == null) != (sourceRef == null)
                || (sourceType != null && !SOURCE_TYPE.matcher(sourceType).matches())
                || (sourceRef != null && !SOURCE_REF.matcher(sourceRef).matches())) {
            throw new InvalidInputException(LedgerErrors.INVALID_SOURCE, at + "sourceRef", "来源类型和来源编号需同时填写且格式正确");
        }
    }
}
