package org.gongjian.organizations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import org.gongjian.members.Member;
import org.gongjian.members.Members;
import org.junit.jupiter.api.Test;

/**
 * The organization tree and members through their public services, against the embedded database.
 * Not transactional: every call commits, so reads see what the database really stored.
 */
@MicronautTest(transactional = false)
class OrganizationRepositoryIT {

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Test
    void an_organization_tree_is_stored_with_materialized_paths() {
        long activeBefore = organizations.countActive();

        Organization committee = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "幸福街道党工委");
        Organization branch = organizations.createChild(committee, OrganizationKind.BRANCH, "第一党支部");
        Organization group = organizations.createChild(branch, OrganizationKind.GROUP, "第一党小组");

        assertThat(committee.parentId()).isNull();
        assertThat(committee.path()).isEqualTo("/" + committee.id() + "/");
        assertThat(branch.parentId()).isEqualTo(committee.id());
        assertThat(branch.path()).isEqualTo(committee.path() + branch.id() + "/");
        assertThat(group.path()).isEqualTo("/" + committee.id() + "/" + branch.id() + "/" + group.id() + "/");
        assertThat(organizations.countActive()).isEqualTo(activeBefore + 3);
    }

    @Test
    void an_organization_reads_back_as_it_was_created() {
        Organization root = organizations.createRoot(OrganizationKind.COMMUNITY, "阳光社区");
        Organization grid = organizations.createChild(root, OrganizationKind.GRID, "第3网格");

        Organization found = organizations.find(grid.id()).orElseThrow();

        assertThat(found.id()).isEqualTo(grid.id());
        assertThat(found.parentId()).isEqualTo(root.id());
        assertThat(found.kind()).isEqualTo(OrganizationKind.GRID);
        assertThat(found.name()).isEqualTo("第3网格");
        assertThat(found.path()).isEqualTo(root.path() + grid.id() + "/");
        assertThat(found.archivedAt()).isNull();
        // Stored as DATETIME(6) in UTC: the same instant to the microsecond, whatever the time zone.
        assertThat(found.createdAt()).isCloseTo(grid.createdAt(), within(1, ChronoUnit.MICROS));
        assertThat(organizations.find(root.id()))
                .get()
                .extracting(Organization::path)
                .isEqualTo(root.path());
    }

    @Test
    void an_unknown_organization_is_not_found() {
        assertThat(organizations.find(-1L)).isEmpty();
    }

    @Test
    void ids_are_unique_and_grow_with_time() {
        Organization first = organizations.createRoot(OrganizationKind.VILLAGE, "东村");
        Organization second = organizations.createRoot(OrganizationKind.VILLAGE, "西村");

        assertThat(second.id()).isGreaterThan(first.id());
    }

    @Test
    void members_are_added_to_an_organization_and_counted() {
        Organization branch = organizations.createRoot(OrganizationKind.BRANCH, "第二党支部");
        long before = members.count();

        Member zhang = members.add(branch.id(), "张三");
        Member li = members.add(branch.id(), "李四");

        assertThat(zhang.organizationId()).isEqualTo(branch.id());
        assertThat(zhang.name()).isEqualTo("张三");
        assertThat(li.id()).isNotEqualTo(zhang.id());
        assertThat(members.count()).isEqualTo(before + 2);
    }

    @Test
    void a_member_of_an_unknown_organization_is_refused() {
        long before = members.count();

        assertThatThrownBy(() -> members.add(-1L, "王五")).isInstanceOf(RuntimeException.class);

        assertThat(members.count()).isEqualTo(before);
    }
}
