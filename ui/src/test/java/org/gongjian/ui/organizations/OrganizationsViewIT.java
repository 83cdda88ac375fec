package org.gongjian.ui.organizations;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.treegrid.TreeGrid;
import com.vaadin.flow.data.provider.hierarchy.TreeDataProvider;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.gongjian.access.Role;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.organizations.Organizations;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A community secretary and her staff in the organization tree, next to another community. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganizationsViewIT {

    private static final String PASSWORD = "a-long-password-1";

    @Inject
    ApplicationContext context;

    @Inject
    Organizations organizations;

    Organization a;

    @BeforeAll
    void a_street_with_two_communities() throws Exception {
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "幸福街道党工委");
        a = organizations.createChild(street, OrganizationKind.COMMUNITY, "和平社区");
        Organization b = organizations.createChild(street, OrganizationKind.COMMUNITY, "光明社区");
        organizations.createChild(b, OrganizationKind.GRID, "光明一网格");
        organizations.createChild(a, OrganizationKind.GRID, "和平二网格");
        grant("secretary-a", Role.ORG_ADMIN, a);
        grant("staff-a", Role.ORG_STAFF, a);
    }

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
    }

    @Test
    void a_secretary_sees_only_her_community_and_adds_a_grid_below_it() {
        signIn("secretary-a");
        UI.getCurrent().navigate("organizations");
        TreeGrid<OrganizationNode> tree = tree();
        assertThat(roots(tree)).extracting(OrganizationNode::name).containsExactly("和平社区");
        assertThat(names(tree)).doesNotContain("光明社区", "光明一网格", "幸福街道党工委");

        tree.select(roots(tree).getFirst());
        _click(_get(Button.class, s -> s.withId("org-add")));
        @SuppressWarnings("unchecked")
        Select<OrganizationKind> kind = _get(Select.class, s -> s.withId("org-kind"));
        _setValue(kind, OrganizationKind.GRID);
        TextField name = _get(TextField.class, s -> s.withId("org-name"));
        _setValue(name, "   ");
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo("请填写名称");
        _setValue(name, "和平一网格");
        assertThat(name.isInvalid()).isFalse();
        _click(_get(Button.class, s -> s.withId("org-save")));

        OrganizationNode grid = node(tree, "和平一网格");
        assertThat(grid.kind()).isEqualTo(OrganizationKind.GRID);
        assertThat(grid.parentId()).isEqualTo(a.id());

        // The same name again under the same parent: the service's code, in Chinese, next to the field.
        tree.select(roots(tree).getFirst());
        _click(_get(Button.class, s -> s.withId("org-add")));
        @SuppressWarnings("unchecked")
        Select<OrganizationKind> kindAgain = _get(Select.class, s -> s.withId("org-kind"));
        _setValue(kindAgain, OrganizationKind.GRID);
        TextField again = _get(TextField.class, s -> s.withId("org-name"));
        _setValue(again, "和平一网格");
        _click(_get(Button.class, s -> s.withId("org-save")));
        assertThat(again.isInvalid()).isTrue();
        assertThat(again.getErrorMessage()).isEqualTo("同一上级下已有同名组织");
    }

    @Test
    void a_secretary_renames_and_archives_an_empty_grid_but_not_her_community_with_sub_units() {
        organizations.createChild(a, OrganizationKind.GRID, "临时网格");
        signIn("secretary-a");
        UI.getCurrent().navigate("organizations");
        TreeGrid<OrganizationNode> tree = tree();

        tree.select(node(tree, "临时网格"));
        _click(_get(Button.class, s -> s.withId("org-rename")));
        _setValue(_get(TextField.class, s -> s.withId("org-name")), "临时二网格");
        _click(_get(Button.class, s -> s.withId("org-save")));
        assertThat(names(tree)).contains("临时二网格").doesNotContain("临时网格");

        tree.select(node(tree, "临时二网格"));
        _click(_get(Button.class, s -> s.withId("org-archive")));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class, s -> s.withId("org-archive-confirm")));
        assertThat(names(tree)).doesNotContain("临时二网格");

        tree.select(node(tree, "和平社区"));
        _click(_get(Button.class, s -> s.withId("org-archive")));
        NotificationsKt.clearNotifications();
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class, s -> s.withId("org-archive-confirm")));
        NotificationsKt.expectNotifications("组织下还有成员或下级组织，不能撤销");
        assertThat(names(tree)).contains("和平社区");
    }

    private static OrganizationNode node(TreeGrid<OrganizationNode> tree, String name) {
        return OrganizationChoices.flatten(roots(tree)).stream()
                .filter(n -> n.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void staff_read_the_tree_without_the_buttons_that_change_it() {
        signIn("staff-a");
        UI.getCurrent().navigate("organizations");
        assertThat(names(tree())).doesNotContain("光明社区", "光明一网格", "幸福街道党工委");
        _assertNone(Button.class, s -> s.withId("org-add"));
        _assertNone(Button.class, s -> s.withId("org-archive"));
    }

    @SuppressWarnings("unchecked")
    private static TreeGrid<OrganizationNode> tree() {
        return _get(TreeGrid.class, s -> s.withId("org-tree"));
    }

    private static List<OrganizationNode> roots(TreeGrid<OrganizationNode> tree) {
        return ((TreeDataProvider<OrganizationNode>) tree.getDataProvider())
                .getTreeData()
                .getRootItems();
    }

    private static List<String> names(TreeGrid<OrganizationNode> tree) {
        return OrganizationChoices.flatten(roots(tree)).stream()
                .map(OrganizationNode::name)
                .toList();
    }

    private void signIn(String username) {
        KaribuSupport.setUp(context, Messages.CHINESE);
        KaribuSupport.signIn(username, PASSWORD);
    }

    private void grant(String username, Role role, Organization org) {
        KaribuSupport.userWithRole(context, username, PASSWORD, role, org.id());
    }
}
