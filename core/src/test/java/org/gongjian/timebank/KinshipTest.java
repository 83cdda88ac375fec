package org.gongjian.timebank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gongjian.members.HouseholdRelation.CHILD;
import static org.gongjian.members.HouseholdRelation.HEAD;
import static org.gongjian.members.HouseholdRelation.OTHER;
import static org.gongjian.members.HouseholdRelation.PARENT;
import static org.gongjian.members.HouseholdRelation.SPOUSE;

import java.math.BigDecimal;
import org.gongjian.members.HouseholdRelation;
import org.junit.jupiter.api.Test;

class KinshipTest {

    private static final Long HOME = 7L;

    private static boolean direct(HouseholdRelation a, HouseholdRelation b) {
        return Kinship.direct(HOME, a, HOME, b) && Kinship.direct(HOME, b, HOME, a);
    }

    @Test
    void spouses_parents_children_and_grandparents_are_direct_relatives_in_either_direction() {
        assertThat(direct(HEAD, SPOUSE)).isTrue();
        assertThat(direct(HEAD, PARENT)).isTrue();
        assertThat(direct(HEAD, CHILD)).isTrue();
        assertThat(direct(SPOUSE, CHILD)).isTrue();
        assertThat(direct(PARENT, CHILD)).as("grandparent and grandchild").isTrue();
    }

    @Test
    void siblings_in_laws_others_and_couples_the_relations_do_not_prove_are_not() {
        assertThat(Kinship.direct(HOME, CHILD, HOME, CHILD)).as("siblings").isFalse();
        assertThat(Kinship.direct(HOME, SPOUSE, HOME, PARENT)).as("in-laws").isFalse();
        assertThat(Kinship.direct(HOME, PARENT, HOME, PARENT)).isFalse();
        for (HouseholdRelation r : HouseholdRelation.values()) {
            assertThat(Kinship.direct(HOME, OTHER, HOME, r)).isFalse();
        }
    }

    @Test
    void members_of_different_households_or_of_none_are_not_direct_relatives() {
        assertThat(Kinship.direct(HOME, HEAD, 8L, CHILD)).isFalse();
        assertThat(Kinship.direct(null, HEAD, null, CHILD)).isFalse();
        assertThat(Kinship.direct(HOME, null, HOME, CHILD)).isFalse();
    }

    @Test
    void the_spouse_of_the_head_is_the_spouse_and_back_and_nobody_else_has_a_known_spouse() {
        assertThat(Kinship.spouseOf(HEAD)).isEqualTo(SPOUSE);
        assertThat(Kinship.spouseOf(SPOUSE)).isEqualTo(HEAD);
        assertThat(Kinship.spouseOf(CHILD)).isNull();
        assertThat(Kinship.spouseOf(null)).isNull();
    }

    @Test
    void minutes_are_shown_as_hours_with_one_decimal_rounded_half_up() {
        assertThat(Hours.of(90)).isEqualTo(new BigDecimal("1.5"));
        assertThat(Hours.of(100)).isEqualTo(new BigDecimal("1.7"));
        assertThat(Hours.of(3)).isEqualTo(new BigDecimal("0.1"));
        assertThat(Hours.of(2)).isEqualTo(new BigDecimal("0.0"));
        assertThat(Hours.of(-25)).isEqualTo(new BigDecimal("-0.4"));
        assertThat(Hours.of(90_000)).isEqualTo(new BigDecimal("1500.0"));
    }
}
