package org.gongjian.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrganizationTreeTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void rows_become_nested_nodes_in_row_order_with_member_counts_summed_upwards() {
        Organization street = org(1, null, "/1/", "街道");
        Organization b = org(3, 1L, "/1/3/", "B社区");
        Organization a = org(2, 1L, "/1/2/", "A社区");
        Organization grid = org(4, 2L, "/1/2/4/", "网格");

        List<OrganizationNode> trees = OrganizationTree.build(
                List.of(street, b, a, grid), Map.of("/1/", 1L, "/1/2/", 2L, "/1/2/4/", 3L, "/9/", 100L));

        assertThat(trees).hasSize(1);
        OrganizationNode top = trees.getFirst();
        assertThat(top.children()).extracting(OrganizationNode::name).containsExactly("B社区", "A社区");
        assertThat(top.memberCount()).isEqualTo(1);
        assertThat(top.subtreeMemberCount()).isEqualTo(6);
        OrganizationNode nodeA = top.children().get(1);
        assertThat(nodeA.subtreeMemberCount()).isEqualTo(5);
        assertThat(nodeA.children().getFirst().memberCount()).isEqualTo(3);
        assertThat(top.children().getFirst().subtreeMemberCount()).isZero();
    }

    @Test
    void a_node_whose_parent_is_not_visible_is_the_top_of_its_own_tree() {
        List<OrganizationNode> trees =
                OrganizationTree.build(List.of(org(2, 1L, "/1/2/", "A社区"), org(3, 1L, "/1/3/", "B社区")), Map.of());

        assertThat(trees).extracting(OrganizationNode::id).containsExactly(2L, 3L);
    }

    @Test
    void no_rows_make_no_tree() {
        assertThat(OrganizationTree.build(List.of(), Map.of())).isEmpty();
    }

    private static Organization org(long id, Long parentId, String path, String name) {
        return new Organization(id, parentId, OrganizationKind.COMMUNITY, name, path, T, null);
    }
}
