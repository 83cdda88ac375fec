package org.gongjian.ui.organizations;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.treegrid.TreeGrid;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import java.util.List;
import java.util.Optional;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.access.Role;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.organizations.OrganizationErrors;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.organizations.Organizations;
import org.gongjian.ui.i18n.ErrorMessages;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.security.CurrentUser;
import org.gongjian.ui.security.Home;

/**
 * 组织架构: the caller's subtrees with member counts; administrators add, rename, move and archive
 * the selected organization. The service decides every right again; the buttons only follow it.
 */
@Route(value = "organizations", layout = MainLayout.class)
@Prototype
final class OrganizationsView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private final Organizations organizations;
    private final Callers callers;
    private final TreeGrid<OrganizationNode> tree = new TreeGrid<>();
    private final Button add = new Button();
    private final Button rename = new Button();
    private final Button move = new Button();
    private final Button archive = new Button();
    private final HorizontalLayout actions;
    private Caller caller;
    private List<OrganizationNode> roots = List.of();

    OrganizationsView(Organizations organizations, Callers callers) {
        this.organizations = organizations;
        this.callers = callers;
        setId("organizations");
        setSizeFull();

        tree.setId("org-tree");
        tree.addHierarchyColumn(OrganizationNode::name)
                .setHeader(getTranslation("org.name"))
                .setFlexGrow(2);
        tree.addColumn(n -> OrganizationChoices.kind(this, n.kind()))
                .setHeader(getTranslation("org.kind"))
                .setAutoWidth(true);
        tree.addColumn(OrganizationNode::memberCount)
                .setHeader(getTranslation("org.members.own"))
                .setAutoWidth(true);
        tree.addColumn(OrganizationNode::subtreeMemberCount)
                .setHeader(getTranslation("org.members.subtree"))
                .setAutoWidth(true);
        tree.addSelectionListener(e -> updateButtons());
        tree.setSizeFull();

        setUp(add, "org-add", "org.add", VaadinIcon.PLUS, e -> selected().ifPresent(this::openAdd));
        setUp(rename, "org-rename", "org.rename", VaadinIcon.EDIT, e -> selected()
                .ifPresent(this::openRename));
        setUp(move, "org-move", "org.move", VaadinIcon.ARROWS, e -> selected().ifPresent(this::openMove));
        setUp(archive, "org-archive", "org.archive", VaadinIcon.ARCHIVE, e -> selected()
                .ifPresent(this::confirmArchive));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        actions = new HorizontalLayout(add, rename, move, archive);
        actions.addClassName("gj-wrap");
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(new H2(getTranslation("org.title")), actions, tree);
    }

    private void setUp(
            Button button,
            String id,
            String key,
            VaadinIcon icon,
            com.vaadin.flow.component.ComponentEventListener<com.vaadin.flow.component.ClickEvent<Button>> l) {
        button.setId(id);
        button.setText(getTranslation(key));
        button.setIcon(icon.create());
        button.addClickListener(l);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        boolean reader = CurrentUser.get()
                .map(u -> u.has(Role.PLATFORM_ADMIN) || u.has(Role.ORG_ADMIN) || u.has(Role.ORG_STAFF))
                .orElse(false);
        if (!reader) {
            Home.forward(event);
            return;
        }
        caller = callers.forUser(CurrentUser.get().orElseThrow().id());
        actions.setVisible(caller.has(Role.PLATFORM_ADMIN) || caller.has(Role.ORG_ADMIN));
        refresh();
    }

    private void refresh() {
        roots = organizations.tree(caller);
        tree.setItems(roots, OrganizationNode::children);
        tree.expandRecursively(roots, 10);
        updateButtons();
    }

    private Optional<OrganizationNode> selected() {
        return tree.getSelectedItems().stream().findFirst();
    }

    private void updateButtons() {
        Optional<OrganizationNode> node = selected();
        boolean manages =
                node.map(n -> caller != null && caller.mayManage(n.path())).orElse(false);
        add.setEnabled(manages && !node.get().kind().childKinds().isEmpty());
        rename.setEnabled(manages);
        move.setEnabled(manages && node.get().parentId() != null);
        archive.setEnabled(manages);
    }

    private void openAdd(OrganizationNode parent) {
        Dialog dialog = new Dialog(getTranslation("org.add.title", parent.name()));
        Select<OrganizationKind> kind = new Select<>();
        kind.setId("org-kind");
        kind.setLabel(getTranslation("org.kind"));
        kind.setItems(parent.kind().childKinds());
        kind.setItemLabelGenerator(k -> OrganizationChoices.kind(this, k));
        kind.setValue(parent.kind().childKinds().iterator().next());
        TextField name = nameField("");
        Button save = new Button(getTranslation("org.save"), e -> {
            if (!validName(name)) {
                return;
            }
            try {
                organizations.create(caller, parent.id(), kind.getValue(), name.getValue());
                done(dialog, "org.added");
            } catch (InvalidInputException ex) {
                show(ex, "kind".equals(ex.field()) ? null : name);
            } catch (ForbiddenException | NotFoundException ex) {
                fail(ex);
            }
        });
        openForm(dialog, save, kind, name);
    }

    private void openRename(OrganizationNode node) {
        Dialog dialog = new Dialog(getTranslation("org.rename.title", node.name()));
        TextField name = nameField(node.name());
        Button save = new Button(getTranslation("org.save"), e -> {
            if (!validName(name)) {
                return;
            }
            try {
                organizations.rename(caller, node.id(), name.getValue());
                done(dialog, "org.renamed");
            } catch (InvalidInputException ex) {
                show(ex, name);
            } catch (ForbiddenException | NotFoundException ex) {
                fail(ex);
            }
        });
        openForm(dialog, save, name);
    }

    private void openMove(OrganizationNode node) {
        Dialog dialog = new Dialog(getTranslation("org.move.title", node.name()));
        ComboBox<OrganizationNode> parent = new ComboBox<>(getTranslation("org.move.parent"));
        parent.setId("org-parent");
        parent.setItems(OrganizationChoices.flatten(roots).stream()
                .filter(o -> !o.path().startsWith(node.path()))
                .filter(o -> o.kind().accepts(node.kind()) && caller.mayManage(o.path()))
                .toList());
        parent.setItemLabelGenerator(o -> OrganizationChoices.label(this, o));
        parent.setWidthFull();
        Button save = new Button(getTranslation("org.save"), e -> {
            if (parent.getValue() == null) {
                parent.setInvalid(true);
                parent.setErrorMessage(getTranslation("org.move.parent.required"));
                return;
            }
            try {
                organizations.move(caller, node.id(), parent.getValue().id());
                done(dialog, "org.moved");
            } catch (InvalidInputException ex) {
                parent.setInvalid(true);
                parent.setErrorMessage(ErrorMessages.of(this, ex));
            } catch (ForbiddenException | NotFoundException ex) {
                fail(ex);
            }
        });
        openForm(dialog, save, parent);
    }

    private void confirmArchive(OrganizationNode node) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("org-archive-confirm");
        confirm.setHeader(getTranslation("org.archive.title", node.name()));
        confirm.setText(getTranslation("org.archive.text"));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("org.cancel"));
        confirm.setConfirmText(getTranslation("org.archive"));
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> {
            try {
                organizations.archive(caller, node.id());
                tree.deselectAll();
                refresh();
                Notification.show(getTranslation("org.archived"));
            } catch (InvalidInputException ex) {
                error(ErrorMessages.of(this, ex));
            } catch (ForbiddenException | NotFoundException ex) {
                fail(ex);
            }
        });
        confirm.open();
    }

    private TextField nameField(String value) {
        TextField name = new TextField(getTranslation("org.name"));
        name.setId("org-name");
        name.setValue(value);
        name.setWidthFull();
        name.setMaxLength(Organizations.NAME_MAX_LENGTH);
        name.setValueChangeMode(ValueChangeMode.EAGER);
        name.addValueChangeListener(e -> validName(name));
        return name;
    }

    /** Checks what is cheap to check as the user types; the service checks everything again. */
    private boolean validName(TextField name) {
        String value = name.getValue().strip();
        String code = value.isEmpty()
                ? OrganizationErrors.NAME_REQUIRED
                : value.codePointCount(0, value.length()) > Organizations.NAME_MAX_LENGTH
                        ? OrganizationErrors.NAME_TOO_LONG
                        : null;
        name.setInvalid(code != null);
        name.setErrorMessage(code == null ? null : ErrorMessages.of(this, code));
        return code == null;
    }

    private void openForm(Dialog dialog, Button save, com.vaadin.flow.component.Component... fields) {
        save.setId("org-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("org.cancel"), e -> dialog.close());
        VerticalLayout body = new VerticalLayout(fields);
        body.setPadding(false);
        dialog.add(body);
        dialog.getFooter().add(cancel, save);
        dialog.setWidth("min(32rem, 95vw)");
        dialog.open();
    }

    private void show(InvalidInputException ex, TextField field) {
        if (field != null && ex.field() != null && !"parentId".equals(ex.field())) {
            field.setInvalid(true);
            field.setErrorMessage(ErrorMessages.of(this, ex));
        } else {
            error(ErrorMessages.of(this, ex));
        }
    }

    private void done(Dialog dialog, String key) {
        dialog.close();
        refresh();
        Notification.show(getTranslation(key)).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    private void fail(RuntimeException ex) {
        refresh();
        error(getTranslation(ex instanceof ForbiddenException ? "error.forbidden" : "error.not-found"));
    }

    private void error(String text) {
        Notification.show(text).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("org.title") + " · " + getTranslation("app.name");
    }
}
