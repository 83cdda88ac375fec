package org.gongjian.demo;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gongjian.access.Caller;
import org.gongjian.members.Household;
import org.gongjian.members.HouseholdPlacement;
import org.gongjian.members.Households;
import org.gongjian.members.MemberInput;
import org.gongjian.members.MemberView;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;

/**
 * Seeds one community of the demo in one transaction, through the services (so every rule and
 * the audit apply): the community, its grids and branches, and its households with their members.
 */
@Singleton
public class DemoCommunity {

    private static final int HOUSEHOLDS_PER_BUILDING = 8;
    private static final String[] ORDINALS = {"第一", "第二", "第三", "第四", "第五", "第六"};

    private final Organizations organizations;
    private final Members members;
    private final Households households;

    DemoCommunity(Organizations organizations, Members members, Households households) {
        this.organizations = organizations;
        this.members = members;
        this.households = households;
    }

    /** What one community holds after seeding. */
    public record Seeded(
            Organization community, List<Organization> grids, List<Organization> branches, List<Long> volunteers) {}

    /**
     * Creates the community below {@code street} with {@code gridCount} grids and {@code
     * branchCount} branches, then households of generated residents until it has at least {@code
     * minMembers} members.
     */
    @Transactional
    public Seeded seed(
            Organization street,
            String name,
            List<String> roads,
            int gridCount,
            int branchCount,
            int minMembers,
            DemoPeople people,
            Random random) {
        Caller system = Caller.system();
        Organization community = organizations.create(system, street.id(), OrganizationKind.COMMUNITY, name);
        List<Organization> grids = new ArrayList<>();
        for (int g = 0; g < gridCount; g++) {
            grids.add(organizations.create(system, community.id(), OrganizationKind.GRID, name + ORDINALS[g] + "网格"));
        }
        List<Organization> branches = new ArrayList<>();
        for (int b = 0; b < branchCount; b++) {
            branches.add(
                    organizations.create(system, community.id(), OrganizationKind.BRANCH, name + ORDINALS[b] + "党支部"));
        }
        List<Long> volunteers = new ArrayList<>();
        int count = 0;
        int index = 0;
        while (count < minMembers) {
            // 8 households a building: floors 1-4, rooms 01 and 02; buildings numbered along the roads
            int building = index / HOUSEHOLDS_PER_BUILDING;
            int flat = index % HOUSEHOLDS_PER_BUILDING;
            index++;
            String road = roads.get(building % roads.size());
            int number = building / roads.size() + 1;
            int room = (flat / 2 + 1) * 100 + flat % 2 + 1;
            String address = "东湖街道" + road + number + "号" + room + "室";
            Organization grid = grids.get(building % grids.size());
            Household household = households.create(system, community.id(), address);
            List<HouseholdPlacement> placements = new ArrayList<>();
            for (DemoPeople.Person p : people.household(address)) {
                boolean partyMember = "FULL".equals(p.partyStatus()) || "PROBATIONARY".equals(p.partyStatus());
                MemberView created = members.create(
                        system,
                        MemberInput.builder()
                                .organizationId(community.id())
                                .name(p.name())
                                .gender(p.gender())
                                .birthDate(p.birthDate())
                                .idNumber(p.idNumber())
                                .phone(p.phone())
                                .address(p.address())
                                .gridId(grid.id())
                                .tags(p.tags())
                                .partyStatus(p.partyStatus())
                                .partyJoinedOn(p.partyJoinedOn())
                                .branchId(
                                        partyMember
                                                ? branches.get(random.nextInt(branches.size()))
                                                        .id()
                                                : null)
                                .volunteer(p.volunteer())
                                .volunteerSince(p.volunteerSince())
                                .skills(p.skills())
                                .build());
                placements.add(new HouseholdPlacement(created.id(), p.relation()));
                if (p.volunteer()) {
                    volunteers.add(created.id());
                }
                count++;
            }
            households.setMembers(system, household.id(), placements);
        }
        return new Seeded(community, grids, branches, volunteers);
    }
}
