package org.gongjian.ui.users;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.select.Select;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.Role;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.ui.i18n.ErrorMessages;
import org.gongjian.ui.organizations.OrganizationChoices;

/**
 * A role and the organization it is granted on, as both user dialogs ask for them: the roles the
 * caller may grant, and only organizations of the caller's subtrees; no organization for {@link
 * Role#PLATFORM_ADMIN}.
 */
final class RoleFields {

    final Select<Role> role = new Select<>();
    final ComboBox<OrganizationNode> organization = new ComboBox<>();
    private final Component owner;

    RoleFields(Component owner, String idPrefix, boolean platformAdmin, List<OrganizationNode> manageable) {
        this.owner = owner;
        List<Role> roles = new ArrayList<>(List.of(Role.ORG_ADMIN, Role.ORG_STAFF, Role.VOLUNTEER));
        if (platformAdmin) {
            roles.add(Role.PLATFORM_ADMIN);
        }
        role.setId(idPrefix + "-role");
        role.setLabel(owner.getTranslation("users.role"));
        role.setItems(roles);
        role.setItemLabelGenerator(r -> owner.getTranslation("users.role." + r.name()));
        role.setValue(Role.ORG_STAFF);
        organization.setId(idPrefix + "-org");
        organization.setLabel(owner.getTranslation("users.organization"));
        organization.setItems(manageable);
        organization.setItemLabelGenerator(o -> OrganizationChoices.label(owner, o));
        organization.setWidthFull();
        if (!manageable.isEmpty()) {
            organization.setValue(manageable.getFirst());
        }
        role.addValueChangeListener(e -> organization.setVisible(e.getValue() != Role.PLATFORM_ADMIN));
        organization.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                organization.setInvalid(false);
            }
        });
    }

    /** Checks what the form can check; false (with the message on the field) if something is missing. */
    boolean valid() {
        boolean missing = role.getValue() != Role.PLATFORM_ADMIN && organization.getValue() == null;
        organization.setInvalid(missing);
        organization.setErrorMessage(missing ? owner.getTranslation("users.organization.required") : null);
        return !missing;
    }

    /** The organization to grant on; null for a platform administrator. */
    Long organizationId() {
        return role.getValue() == Role.PLATFORM_ADMIN
                ? null
                : Optional.ofNullable(organization.getValue())
                        .map(OrganizationNode::id)
                        .orElse(null);
    }

    /** Shows a refusal of the service next to the field it concerns, or as a notification. */
    static void show(Component owner, RuntimeException refused, List<FieldOf> fields, UsersView view) {
        if (refused instanceof InvalidInputException invalid) {
            String text = ErrorMessages.of(owner, invalid);
            for (FieldOf field : fields) {
                if (field.name().equals(invalid.field())) {
                    field.field().setInvalid(true);
                    field.field().setErrorMessage(text);
                    return;
                }
            }
            view.error(text);
        } else {
            view.error(owner.getTranslation(
                    refused instanceof ForbiddenException ? "error.forbidden" : "error.not-found"));
        }
    }

    /** A form field and the name the service gives it in {@link InvalidInputException#field()}. */
    record FieldOf(String name, HasValidation field) {}
}
