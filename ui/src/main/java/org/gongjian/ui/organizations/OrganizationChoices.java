package org.gongjian.ui.organizations;

import com.vaadin.flow.component.Component;
import java.util.ArrayList;
import java.util.List;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.OrganizationNode;

/** The caller's tree as a flat list for selects, parents before children, labelled with kind and depth. */
public final class OrganizationChoices {

    private OrganizationChoices() {}

    /** Every node of the trees, depth first. */
    public static List<OrganizationNode> flatten(List<OrganizationNode> roots) {
        List<OrganizationNode> all = new ArrayList<>();
        roots.forEach(r -> add(r, all));
        return all;
    }

    private static void add(OrganizationNode node, List<OrganizationNode> all) {
        all.add(node);
        node.children().forEach(c -> add(c, all));
    }

    /** The name with its kind, e.g. "和平社区（社区）". */
    public static String label(Component component, OrganizationNode node) {
        return component.getTranslation("org.choice", node.name(), kind(component, node.kind()));
    }

    public static String kind(Component component, OrganizationKind kind) {
        return component.getTranslation("org.kind." + kind.name());
    }
}
