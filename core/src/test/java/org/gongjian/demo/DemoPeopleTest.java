package org.gongjian.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.gongjian.personaldata.IdNumbers;
import org.junit.jupiter.api.Test;

class DemoPeopleTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Test
    void two_thousand_residents_are_plausible_valid_and_unique() {
        DemoPeople generator = new DemoPeople(7, TODAY);
        List<DemoPeople.Person> people = new ArrayList<>();
        int households = 0;
        while (people.size() < 2000) {
            people.addAll(generator.household("和平路 " + households++ + " 号"));
        }
        assertThat(people).allSatisfy(p -> {
            assertThat(IdNumbers.check(p.idNumber(), TODAY)).as(p.idNumber()).isEmpty();
            assertThat(IdNumbers.gender(p.idNumber())).isEqualTo(p.gender());
            assertThat(IdNumbers.birthDate(p.idNumber())).contains(p.birthDate());
            assertThat(p.name()).hasSizeBetween(2, 3);
            if (p.partyJoinedOn() != null) {
                assertThat(p.partyJoinedOn()).isBeforeOrEqualTo(TODAY);
                assertThat(Period.between(p.birthDate(), p.partyJoinedOn()).getYears())
                        .isGreaterThanOrEqualTo(18);
            }
        });
        assertThat(people.stream().map(DemoPeople.Person::idNumber).distinct().count())
                .isEqualTo(people.size());
        long partyMembers =
                people.stream().filter(p -> "FULL".equals(p.partyStatus())).count();
        long volunteers = people.stream().filter(DemoPeople.Person::volunteer).count();
        assertThat(partyMembers).isBetween(100L, 400L);
        assertThat(volunteers).isBetween(300L, 800L);
        assertThat(people.stream().filter(p -> p.relation().equals("HEAD")).count())
                .isEqualTo(households);
    }

    @Test
    void the_same_seed_gives_the_same_people() {
        assertThat(new DemoPeople(3, TODAY).household("a")).isEqualTo(new DemoPeople(3, TODAY).household("a"));
    }
}
