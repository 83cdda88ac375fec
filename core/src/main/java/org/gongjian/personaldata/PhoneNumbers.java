package org.gongjian.personaldata;

import java.util.regex.Pattern;

/** Mainland mobile numbers (11 digits starting 13–19), the contact most residents give. */
public final class PhoneNumbers {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");

    private PhoneNumbers() {}

    /** Strips spaces, dashes and a leading +86 / 0086. */
    public static String normalize(String raw) {
        if (raw == null) {
            return "";
        }
        String digits = java.text.Normalizer.normalize(raw, java.text.Normalizer.Form.NFKC);
        digits = SEPARATORS.matcher(digits).replaceAll("");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        }
        return digits;
    }

    public static boolean isValid(String normalized) {
        return MOBILE.matcher(normalized).matches();
    }
}
