package org.gongjian.organizations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Assembles rows of organizations into trees, in memory, without further queries. */
final class OrganizationTree {

    private OrganizationTree() {}

    /**
     * @param rows organizations in the order their siblings should appear
     * @param activeMembersByPath active members per organization path
     * @return one tree per row whose parent is not among the rows, in row order
     */
    static List<OrganizationNode> build(List<Organization> rows, Map<String, Long> activeMembersByPath) {
        Set<Long> present = new HashSet<>();
        rows.forEach(o -> present.add(o.id()));
        Map<Long, List<Organization>> childrenOf = new HashMap<>();
        List<Organization> tops = new ArrayList<>();
        for (Organization o : rows) {
            if (o.parentId() != null && present.contains(o.parentId())) {
                childrenOf.computeIfAbsent(o.parentId(), k -> new ArrayList<>()).add(o);
            } else {
                tops.add(o);
            }
        }
        return tops.stream().map(o -> node(o, childrenOf, activeMembersByPath)).toList();
    }

    private static OrganizationNode node(
            Organization o, Map<Long, List<Organization>> childrenOf, Map<String, Long> activeMembersByPath) {
        List<OrganizationNode> children = childrenOf.getOrDefault(o.id(), List.of()).stream()
                .map(c -> node(c, childrenOf, activeMembersByPath))
                .toList();
        long own = activeMembersByPath.getOrDefault(o.path(), 0L);
        long subtree = own
                + children.stream()
                        .mapToLong(OrganizationNode::subtreeMemberCount)
                        .sum();
        return new OrganizationNode(o.id(), o.parentId(), o.kind(), o.name(), o.path(), own, subtree, children);
    }
}
