package org.gongjian.ui.users;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.List;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.security.UserAdmin;
import org.gongjian.security.UserRole;
import org.gongjian.security.UserSummary;

/**
 * One user as an administrator manages them: the roles they hold in the caller's subtrees, each
 * with a revoke button (confirmed), a form to grant another, and disabling or enabling the account
 * (confirmed). Shown again from the service after every change.
 */
final class UserDialog extends Dialog {

    private final UsersView view;
    private final UserAdmin users;
    private final Caller caller;
    private final List<OrganizationNode> manageable;
    private UserSummary user;

    UserDialog(UsersView view, UserAdmin users, Caller caller, List<OrganizationNode> manageable, UserSummary user) {
        this.view = view;
        this.users = users;
        this.caller = caller;
        this.manageable = manageable;
        this.user = user;
        setId("users-user-dialog");
        setWidth("min(40rem, 95vw)");
        Button close = new Button(getTranslation("users.close"), e -> close());
        close.setId("users-close");
        getFooter().add(close);
        render();
    }

    private void render() {
        removeAll();
        setHeaderTitle(
                user.memberName() == null
                        ? user.username()
                        : getTranslation("users.user.title", user.username(), user.memberName()));

        VerticalLayout roles = new VerticalLayout(new H4(getTranslation("users.roles")));
        roles.setPadding(false);
        roles.setSpacing(false);
        if (user.roles().isEmpty()) {
            roles.add(new Span(getTranslation("users.roles.none")));
        }
        for (int i = 0; i < user.roles().size(); i++) {
            UserRole held = user.roles().get(i);
            Button revoke = new Button(getTranslation("users.revoke"), e -> confirmRevoke(held));
            revoke.setId("users-revoke-" + i);
            revoke.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            Span label = new Span(view.role(held));
            HorizontalLayout row = new HorizontalLayout(label, revoke);
            row.setAlignItems(FlexComponent.Alignment.CENTER);
            row.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
            row.setWidthFull();
            roles.add(row);
        }

        RoleFields grant = new RoleFields(this, "users-grant", caller.isPlatformAdmin(), manageable);
        Button add = new Button(getTranslation("users.grant"), VaadinIcon.PLUS.create(), e -> grant(grant));
        add.setId("users-grant");
        HorizontalLayout grantRow = new HorizontalLayout(grant.role, grant.organization, add);
        grantRow.addClassName("gj-wrap");
        grantRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        grantRow.setWidthFull();
        grant.organization.setWidth("min(15rem, 100%)");

        Button toggle = user.enabled()
                ? new Button(getTranslation("users.disable"), VaadinIcon.BAN.create(), e -> confirmEnabled(false))
                : new Button(getTranslation("users.enable"), VaadinIcon.CHECK.create(), e -> confirmEnabled(true));
        toggle.setId(user.enabled() ? "users-disable" : "users-enable");
        if (user.enabled()) {
            toggle.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        Span state = new Span(getTranslation(user.enabled() ? "users.status.enabled" : "users.status.disabled"));
        state.addClassNames("gj-status", "gj-status-" + (user.enabled() ? "enabled" : "disabled"));
        HorizontalLayout account = new HorizontalLayout(state, toggle);
        account.setAlignItems(FlexComponent.Alignment.CENTER);

        VerticalLayout body = new VerticalLayout(
                roles,
                new H4(getTranslation("users.grant.title")),
                grantRow,
                new H4(getTranslation("users.account")),
                account);
        body.setPadding(false);
        add(body);
    }

    private void grant(RoleFields fields) {
        if (!fields.valid()) {
            return;
        }
        try {
            users.grant(caller, user.id(), fields.role.getValue(), fields.organizationId());
            changed("users.granted");
        } catch (InvalidInputException | ForbiddenException | NotFoundException refused) {
            RoleFields.show(
                    this, refused, List.of(new RoleFields.FieldOf("organizationId", fields.organization)), view);
        }
    }

    private void confirmRevoke(UserRole held) {
        ConfirmDialog confirm = confirm(
                "users-revoke-confirm",
                getTranslation("users.revoke.title"),
                getTranslation("users.revoke.text", view.role(held), user.username()),
                getTranslation("users.revoke"));
        confirm.addConfirmListener(e -> {
            try {
                users.revoke(caller, user.id(), held.role(), held.organizationId());
                changed("users.revoked");
            } catch (InvalidInputException | ForbiddenException | NotFoundException refused) {
                RoleFields.show(this, refused, List.of(), view);
            }
        });
        confirm.open();
    }

    private void confirmEnabled(boolean enabled) {
        String action = getTranslation(enabled ? "users.enable" : "users.disable");
        ConfirmDialog confirm = confirm(
                enabled ? "users-enable-confirm" : "users-disable-confirm",
                getTranslation(enabled ? "users.enable.title" : "users.disable.title", user.username()),
                getTranslation(enabled ? "users.enable.text" : "users.disable.text"),
                action);
        confirm.addConfirmListener(e -> {
            try {
                if (enabled) {
                    users.enable(caller, user.id());
                } else {
                    users.disable(caller, user.id());
                }
                changed(enabled ? "users.enabled" : "users.disabled");
            } catch (InvalidInputException | ForbiddenException | NotFoundException refused) {
                RoleFields.show(this, refused, List.of(), view);
            }
        });
        confirm.open();
    }

    private ConfirmDialog confirm(String id, String header, String text, String action) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId(id);
        confirm.setHeader(header);
        confirm.setText(text);
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("users.cancel"));
        confirm.setConfirmText(action);
        confirm.setConfirmButtonTheme("error primary");
        return confirm;
    }

    /** Shows the user again as the service now sees them; closes if they left the caller's scope. */
    private void changed(String key) {
        view.refresh();
        view.success(getTranslation(key));
        try {
            user = users.find(caller, user.id());
            render();
        } catch (NotFoundException gone) {
            close();
        }
    }
}
