package org.gongjian.personaldata;

/** How personal data is shown to someone who has not unmasked it. */
public final class Masks {

    private Masks() {}

    /** {@code 110101199003071234} → {@code 110***********1234}: region prefix and last four. */
    public static String idNumber(String idNumber) {
        if (idNumber == null || idNumber.length() < 8) {
            return "***";
        }
        return idNumber.substring(0, 3) + "*".repeat(idNumber.length() - 7) + idNumber.substring(idNumber.length() - 4);
    }

    /** {@code 13812345678} → {@code 138****5678}. */
    public static String phone(String phone) {
        if (phone == null || phone.length() < 7) {
            return "***";
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }
}
