package org.gongjian.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.access.Grant;
import org.gongjian.access.Role;
import org.gongjian.ids.IdGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The tree at 10,000 organizations (1 street, 99 communities of 100 grids each) with 9,900 active
 * members: subtree queries answer exactly, a move rewrites a whole community in a few statements,
 * and the subtree filters use the path indexes. Timings are printed (lines starting with {@code
 * [org-tree-scale]}), never asserted: this machine is shared. Re-run with {@code mvn -B -o -pl
 * db,core verify -Dit.test=OrganizationTreeScaleIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrganizationTreeScaleIT {

    private static final int COMMUNITIES = 99;
    private static final int GRIDS = 100;

    @Inject
    Organizations organizations;

    @Inject
    IdGenerator ids;

    @Inject
    DataSource injectedDataSource;

    TestDatabase db;
    Organization street;
    final List<Organization> communities = new ArrayList<>();

    @BeforeAll
    void tenThousandOrganizations() throws Exception {
        db = new TestDatabase(injectedDataSource, ids);
        long started = System.nanoTime();
        Timestamp now = Timestamp.from(Instant.now());
        long streetId = ids.next();
        street = new Organization(
                streetId,
                null,
                OrganizationKind.PARTY_COMMITTEE,
                "东城街道党工委",
                "/" + streetId + "/",
                now.toInstant(),
                null);
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement org = c.prepareStatement(
                            "INSERT INTO organization (id, parent_id, kind, name, path, created_at) VALUES (?, ?, ?, ?, ?, ?)");
                    PreparedStatement member = c.prepareStatement(
                            "INSERT INTO member (id, organization_id, org_path, name, created_at, status)"
                                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
                add(org, street, now);
                for (int i = 1; i <= COMMUNITIES; i++) {
                    long communityId = ids.next();
                    Organization community = new Organization(
                            communityId,
                            streetId,
                            OrganizationKind.COMMUNITY,
                            "第" + i + "社区",
                            street.path() + communityId + "/",
                            now.toInstant(),
                            null);
                    communities.add(community);
                    add(org, community, now);
                    for (int g = 1; g <= GRIDS; g++) {
                        long gridId = ids.next();
                        String gridPath = community.path() + gridId + "/";
                        add(
                                org,
                                new Organization(
                                        gridId,
                                        communityId,
                                        OrganizationKind.GRID,
                                        "第" + g + "网格",
                                        gridPath,
                                        now.toInstant(),
                                        null),
                                now);
                        addMember(member, gridId, gridPath, "ACTIVE", now);
                        if (g % 10 == 0) {
                            addMember(member, gridId, gridPath, "MOVED_OUT", now);
                        }
                    }
                }
                org.executeBatch();
                member.executeBatch();
            }
            c.commit();
        }
        System.out.printf(
                "[org-tree-scale] inserted %d organizations and %d members in %d ms (JDBC batches)%n",
                db.number("SELECT COUNT(*) FROM organization"),
                db.number("SELECT COUNT(*) FROM member"),
                millisSince(started));
    }

    @Test
    void the_platform_sees_all_ten_thousand_organizations_in_one_tree() {
        Caller ops = new Caller(1, "ops", null, List.of(new Grant(Role.PLATFORM_ADMIN, null, null)));
        organizations.tree(ops); // warm-up

        long started = System.nanoTime();
        List<OrganizationNode> trees = organizations.tree(ops);
        long millis = millisSince(started);

        OrganizationNode top =
                trees.stream().filter(t -> t.id() == street.id()).findFirst().orElseThrow();
        assertThat(OrganizationsIT.ids(top)).hasSize(1 + COMMUNITIES * (1 + GRIDS));
        assertThat(top.children()).hasSize(COMMUNITIES);
        assertThat(top.subtreeMemberCount()).isEqualTo((long) COMMUNITIES * GRIDS);
        System.out.printf("[org-tree-scale] whole tree (10,000 nodes, member counts) built in %d ms%n", millis);
    }

    @Test
    void a_secretary_sees_exactly_her_community_of_one_hundred_grids() {
        Organization community = communities.get(41);
        Caller secretary =
                new Caller(2, "secretary", null, List.of(new Grant(Role.ORG_ADMIN, community.id(), community.path())));
        organizations.tree(secretary); // warm-up

        long started = System.nanoTime();
        List<OrganizationNode> trees = organizations.tree(secretary);
        long treeMillis = millisSince(started);
        started = System.nanoTime();
        List<Organization> subtree = organizations.subtree(secretary, community.id());
        long subtreeMillis = millisSince(started);

        assertThat(trees).hasSize(1);
        assertThat(trees.getFirst().id()).isEqualTo(community.id());
        assertThat(trees.getFirst().children()).hasSize(GRIDS);
        assertThat(trees.getFirst().subtreeMemberCount()).isEqualTo(GRIDS);
        assertThat(trees.getFirst().children())
                .allSatisfy(grid -> assertThat(grid.memberCount()).isEqualTo(1));
        assertThat(subtree).hasSize(1 + GRIDS);
        assertThat(subtree).allSatisfy(o -> assertThat(o.path()).startsWith(community.path()));
        System.out.printf(
                "[org-tree-scale] one community of 10,000: tree with counts %d ms, subtree list %d ms%n",
                treeMillis, subtreeMillis);
    }

    @Test
    void subtree_filters_use_the_path_indexes_not_a_scan() {
        Organization community = communities.get(7);

        assertThat(keyOf(
                        "EXPLAIN SELECT id, name FROM organization WHERE archived_at IS NULL AND (path LIKE ?)",
                        community.path() + "%"))
                .isEqualTo("ux_organization_path");
        assertThat(keyOf(
                        "EXPLAIN SELECT org_path, COUNT(*) FROM member WHERE status = 'ACTIVE' AND (org_path LIKE ?)"
                                + " GROUP BY org_path",
                        community.path() + "%"))
                .isEqualTo("ix_member_scope");
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: the other tests count the street before the move
    void moving_a_community_of_one_hundred_grids_rewrites_every_path_below_it() {
        Organization community = communities.get(COMMUNITIES - 1);
        Organization district = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "西城街道党工委");
        Caller ops = new Caller(1, "ops", null, List.of(new Grant(Role.PLATFORM_ADMIN, null, null)));

        long started = System.nanoTime();
        Organization moved = organizations.move(ops, community.id(), district.id());
        long millis = millisSince(started);

        String newPath = district.path() + community.id() + "/";
        assertThat(moved.path()).isEqualTo(newPath);
        assertThat(db.number("SELECT COUNT(*) FROM organization WHERE path LIKE ?", newPath + "%"))
                .isEqualTo(1 + GRIDS);
        assertThat(db.number("SELECT COUNT(*) FROM organization WHERE path LIKE ?", community.path() + "%"))
                .isZero();
        assertThat(db.number("SELECT COUNT(*) FROM member WHERE org_path LIKE ?", newPath + "%"))
                .isEqualTo(GRIDS + GRIDS / 10);
        assertThat(db.number("SELECT COUNT(*) FROM member WHERE org_path LIKE ?", community.path() + "%"))
                .isZero();
        assertThat(db.number("SELECT COUNT(*) FROM organization o JOIN organization p ON p.id = o.parent_id"
                        + " WHERE o.path <> CONCAT(p.path, o.id, '/')"))
                .as("every path is its parent's path and its own id")
                .isZero();
        System.out.printf(
                "[org-tree-scale] moved a community of %d organizations and %d members in %d ms%n",
                1 + GRIDS, GRIDS + GRIDS / 10, millis);
    }

    private String keyOf(String explain, Object... args) {
        return db.strings(explain.replace("EXPLAIN", "EXPLAIN FORMAT=JSON"), args).stream()
                .map(plan -> plan.replaceAll("(?s).*\"key\":\\s*\"([^\"]+)\".*", "$1"))
                .findFirst()
                .orElseThrow();
    }

    private static void add(PreparedStatement s, Organization o, Timestamp now) throws Exception {
        s.setLong(1, o.id());
        if (o.parentId() == null) {
            s.setNull(2, java.sql.Types.BIGINT);
        } else {
            s.setLong(2, o.parentId());
        }
        s.setString(3, o.kind().name());
        s.setString(4, o.name());
        s.setString(5, o.path());
        s.setTimestamp(6, now);
        s.addBatch();
    }

    private void addMember(PreparedStatement s, long orgId, String path, String status, Timestamp now)
            throws Exception {
        s.setLong(1, ids.next());
        s.setLong(2, orgId);
        s.setString(3, path);
        s.setString(4, "成员");
        s.setTimestamp(5, now);
        s.setString(6, status);
        s.addBatch();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
