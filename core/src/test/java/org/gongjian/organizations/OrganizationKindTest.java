package org.gongjian.organizations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gongjian.organizations.OrganizationKind.BRANCH;
import static org.gongjian.organizations.OrganizationKind.COMMUNITY;
import static org.gongjian.organizations.OrganizationKind.GENERAL_BRANCH;
import static org.gongjian.organizations.OrganizationKind.GRID;
import static org.gongjian.organizations.OrganizationKind.GROUP;
import static org.gongjian.organizations.OrganizationKind.PARTY_COMMITTEE;
import static org.gongjian.organizations.OrganizationKind.VILLAGE;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OrganizationKindTest {

    @Test
    void a_grid_stands_only_below_a_community_or_a_village() {
        assertThat(Arrays.stream(OrganizationKind.values()).filter(k -> k.accepts(GRID)))
                .containsExactlyInAnyOrder(COMMUNITY, VILLAGE);
        assertThat(GRID.mayBeTopLevel()).isFalse();
    }

    @Test
    void a_party_group_stands_only_below_a_branch_or_a_general_branch() {
        assertThat(Arrays.stream(OrganizationKind.values()).filter(k -> k.accepts(GROUP)))
                .containsExactlyInAnyOrder(BRANCH, GENERAL_BRANCH);
        assertThat(GROUP.mayBeTopLevel()).isFalse();
    }

    @Test
    void a_branch_stands_below_a_committee_a_general_branch_or_the_community_it_serves() {
        assertThat(Arrays.stream(OrganizationKind.values()).filter(k -> k.accepts(BRANCH)))
                .containsExactlyInAnyOrder(PARTY_COMMITTEE, GENERAL_BRANCH, COMMUNITY, VILLAGE);
    }

    @Test
    void groups_and_grids_are_leaves() {
        assertThat(GROUP.childKinds()).isEmpty();
        assertThat(GRID.childKinds()).isEmpty();
    }

    @Test
    void no_kind_contains_its_own_kind_except_a_party_committee() {
        assertThat(Arrays.stream(OrganizationKind.values()).filter(k -> k.accepts(k)))
                .containsExactly(PARTY_COMMITTEE);
    }
}
