package org.gongjian.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.gongjian.personaldata.IdNumbers.Problem;
import org.junit.jupiter.api.Test;

class IdNumbersTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    /** Builds a valid number from 17 digits by appending the check character. */
    private static String valid(String first17) {
        return first17 + IdNumbers.checkCharacter(first17);
    }

    @Test
    void a_number_with_the_right_check_character_is_valid() {
        assertThat(IdNumbers.check("11010519491231002X", TODAY)).isEmpty();
        assertThat(IdNumbers.check(valid("44030419900307123"), TODAY)).isEmpty();
    }

    @Test
    void a_wrong_check_character_is_refused() {
        assertThat(IdNumbers.check("110105194912310021", TODAY)).contains(Problem.CHECK_DIGIT);
    }

    @Test
    void length_characters_region_and_birth_date_are_checked() {
        assertThat(IdNumbers.check("1101051949123100", TODAY)).contains(Problem.LENGTH);
        assertThat(IdNumbers.check("11010519491231002Y", TODAY)).contains(Problem.CHARACTERS);
        assertThat(IdNumbers.check("１１010519491231002X", TODAY)).contains(Problem.CHARACTERS);
        assertThat(IdNumbers.check("1101051949123１002X", TODAY)).contains(Problem.CHARACTERS);
        assertThat(IdNumbers.check(valid("01010519491231002"), TODAY)).contains(Problem.REGION);
        assertThat(IdNumbers.check(valid("11010519490231002"), TODAY)).contains(Problem.BIRTH_DATE);
        assertThat(IdNumbers.check(valid("11010520990101002"), TODAY)).contains(Problem.BIRTH_DATE);
        assertThat(IdNumbers.check(valid("11010518000101002"), TODAY)).contains(Problem.BIRTH_DATE);
    }

    @Test
    void a_lower_case_x_and_spaces_are_normalized() {
        assertThat(IdNumbers.normalize(" 11010519491231002x ")).isEqualTo("11010519491231002X");
        assertThat(IdNumbers.normalize("１１０１０５１９４９１２３１００２ｘ"))
                .as("full-width characters pasted from a document")
                .isEqualTo("11010519491231002X");
    }

    @Test
    void birth_date_and_gender_come_from_the_number() {
        assertThat(IdNumbers.birthDate("11010519491231002X")).contains(LocalDate.of(1949, 12, 31));
        assertThat(IdNumbers.gender("11010519491231002X")).isEqualTo("FEMALE");
        assertThat(IdNumbers.gender(valid("11010519491231001"))).isEqualTo("MALE");
    }
}
