package org.gongjian.organizations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.Grant;
import org.gongjian.access.NotFoundException;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditEntry;
import org.gongjian.audit.AuditFilter;
import org.gongjian.audit.AuditLog;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ids.IdGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The organization service against the embedded database: every rule, every refusal with its code
 * and proof that nothing changed, scoping by subtree, and the audit trail. Each test builds its own
 * street so that tests do not see each other's rows; not transactional, so every call commits.
 */
@MicronautTest(transactional = false)
class OrganizationsIT {

    @Inject
    Organizations organizations;

    @Inject
    AuditLog auditLog;

    @Inject
    IdGenerator ids;

    @Inject
    DataSource injectedDataSource;

    TestDatabase db;

    /** 街道党工委 → 社区 A (网格 A1, A2, 支部 A → 小组), 社区 B (网格 B1). */
    Organization street;

    Organization communityA;
    Organization gridA1;
    Organization gridA2;
    Organization branchA;
    Organization groupA;
    Organization communityB;
    Organization gridB1;

    @BeforeEach
    void street() {
        db = new TestDatabase(injectedDataSource, ids);
        street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, unique("幸福街道党工委"));
        communityA = organizations.createChild(street, OrganizationKind.COMMUNITY, "阳光社区");
        gridA1 = organizations.createChild(communityA, OrganizationKind.GRID, "第1网格");
        gridA2 = organizations.createChild(communityA, OrganizationKind.GRID, "第2网格");
        branchA = organizations.createChild(communityA, OrganizationKind.BRANCH, "阳光社区党支部");
        groupA = organizations.createChild(branchA, OrganizationKind.GROUP, "第一党小组");
        communityB = organizations.createChild(street, OrganizationKind.COMMUNITY, "和平社区");
        gridB1 = organizations.createChild(communityB, OrganizationKind.GRID, "第1网格");
    }

    @Test
    void a_platform_admin_creates_a_top_level_organization_and_the_creation_is_audited() {
        Caller ops = platformAdmin();
        String name = unique("东城街道党工委");

        Organization created = organizations.create(ops, null, OrganizationKind.PARTY_COMMITTEE, "  " + name + "　");

        assertThat(created.parentId()).isNull();
        assertThat(created.name())
                .as("surrounding spaces, full-width too, are removed")
                .isEqualTo(name);
        assertThat(created.path()).isEqualTo("/" + created.id() + "/");
        assertThat(organizations.find(created.id())).hasValue(created);
        AuditEntry entry = lastAuditOf(created.id());
        assertThat(entry.action()).isEqualTo(Organizations.CREATED);
        assertThat(entry.actorName()).isEqualTo("ops");
        assertThat(entry.targetType()).isEqualTo("ORGANIZATION");
        assertThat(entry.organizationId()).isEqualTo(created.id());
        assertThat(entry.detail()).contains("PARTY_COMMITTEE", name);
    }

    @Test
    void only_a_platform_admin_creates_a_top_level_organization() {
        Caller secretary = adminOf(street);

        assertUnchangedAfter(() -> assertThatThrownBy(
                        () -> organizations.create(secretary, null, OrganizationKind.COMMUNITY, unique("新社区")))
                .isInstanceOf(ForbiddenException.class));
    }

    @Test
    void a_secretary_creates_organizations_in_her_community_and_each_is_audited() {
        Caller secretary = adminOf(communityA);

        Organization grid = organizations.create(secretary, communityA.id(), OrganizationKind.GRID, "第3网格");
        Organization committee =
                organizations.create(secretary, communityA.id(), OrganizationKind.PARTY_COMMITTEE, "阳光社区党委");

        assertThat(grid.parentId()).isEqualTo(communityA.id());
        assertThat(grid.path()).isEqualTo(communityA.path() + grid.id() + "/");
        assertThat(organizations.get(secretary, grid.id())).isEqualTo(grid);
        assertThat(committee.path()).startsWith(communityA.path());
        AuditEntry entry = lastAuditOf(grid.id());
        assertThat(entry.action()).isEqualTo(Organizations.CREATED);
        assertThat(entry.actorName()).isEqualTo("secretary-" + communityA.id());
        assertThat(entry.actorUserId()).isEqualTo(secretary.userId());
    }

    @Test
    void kinds_stand_only_where_the_table_allows() {
        Caller ops = platformAdmin();

        refusedWith(
                OrganizationErrors.KIND_NOT_ALLOWED,
                () -> organizations.create(ops, branchA.id(), OrganizationKind.GRID, "支部下的网格"));
        refusedWith(
                OrganizationErrors.KIND_NOT_ALLOWED,
                () -> organizations.create(ops, communityA.id(), OrganizationKind.GROUP, "社区下的小组"));
        refusedWith(
                OrganizationErrors.KIND_NOT_ALLOWED,
                () -> organizations.create(ops, groupA.id(), OrganizationKind.BRANCH, "小组下的支部"));
        refusedWith(
                OrganizationErrors.KIND_NOT_ALLOWED,
                () -> organizations.create(ops, gridA1.id(), OrganizationKind.GRID, "网格下的网格"));
        refusedWith(
                OrganizationErrors.KIND_NOT_ALLOWED,
                () -> organizations.create(ops, null, OrganizationKind.GRID, unique("顶层网格")));
        refusedWith(
                OrganizationErrors.KIND_NOT_ALLOWED,
                () -> organizations.create(ops, null, OrganizationKind.GROUP, unique("顶层小组")));
        refusedWith(
                OrganizationErrors.KIND_NOT_ALLOWED,
                () -> organizations.create(ops, street.id(), OrganizationKind.GRID, "街道下的网格"));

        assertThat(organizations
                        .create(ops, branchA.id(), OrganizationKind.GROUP, "第二党小组")
                        .kind())
                .isEqualTo(OrganizationKind.GROUP);
    }

    @Test
    void names_are_checked_and_a_bad_name_changes_nothing() {
        Caller secretary = adminOf(communityA);

        refusedWith(
                OrganizationErrors.NAME_REQUIRED,
                () -> organizations.create(secretary, communityA.id(), OrganizationKind.GRID, " \t　"));
        refusedWith(
                OrganizationErrors.NAME_REQUIRED,
                () -> organizations.create(secretary, communityA.id(), OrganizationKind.GRID, null));
        refusedWith(
                OrganizationErrors.NAME_TOO_LONG,
                () -> organizations.create(secretary, communityA.id(), OrganizationKind.GRID, "网".repeat(101)));
        refusedWith(
                OrganizationErrors.NAME_CHARACTERS,
                () -> organizations.create(secretary, communityA.id(), OrganizationKind.GRID, "第4\n网格"));
        refusedWith(
                OrganizationErrors.NAME_CHARACTERS,
                () -> organizations.create(secretary, communityA.id(), OrganizationKind.GRID, "第4\u202e网格"));
        refusedWith(
                OrganizationErrors.NAME_TOO_LONG, () -> organizations.rename(secretary, gridA1.id(), "x".repeat(101)));
        refusedWith(OrganizationErrors.NAME_REQUIRED, () -> organizations.rename(secretary, gridA1.id(), ""));

        String hundred = "网".repeat(100);
        assertThat(organizations
                        .create(secretary, communityA.id(), OrganizationKind.GRID, hundred)
                        .name())
                .isEqualTo(hundred);
        assertThat(organizations.get(secretary, gridA1.id()).name()).isEqualTo("第1网格");
    }

    @Test
    void script_and_sql_in_a_name_are_stored_as_plain_text() {
        Caller secretary = adminOf(communityA);
        String name = "<script>alert(1)</script>'; DROP TABLE organization; --";

        Organization grid = organizations.create(secretary, communityA.id(), OrganizationKind.GRID, name);

        assertThat(organizations.get(secretary, grid.id()).name()).isEqualTo(name);
        assertThat(organizations.get(secretary, gridA1.id())).isEqualTo(gridA1);
    }

    @Test
    void sibling_names_are_unique_but_cousins_and_archived_siblings_may_share_them() {
        Caller ops = platformAdmin();

        refusedWith(
                OrganizationErrors.NAME_TAKEN,
                () -> organizations.create(ops, communityA.id(), OrganizationKind.GRID, "第1网格"));
        refusedWith(
                OrganizationErrors.NAME_TAKEN,
                () -> organizations.create(ops, communityA.id(), OrganizationKind.BRANCH, " 第2网格 "));
        refusedWith(
                OrganizationErrors.NAME_TAKEN,
                () -> organizations.create(ops, null, OrganizationKind.PARTY_COMMITTEE, street.name()));
        assertThat(gridB1.name()).as("cousins share a name").isEqualTo(gridA1.name());

        organizations.archive(ops, gridA2.id());
        Organization again = organizations.create(ops, communityA.id(), OrganizationKind.GRID, "第2网格");
        assertThat(again.id()).isNotEqualTo(gridA2.id());
    }

    @Test
    void a_rename_is_audited_and_the_same_name_again_changes_nothing() {
        Caller secretary = adminOf(communityA);

        Organization renamed = organizations.rename(secretary, gridA1.id(), " 东一网格 ");

        assertThat(renamed.name()).isEqualTo("东一网格");
        assertThat(organizations.get(secretary, gridA1.id()).name()).isEqualTo("东一网格");
        AuditEntry entry = lastAuditOf(gridA1.id());
        assertThat(entry.action()).isEqualTo(Organizations.RENAMED);
        assertThat(entry.detail()).contains("第1网格", "东一网格");

        long auditRows = auditRows();
        assertThat(organizations.rename(secretary, gridA1.id(), "东一网格")).isEqualTo(renamed);
        assertThat(auditRows()).isEqualTo(auditRows);
    }

    @Test
    void a_rename_to_a_siblings_name_is_refused() {
        Caller secretary = adminOf(communityA);

        refusedWith(OrganizationErrors.NAME_TAKEN, () -> organizations.rename(secretary, gridA1.id(), "第2网格"));
        refusedWith(
                OrganizationErrors.NAME_TAKEN, () -> organizations.rename(adminOf(street), communityA.id(), "和平社区"));
    }

    @Test
    void a_move_rewrites_the_paths_of_the_subtree_and_of_its_members_and_households() {
        Caller secretary = adminOf(street);
        long inGroup = db.member(groupA, "张三", "ACTIVE");
        long inBranch = db.member(branchA, "李四", "ACTIVE");
        long elsewhere = db.member(gridA1, "王五", "ACTIVE");
        long household = db.household(groupA);
        long otherHousehold = db.household(gridA1);

        Organization moved = organizations.move(secretary, branchA.id(), communityB.id());

        String newBranchPath = communityB.path() + branchA.id() + "/";
        assertThat(moved.parentId()).isEqualTo(communityB.id());
        assertThat(moved.path()).isEqualTo(newBranchPath);
        assertThat(organizations.get(secretary, branchA.id())).isEqualTo(moved);
        assertThat(organizations.get(secretary, groupA.id()).path()).isEqualTo(newBranchPath + groupA.id() + "/");
        assertThat(organizations.get(secretary, groupA.id()).parentId()).isEqualTo(branchA.id());
        assertThat(memberPath(inGroup)).isEqualTo(newBranchPath + groupA.id() + "/");
        assertThat(memberPath(inBranch)).isEqualTo(newBranchPath);
        assertThat(memberPath(elsewhere)).isEqualTo(gridA1.path());
        assertThat(db.string("SELECT org_path FROM household WHERE id = ?", household))
                .isEqualTo(newBranchPath + groupA.id() + "/");
        assertThat(db.string("SELECT org_path FROM household WHERE id = ?", otherHousehold))
                .isEqualTo(gridA1.path());
        assertThat(organizations.subtree(secretary, communityB.id()))
                .extracting(Organization::id)
                .as("ordered by path: parents before children")
                .containsExactly(communityB.id(), branchA.id(), groupA.id(), gridB1.id());
        assertThat(organizations.children(secretary, communityA.id()))
                .extracting(Organization::id)
                .containsExactly(gridA1.id(), gridA2.id());

        AuditEntry entry = lastAuditOf(branchA.id());
        assertThat(entry.action()).isEqualTo(Organizations.MOVED);
        assertThat(entry.detail())
                .contains(branchA.path(), newBranchPath, "organizations 2", "members 2", "households 1");
        assertThat(db.string(
                        "SELECT org_path FROM audit_log WHERE action = ? AND target_id = ?",
                        Organizations.CREATED,
                        groupA.id()))
                .as("audit rows keep the path of their time")
                .isEqualTo(groupA.path());
    }

    @Test
    void a_secretary_of_the_new_community_sees_the_moved_branch_and_its_members() {
        db.member(groupA, "张三", "ACTIVE");
        Caller secretaryB = adminOf(communityB);
        assertThatThrownBy(() -> organizations.get(secretaryB, groupA.id())).isInstanceOf(NotFoundException.class);

        organizations.move(adminOf(street), branchA.id(), communityB.id());

        assertThat(organizations.get(secretaryB, groupA.id()).name()).isEqualTo("第一党小组");
        OrganizationNode treeB = onlyTree(secretaryB);
        assertThat(treeB.subtreeMemberCount()).isEqualTo(1);
        assertThatThrownBy(() -> organizations.get(adminOf(communityA), groupA.id()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void an_organization_cannot_move_below_itself_or_one_of_its_descendants() {
        Caller ops = platformAdmin();

        refusedWith(OrganizationErrors.MOVE_CYCLE, () -> organizations.move(ops, communityA.id(), communityA.id()));
        refusedWith(OrganizationErrors.MOVE_CYCLE, () -> organizations.move(ops, branchA.id(), groupA.id()));
        refusedWith(OrganizationErrors.MOVE_CYCLE, () -> organizations.move(ops, street.id(), gridA1.id()));
    }

    @Test
    void a_move_into_a_parent_of_the_wrong_kind_or_beside_a_namesake_is_refused() {
        Caller ops = platformAdmin();
        Organization branchB = organizations.create(ops, communityB.id(), OrganizationKind.BRANCH, "和平社区党支部");

        refusedWith(OrganizationErrors.KIND_NOT_ALLOWED, () -> organizations.move(ops, gridA1.id(), branchB.id()));
        refusedWith(OrganizationErrors.KIND_NOT_ALLOWED, () -> organizations.move(ops, groupA.id(), communityB.id()));
        refusedWith(OrganizationErrors.NAME_TAKEN, () -> organizations.move(ops, gridA1.id(), communityB.id()));
    }

    @Test
    void moving_below_the_current_parent_changes_nothing() {
        long auditRows = auditRows();

        assertThat(organizations.move(adminOf(communityA), gridA1.id(), communityA.id()))
                .isEqualTo(gridA1);

        assertThat(auditRows()).isEqualTo(auditRows);
    }

    @Test
    void a_move_needs_the_right_to_manage_both_places() {
        Caller secretaryA = adminOf(communityA);
        Caller adminOfAStaffOfB = new Caller(
                ids.next(),
                "mixed",
                null,
                List.of(
                        new Grant(Role.ORG_ADMIN, communityA.id(), communityA.path()),
                        new Grant(Role.ORG_STAFF, communityB.id(), communityB.path())));

        assertUnchangedAfter(() -> {
            assertThatThrownBy(() -> organizations.move(secretaryA, gridA1.id(), communityB.id()))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> organizations.move(secretaryA, gridB1.id(), communityA.id()))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> organizations.move(adminOfAStaffOfB, gridA1.id(), communityB.id()))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> organizations.move(adminOfAStaffOfB, gridB1.id(), communityA.id()))
                    .isInstanceOf(ForbiddenException.class);
        });
    }

    @Test
    void staff_read_the_structure_but_may_not_change_it() {
        Caller staff = staffOf(communityA);

        assertThat(organizations.get(staff, gridA1.id())).isEqualTo(gridA1);
        assertThat(onlyTree(staff).id()).isEqualTo(communityA.id());
        assertUnchangedAfter(() -> {
            assertThatThrownBy(() -> organizations.create(staff, communityA.id(), OrganizationKind.GRID, "第9网格"))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> organizations.rename(staff, gridA1.id(), "改名"))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> organizations.move(staff, groupA.id(), branchA.id()))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> organizations.archive(staff, gridA2.id())).isInstanceOf(ForbiddenException.class);
        });
    }

    @Test
    void a_secretary_neither_sees_nor_changes_a_sibling_community_or_the_parent() {
        Caller secretaryA = adminOf(communityA);

        assertThat(organizations.find(secretaryA, communityB.id())).isEmpty();
        assertThat(organizations.find(secretaryA, street.id())).isEmpty();
        assertThat(organizations.find(secretaryA, -1L)).isEmpty();
        assertUnchangedAfter(() -> {
            for (Organization foreign : List.of(communityB, gridB1, street)) {
                assertThatThrownBy(() -> organizations.get(secretaryA, foreign.id()))
                        .isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> organizations.children(secretaryA, foreign.id()))
                        .isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> organizations.subtree(secretaryA, foreign.id()))
                        .isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> organizations.rename(secretaryA, foreign.id(), "改名"))
                        .isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> organizations.archive(secretaryA, foreign.id()))
                        .isInstanceOf(NotFoundException.class);
            }
            assertThatThrownBy(() -> organizations.create(secretaryA, communityB.id(), OrganizationKind.GRID, "第9网格"))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> organizations.create(secretaryA, street.id(), OrganizationKind.COMMUNITY, "新社区"))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> organizations.move(secretaryA, communityA.id(), street.id()))
                    .isInstanceOf(NotFoundException.class);
        });

        OrganizationNode tree = onlyTree(secretaryA);
        assertThat(tree.id()).isEqualTo(communityA.id());
        assertThat(ids(tree))
                .containsExactlyInAnyOrder(communityA.id(), gridA1.id(), gridA2.id(), branchA.id(), groupA.id());
    }

    @Test
    void a_volunteer_sees_no_organization() {
        Caller volunteer =
                new Caller(ids.next(), "vol", null, List.of(new Grant(Role.VOLUNTEER, gridA1.id(), gridA1.path())));

        assertThat(organizations.tree(volunteer)).isEmpty();
        assertThatThrownBy(() -> organizations.get(volunteer, gridA1.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> organizations.rename(volunteer, gridA1.id(), "改名"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void the_tree_counts_active_members_per_organization_and_per_subtree() {
        db.member(communityA, "社区书记", "ACTIVE");
        db.member(gridA1, "张三", "ACTIVE");
        db.member(gridA1, "李四", "ACTIVE");
        db.member(gridA1, "迁出者", "MOVED_OUT");
        db.member(groupA, "王五", "ACTIVE");
        db.member(gridB1, "赵六", "ACTIVE");

        OrganizationNode a = onlyTree(adminOf(communityA));

        assertThat(a.memberCount()).isEqualTo(1);
        assertThat(a.subtreeMemberCount()).isEqualTo(4);
        assertThat(a.children())
                .extracting(OrganizationNode::name)
                .as("children by name")
                .containsExactly("第1网格", "第2网格", "阳光社区党支部");
        assertThat(child(a, gridA1).memberCount()).isEqualTo(2);
        assertThat(child(a, gridA2).memberCount()).isZero();
        assertThat(child(a, branchA).memberCount()).isZero();
        assertThat(child(a, branchA).subtreeMemberCount()).isEqualTo(1);

        OrganizationNode whole = organizations.tree(adminOf(street)).getFirst();
        assertThat(whole.id()).isEqualTo(street.id());
        assertThat(whole.subtreeMemberCount()).isEqualTo(5);
    }

    @Test
    void a_secretary_of_two_communities_gets_two_trees() {
        Caller both = new Caller(
                ids.next(),
                "two",
                null,
                List.of(
                        new Grant(Role.ORG_ADMIN, communityA.id(), communityA.path()),
                        new Grant(Role.ORG_STAFF, gridA1.id(), gridA1.path()),
                        new Grant(Role.ORG_STAFF, communityB.id(), communityB.path())));

        List<OrganizationNode> trees = organizations.tree(both);

        assertThat(trees).extracting(OrganizationNode::id).containsExactlyInAnyOrder(communityA.id(), communityB.id());
        assertThat(trees.stream().mapToLong(t -> ids(t).size()).sum()).isEqualTo(7);
    }

    @Test
    void archiving_is_refused_while_members_or_children_remain() {
        Caller secretary = adminOf(communityA);
        db.member(gridA1, "张三", "ACTIVE");
        db.member(gridA2, "已故者", "DECEASED");

        assertUnchangedAfter(() -> {
            refusedWith(OrganizationErrors.NOT_EMPTY, () -> organizations.archive(secretary, gridA1.id()));
            refusedWith(OrganizationErrors.NOT_EMPTY, () -> organizations.archive(secretary, branchA.id()));
            refusedWith(OrganizationErrors.NOT_EMPTY, () -> organizations.archive(adminOf(street), communityA.id()));
        });

        Organization archived = organizations.archive(secretary, gridA2.id());
        assertThat(archived.archivedAt()).isNotNull();
        assertThat(organizations.get(secretary, gridA2.id()).archivedAt()).isEqualTo(archived.archivedAt());
        assertThat(lastAuditOf(gridA2.id()).action()).isEqualTo(Organizations.ARCHIVED);
    }

    @Test
    void a_member_anchored_elsewhere_but_living_in_a_grid_keeps_the_grid() {
        long member = db.member(communityA, "张三", "ACTIVE");
        db.execute("UPDATE member SET grid_id = ? WHERE id = ?", gridA2.id(), member);

        refusedWith(OrganizationErrors.NOT_EMPTY, () -> organizations.archive(adminOf(communityA), gridA2.id()));
    }

    @Test
    void an_archived_organization_is_read_only_and_left_out_of_the_tree() {
        Caller secretary = adminOf(communityA);
        Organization archived = organizations.archive(secretary, gridA2.id());
        long auditRows = auditRows();

        assertThat(organizations.archive(secretary, gridA2.id()))
                .as("archiving again changes nothing")
                .isEqualTo(archived);
        assertThat(auditRows()).isEqualTo(auditRows);
        assertUnchangedAfter(() -> {
            refusedWith(OrganizationErrors.ARCHIVED, () -> organizations.rename(secretary, gridA2.id(), "复用"));
            refusedWith(OrganizationErrors.ARCHIVED, () -> organizations.move(secretary, gridA2.id(), communityA.id()));
            refusedWith(
                    OrganizationErrors.ARCHIVED,
                    () -> organizations.create(secretary, gridA2.id(), OrganizationKind.GRID, "下级"));
        });
        assertThat(ids(onlyTree(secretary))).doesNotContain(gridA2.id()).contains(gridA1.id());
        assertThat(organizations.children(secretary, communityA.id()))
                .extracting(Organization::id)
                .doesNotContain(gridA2.id());
        assertThat(organizations.countActive())
                .isEqualTo(db.number("SELECT COUNT(*) FROM organization WHERE archived_at IS NULL"));
    }

    @Test
    void the_tree_cannot_grow_deeper_than_a_path_holds() {
        Caller ops = platformAdmin();
        Organization deepest = street;
        int depth = 1;
        List<Organization> chain = new ArrayList<>();
        while (true) {
            Organization parent = deepest;
            String before = db.organizationsSnapshot();
            try {
                deepest = organizations.create(ops, parent.id(), OrganizationKind.PARTY_COMMITTEE, "第" + depth + "层");
                chain.add(deepest);
                depth++;
            } catch (InvalidInputException e) {
                assertThat(e.code()).isEqualTo(OrganizationErrors.TOO_DEEP);
                assertThat(db.organizationsSnapshot()).isEqualTo(before);
                break;
            }
            assertThat(depth).as("stops before the path column overflows").isLessThan(60);
        }
        assertThat(deepest.path().length()).isLessThanOrEqualTo(Organizations.PATH_MAX_LENGTH);
        assertThat(depth).isGreaterThan(30);

        Organization committeeA =
                organizations.create(ops, communityA.id(), OrganizationKind.PARTY_COMMITTEE, "阳光社区党委");
        organizations.create(ops, committeeA.id(), OrganizationKind.PARTY_COMMITTEE, "下级党委");
        Organization belowDeepest = chain.get(chain.size() - 2);
        refusedWith(OrganizationErrors.TOO_DEEP, () -> organizations.move(ops, committeeA.id(), belowDeepest.id()));
    }

    @Test
    void siblings_created_and_renamed_at_once_never_share_a_name() throws Exception {
        Caller secretary = adminOf(communityA);
        List<Callable<Organization>> attempts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            attempts.add(() -> organizations.create(secretary, communityA.id(), OrganizationKind.GRID, "新网格"));
            attempts.add(() -> organizations.rename(secretary, gridA2.id(), "新网格"));
            attempts.add(() -> organizations.rename(secretary, gridA1.id(), "新网格"));
        }

        List<Throwable> refusals = runAtOnce(attempts);

        assertThat(db.number(
                        "SELECT COUNT(*) FROM organization WHERE parent_id = ? AND name = ? AND archived_at IS NULL",
                        communityA.id(),
                        "新网格"))
                .isEqualTo(1);
        assertThat(refusals).isNotEmpty().allSatisfy(t -> assertThat(t)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                        .isEqualTo(OrganizationErrors.NAME_TAKEN)));
    }

    @Test
    void two_opposite_moves_at_once_never_make_a_cycle() throws Exception {
        Caller ops = platformAdmin();
        Organization upper = organizations.create(ops, communityA.id(), OrganizationKind.PARTY_COMMITTEE, "甲党委");
        Organization lower = organizations.create(ops, communityA.id(), OrganizationKind.PARTY_COMMITTEE, "乙党委");

        List<Throwable> refusals = runAtOnce(List.of(
                () -> organizations.move(ops, upper.id(), lower.id()),
                () -> organizations.move(ops, lower.id(), upper.id())));

        assertThat(refusals).singleElement().isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(
                        e.code())
                .isEqualTo(OrganizationErrors.MOVE_CYCLE));
        Organization a = organizations.get(ops, upper.id());
        Organization b = organizations.get(ops, lower.id());
        assertThat(a.path().startsWith(b.path()) ^ b.path().startsWith(a.path()))
                .isTrue();
        assertThat(db.number("SELECT COUNT(*) FROM organization o JOIN organization p ON p.id = o.parent_id"
                        + " WHERE o.path <> CONCAT(p.path, o.id, '/')"))
                .isZero();
    }

    @Test
    void the_old_entry_points_act_as_the_platform_and_follow_the_same_rules() {
        assertThatThrownBy(() -> organizations.createChild(gridA1, OrganizationKind.GRID, "网格下的网格"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                        .isEqualTo(OrganizationErrors.KIND_NOT_ALLOWED));

        Organization grid = organizations.createChild(communityB, OrganizationKind.GRID, "第2网格");

        assertThat(lastAuditOf(grid.id()).actorName()).isEqualTo("system");
    }

    /** Runs the calls on parallel threads released together; returns what they threw. */
    private static <T> List<Throwable> runAtOnce(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Throwable> thrown = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    future.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    thrown.add(e.getCause());
                }
            }
            return thrown;
        } finally {
            pool.shutdownNow();
        }
    }

    private void refusedWith(String code, ThrowingCallable call) {
        assertUnchangedAfter(() -> assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.code()).isEqualTo(code)));
    }

    /** Runs assertions that expect refusals and checks that no organization, path or change entry changed. */
    private void assertUnchangedAfter(Runnable refusals) {
        String organizationsBefore = db.organizationsSnapshot();
        String copiesBefore = db.pathCopiesSnapshot();
        long auditBefore = auditRows();

        refusals.run();

        assertThat(db.organizationsSnapshot()).isEqualTo(organizationsBefore);
        assertThat(db.pathCopiesSnapshot()).isEqualTo(copiesBefore);
        assertThat(auditRows()).isEqualTo(auditBefore);
    }

    /**
     * The audit log's entries of changes; a refusal writes an ACCESS_DENIED entry and an id outside
     * the caller's scope an OUT_OF_SCOPE entry by design (DeniedCallsIT).
     */
    private long auditRows() {
        return db.number("SELECT COUNT(*) FROM audit_log WHERE action NOT IN ('ACCESS_DENIED', 'OUT_OF_SCOPE')");
    }

    private AuditEntry lastAuditOf(long organizationId) {
        return auditLog.latest(Caller.system(), AuditFilter.any(), 50).stream()
                .filter(e -> Long.valueOf(organizationId).equals(e.targetId()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no audit row for organization " + organizationId));
    }

    private String memberPath(long memberId) {
        return db.string("SELECT org_path FROM member WHERE id = ?", memberId);
    }

    private OrganizationNode onlyTree(Caller caller) {
        List<OrganizationNode> trees = organizations.tree(caller);
        assertThat(trees).hasSize(1);
        return trees.getFirst();
    }

    private static OrganizationNode child(OrganizationNode node, Organization org) {
        return node.children().stream()
                .filter(c -> c.id() == org.id())
                .findFirst()
                .orElseThrow();
    }

    static List<Long> ids(OrganizationNode node) {
        List<Long> all = new ArrayList<>();
        all.add(node.id());
        node.children().forEach(c -> all.addAll(ids(c)));
        return all;
    }

    private Caller adminOf(Organization org) {
        return new Caller(
                org.id() + 1, "secretary-" + org.id(), null, List.of(new Grant(Role.ORG_ADMIN, org.id(), org.path())));
    }

    private Caller staffOf(Organization org) {
        return new Caller(
                org.id() + 2, "staff-" + org.id(), null, List.of(new Grant(Role.ORG_STAFF, org.id(), org.path())));
    }

    private static Caller platformAdmin() {
        return new Caller(7, "ops", null, List.of(new Grant(Role.PLATFORM_ADMIN, null, null)));
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
