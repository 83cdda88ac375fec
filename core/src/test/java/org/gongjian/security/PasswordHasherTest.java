package org.gongjian.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void a_hash_is_an_argon2id_phc_string_with_the_owasp_parameters() {
        String hash = hasher.hash("correct horse battery staple");

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hash.split("\\$")).hasSize(6); // "", argon2id, v=19, params, salt, hash
        assertThat(hash).doesNotContain("correct horse");
    }

    @Test
    void the_same_password_hashes_differently_each_time() {
        String first = hasher.hash("same-password");
        String second = hasher.hash("same-password");

        assertThat(first).isNotEqualTo(second);
        assertThat(first.split("\\$")[4]).as("salt").isNotEqualTo(second.split("\\$")[4]);
    }

    @Test
    void the_right_password_matches_and_a_wrong_one_does_not() {
        String hash = hasher.hash("the-password-1");

        assertThat(hasher.matches("the-password-1", hash)).isTrue();
        assertThat(hasher.matches("the-password-2", hash)).isFalse();
        assertThat(hasher.matches("The-password-1", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
        assertThat(hasher.matches(null, hash)).isFalse();
    }

    @Test
    void a_stored_value_that_is_not_argon2_never_matches() {
        assertThat(hasher.matches("secret", "secret")).isFalse();
        assertThat(hasher.matches("secret", "$2a$10$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234"))
                .isFalse();
        assertThat(hasher.matches("secret", "")).isFalse();
        assertThat(hasher.matches("secret", null)).isFalse();
    }
}
