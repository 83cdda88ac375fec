package org.gongjian.timebank;

import static org.gongjian.timebank.TimeBankErrors.*;

import io.micronaut.core.annotation.Nullable;
import java.util.regex.Pattern;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ledger.Posting;
import org.gongjian.members.Relatives.Person;
import org.gongjian.timebank.TimeBankRequests.Deposit;

/**
 * The first of the time bank's checks: the input alone, before anything is read. Each check
 * throws {@link InvalidInputException} with its {@link TimeBankErrors} code and field.
 */
final class TimeBankChecks {

    private static final Pattern SOURCE_TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final Pattern SOURCE_REF = Pattern.compile("[A-Za-z0-9:._-]{1,64}");
    /**
     * Markup and what no one-line text needs: control and format characters (e.g. a right-to-left
     * override), surrogates, private-use and unassigned code points, line and paragraph separators.
     */
    private static final Pattern NOT_PLAIN = Pattern.compile("[<>\\p{C}\\p{Zl}\\p{Zp}]");

    private TimeBankChecks() {}

    /** A deposit's minutes, reason and evidence, checked. */
    record CheckedDeposit(long minutes, String reason, String evidence) {}

    static CheckedDeposit deposit(Deposit in) {
        long minutes = minutes(in.minutes(), TimeBank.MAX_DEPOSIT_MINUTES);
        String reason = reason(in.reason());
        String evidence = text(
                in.evidence(),
                TimeBank.EVIDENCE_MAX,
                "evidence",
                EVIDENCE_REQUIRED,
                EVIDENCE_TOO_LONG,
                EVIDENCE_CHARACTERS);
        checkSource(in.sourceType(), in.sourceRef());
        return new CheckedDeposit(minutes, reason, evidence);
    }

    static void checkKey(@Nullable String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidInputException(
                    IDEMPOTENCY_KEY_REQUIRED, "Idempotency-Key", "Send an Idempotency-Key header");
        }
        Posting.checkKey(key);
    }

    static long required(@Nullable Long id, String field) {
        if (id == null) {
            boolean organization = field.equals("organizationId");
            throw new InvalidInputException(
                    organization ? ORGANIZATION_REQUIRED : MEMBER_REQUIRED, field, "Give " + field);
        }
        return id;
    }

    static long minutes(@Nullable Long minutes, long max) {
        if (minutes == null) {
            throw new InvalidInputException(MINUTES_REQUIRED, "minutes", "Give the minutes");
        }
        if (minutes <= 0) {
            throw new InvalidInputException(MINUTES_NOT_POSITIVE, "minutes", "The minutes must be more than zero");
        }
        if (minutes > max) {
            throw new InvalidInputException(MINUTES_TOO_LARGE, "minutes", "At most " + max + " minutes at once");
        }
        return minutes;
    }

    static void notSame(Person a, Person b, String field) {
        if (a.id() == b.id()) {
            throw new InvalidInputException(SAME_MEMBER, field, "A member cannot move time to themself");
        }
    }

    static @Nullable String memo(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return text(raw, TimeBank.MEMO_MAX, "memo", null, MEMO_TOO_LONG, MEMO_CHARACTERS);
    }

    /** The reason of a deposit or a pool grant: required. */
    static String reason(@Nullable String raw) {
        return text(raw, TimeBank.REASON_MAX, "reason", REASON_REQUIRED, REASON_TOO_LONG, REASON_CHARACTERS);
    }

    private static void checkSource(@Nullable String type, @Nullable String ref) {
        if ((type == null) != (ref == null)
                || (type != null && !SOURCE_TYPE.matcher(type).matches())
                || (ref != null && !SOURCE_REF.matcher(ref).matches())) {
            throw new InvalidInputException(
                    SOURCE_INVALID, "sourceRef", "sourceType (upper-case code) and sourceRef go together");
        }
    }

    /**
     * One line of plain text: stripped, at most {@code max} characters, without control or format
     * characters and without markup ({@code <}, {@code >}), which no reason needs and which would
     * end up on statements and certificates.
     */
    private static String text(
            @Nullable String raw,
            int max,
            String field,
            @Nullable String requiredCode,
            String tooLongCode,
            String charactersCode) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException(requiredCode, field, "Give the " + field);
        }
        String value = raw.strip();
        if (value.codePointCount(0, value.length()) > max) {
            throw new InvalidInputException(tooLongCode, field, "At most " + max + " characters");
        }
        if (NOT_PLAIN.matcher(value).find()) {
            throw new InvalidInputException(charactersCode, field, "Plain text only: no markup or control characters");
        }
        return value;
    }
}
