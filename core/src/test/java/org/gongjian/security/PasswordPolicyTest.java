package org.gongjian.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private static final String OLD = "the-old-password";

    @Test
    void seven_characters_are_too_short() {
        assertThat(PasswordPolicy.check("alice", OLD, "abcdefg")).isEqualTo(PasswordChangeResult.PASSWORD_LENGTH);
    }

    @Test
    void eight_characters_are_enough() {
        assertThat(PasswordPolicy.check("alice", OLD, "abcdefgh")).isEqualTo(PasswordChangeResult.OK);
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
}
