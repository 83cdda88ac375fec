package org.gongjian.organizations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gongjian.errors.InvalidInputException;
import org.junit.jupiter.api.Test;

class OrganizationNamesTest {

    @Test
    void a_name_is_stored_without_surrounding_spaces_of_any_width() {
        assertThat(OrganizationNames.clean(" \t阳光社区　")).isEqualTo("阳光社区");
        assertThat(OrganizationNames.clean("第 1 网格")).as("inner spaces stay").isEqualTo("第 1 网格");
    }

    @Test
    void a_name_is_stored_in_composed_unicode_form() {
        assertThat(OrganizationNames.clean("Cafe\u0301")).isEqualTo("Café");
    }

    @Test
    void length_is_counted_in_characters_not_utf16_units() {
        String emoji = "🏠".repeat(100);

        assertThat(OrganizationNames.clean(emoji)).isEqualTo(emoji);
        assertRefused("🏠".repeat(101), OrganizationErrors.NAME_TOO_LONG);
    }

    @Test
    void an_empty_or_blank_name_is_required() {
        assertRefused(null, OrganizationErrors.NAME_REQUIRED);
        assertRefused("", OrganizationErrors.NAME_REQUIRED);
        assertRefused(" \u3000\t", OrganizationErrors.NAME_REQUIRED);
    }

    @Test
    void control_and_invisible_formatting_characters_are_refused() {
        for (String bad :
                new String[] {"a\u0000b", "a\nb", "a\u007fb", "a\u202eb", "a\u200bb", "a\u2028b", "a\ue000b"}) {
            assertRefused(bad, OrganizationErrors.NAME_CHARACTERS);
        }
    }

    @Test
    void the_refusal_names_the_field() {
        assertThatThrownBy(() -> OrganizationNames.clean(""))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("name"));
    }

    private static void assertRefused(String name, String code) {
        assertThatThrownBy(() -> OrganizationNames.clean(name))
                .as(String.valueOf(name))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
