package org.gongjian.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private static final String OLD = "the-old-password";

    @Test
    void seven_characters_are_too_short() {
        assertThat(PasswordPolicy.check("alice", OLD, "h7kq2mz")).isEqualTo(PasswordChangeResult.PASSWORD_LENGTH);
    }

    @Test
    void eight_characters_are_enough() {
        assertThat(PasswordPolicy.check("alice", OLD, "h7kq2mzw")).isEqualTo(PasswordChangeResult.OK);
    }

    @Test
    void one_hundred_twenty_eight_characters_are_allowed() {
        assertThat(PasswordPolicy.check("alice", OLD, "a".repeat(128))).isEqualTo(PasswordChangeResult.OK);
    }

    @Test
    void one_hundred_twenty_nine_characters_are_too_long() {
        assertThat(PasswordPolicy.check("alice", OLD, "a".repeat(129))).isEqualTo(PasswordChangeResult.PASSWORD_LENGTH);
    }

    @Test
    void the_minimum_counts_characters_not_utf16_units() {
        // Four emoji are eight UTF-16 units but four characters a user typed.
        assertThat(PasswordPolicy.check("alice", OLD, "😀😀😀😀")).isEqualTo(PasswordChangeResult.PASSWORD_LENGTH);
        assertThat(PasswordPolicy.check("alice", OLD, "党建志愿服务积分平台")).isEqualTo(PasswordChangeResult.OK);
    }

    @Test
    void a_missing_password_is_refused() {
        assertThat(PasswordPolicy.check("alice", OLD, null)).isEqualTo(PasswordChangeResult.PASSWORD_LENGTH);
    }

    @Test
    void the_old_password_is_not_a_new_one() {
        assertThat(PasswordPolicy.check("alice", OLD, OLD)).isEqualTo(PasswordChangeResult.PASSWORD_NOT_NEW);
    }

    @Test
    void the_username_is_not_a_password_whatever_its_case() {
        assertThat(PasswordPolicy.check("Volunteer1", OLD, "volunteer1"))
                .isEqualTo(PasswordChangeResult.PASSWORD_NOT_NEW);
        assertThat(PasswordPolicy.check("volunteer1", OLD, "VOLUNTEER1"))
                .isEqualTo(PasswordChangeResult.PASSWORD_NOT_NEW);
    }

    @Test
    void the_old_password_in_another_case_is_new_enough() {
        assertThat(PasswordPolicy.check("alice", OLD, OLD.toUpperCase())).isEqualTo(PasswordChangeResult.OK);
    }

    @Test
    void the_list_of_common_passwords_is_shipped_and_long() {
        assertThat(PasswordPolicy.commonPasswordCount()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void international_classics_are_too_common() {
        for (String common : new String[] {"password", "12345678", "qwerty123", "iloveyou", "1q2w3e4r5t"}) {
            assertThat(PasswordPolicy.check("alice", OLD, common))
                    .as(common)
                    .isEqualTo(PasswordChangeResult.PASSWORD_TOO_COMMON);
        }
    }

    @Test
    void the_favourites_of_chinese_users_are_too_common() {
        for (String common :
                new String[] {"woaini1314", "qq123456", "1qaz2wsx", "zhang123", "abc123456", "a12345678"}) {
            assertThat(PasswordPolicy.check("alice", OLD, common))
                    .as(common)
                    .isEqualTo(PasswordChangeResult.PASSWORD_TOO_COMMON);
        }
    }

    @Test
    void common_passwords_are_recognised_in_any_case() {
        assertThat(PasswordPolicy.check("alice", OLD, "PassWord123"))
                .isEqualTo(PasswordChangeResult.PASSWORD_TOO_COMMON);
        assertThat(PasswordPolicy.check("alice", OLD, "QWERTYUIOP"))
                .isEqualTo(PasswordChangeResult.PASSWORD_TOO_COMMON);
    }

    @Test
    void a_short_common_password_is_first_too_short() {
        assertThat(PasswordPolicy.check("alice", OLD, "5201314")).isEqualTo(PasswordChangeResult.PASSWORD_LENGTH);
    }

    @Test
    void a_password_that_merely_contains_a_common_one_is_allowed() {
        assertThat(PasswordPolicy.check("alice", OLD, "password-of-the-grid-3")).isEqualTo(PasswordChangeResult.OK);
    }

    @Test
    void a_generated_password_satisfies_the_policy() {
        String generated = PasswordPolicy.generate();
        assertThat(generated).hasSize(16).doesNotContain("0", "O", "1", "l", "I");
        assertThat(PasswordPolicy.check("alice", null, generated)).isEqualTo(PasswordChangeResult.OK);
    }
}
