package org.gongjian.members;

/** Gender as recorded on the ID card (the 17th digit: odd for men). */
public enum Gender {
    MALE,
    FEMALE
}
