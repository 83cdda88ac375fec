package org.gongjian.personaldata;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resident ID card numbers (公民身份号码, GB 11643-1999): 6-digit region code, 8-digit birth date,
 * 3-digit sequence (odd for men), and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */
public final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final Pattern WHITESPACE = Pattern.compile("\\s");
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private IdNumbers() {}

    /**
     * The form that is stored and hashed: full-width digits (pasted from documents) folded to
     * ASCII, spaces removed, a trailing x upper-cased.
     */
    public static String normalize(String raw) {
        if (raw == null) {
            return "";
        }
        String folded = java.text.Normalizer.normalize(raw, java.text.Normalizer.Form.NFKC);
        return WHITESPACE.matcher(folded).replaceAll("").toUpperCase(java.util.Locale.ROOT);
    }

    /** What is wrong with an ID number, or empty when it is valid (after {@link #normalize}). */
    public static Optional<Problem> check(String normalized, LocalDate today) {
        if (normalized.length() != 18) {
            return Optional.of(Problem.LENGTH);
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(normalized.charAt(i)) || normalized.charAt(i) > '9') {
                return Optional.of(Problem.CHARACTERS);
            }
        }
        char last = normalized.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            return Optional.of(Problem.CHARACTERS);
        }
        if (normalized.charAt(0) == '0') {
            return Optional.of(Problem.REGION);
        }
        Optional<LocalDate> birth = birthDate(normalized);
        if (birth.isEmpty() || birth.get().isAfter(today) || birth.get().getYear() < 1900) {
            return Optional.of(Problem.BIRTH_DATE);
        }
        if (checkCharacter(normalized) != last) {
            return Optional.of(Problem.CHECK_DIGIT);
        }
        return Optional.empty();
    }

    /** The check character the first 17 digits call for. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    public static Optional<LocalDate> birthDate(String normalized) {
        try {
            return Optional.of(LocalDate.of(
                    Integer.parseInt(normalized.substring(6, 10)),
                    Integer.parseInt(normalized.substring(10, 12)),
                    Integer.parseInt(normalized.substring(12, 14))));
        } catch (DateTimeException | NumberFormatException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** {@code MALE} for an odd sequence digit (17th character), {@code FEMALE} for an even one. */
    public static String gender(String normalized) {
        return (normalized.charAt(16) - '0') % 2 == 1 ? "MALE" : "FEMALE";
    }

    /** Why an ID number was refused. */
    public enum Problem {
        LENGTH,
        CHARACTERS,
        REGION,
        BIRTH_DATE,
        CHECK_DIGIT
    }
}
