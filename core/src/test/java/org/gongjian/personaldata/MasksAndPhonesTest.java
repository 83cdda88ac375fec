package org.gongjian.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MasksAndPhonesTest {

    @Test
    void id_numbers_and_phones_are_masked_as_secretaries_expect() {
        assertThat(Masks.idNumber("110105194912311234")).isEqualTo("110***********1234");
        assertThat(Masks.phone("13812345678")).isEqualTo("138****5678");
        assertThat(Masks.phone(null)).isEqualTo("***");
    }

    @Test
    void mobile_numbers_are_normalized_and_validated() {
        assertThat(PhoneNumbers.normalize("+86 138-1234-5678")).isEqualTo("13812345678");
        assertThat(PhoneNumbers.normalize("１３８１２３４５６７８")).isEqualTo("13812345678");
        assertThat(PhoneNumbers.isValid("13812345678")).isTrue();
        assertThat(PhoneNumbers.isValid("12812345678")).isFalse();
        assertThat(PhoneNumbers.isValid("1381234567")).isFalse();
        assertThat(PhoneNumbers.isValid("1381234567a")).isFalse();
    }
}
