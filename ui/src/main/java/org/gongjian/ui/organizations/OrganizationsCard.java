package org.gongjian.ui.organizations;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.gongjian.access.Caller;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.organizations.Organizations;
import org.gongjian.ui.dashboard.DashboardCard;

/** The dashboard's count of the organizations in the caller's subtrees (the whole tree for the platform). */
@Singleton
final class OrganizationsCard implements DashboardCard {

    private final Organizations organizations;

    OrganizationsCard(Organizations organizations) {
        this.organizations = organizations;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String id() {
        return "organizations";
    }

    @Override
    public String labelKey() {
        return "dashboard.organizations";
    }

    @Override
    public Optional<Figure> figure(Caller caller) {
        return Optional.of(Figure.of(count(organizations.tree(caller))));
    }

    private static long count(List<OrganizationNode> nodes) {
        return nodes.stream().mapToLong(n -> 1 + count(n.children())).sum();
    }
}
