package org.gongjian.ui.users;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.List;
import java.util.stream.Stream;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.access.Role;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.members.MemberSearch;
import org.gongjian.members.MemberView;
import org.gongjian.members.Members;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.security.NewUser;
import org.gongjian.security.UserAdmin;
import org.gongjian.security.UserErrors;
import org.gongjian.ui.i18n.ErrorMessages;

/**
 * The new-user form: username (checked as it is typed), optionally the member the user signs in as,
 * and the first role with its organization. The generated one-time password is shown once, then
 * never again.
 */
final class NewUserDialog extends Dialog {

    private final UsersView view;
    private final UserAdmin users;
    private final Caller caller;
    private final TextField username = new TextField();
    private final ComboBox<MemberView> member = new ComboBox<>();
    private final RoleFields role;

    NewUserDialog(UsersView view, UserAdmin users, Members members, Caller caller, List<OrganizationNode> manageable) {
        this.view = view;
        this.users = users;
        this.caller = caller;
        setId("users-new-dialog");
        setHeaderTitle(getTranslation("users.new"));
        setWidth("min(32rem, 95vw)");

        username.setId("users-username");
        username.setLabel(getTranslation("users.username"));
        username.setHelperText(getTranslation("users.username.helper"));
        username.setMaxLength(UserAdmin.USERNAME_MAX_LENGTH);
        username.setWidthFull();
        username.setRequiredIndicatorVisible(true);
        username.setValueChangeMode(ValueChangeMode.EAGER);
        username.addValueChangeListener(e -> validUsername());

        member.setId("users-member");
        member.setLabel(getTranslation("users.member.optional"));
        member.setHelperText(getTranslation("users.member.helper"));
        member.setWidthFull();
        member.setClearButtonVisible(true);
        member.setItemLabelGenerator(m -> m.phoneMasked() == null ? m.name() : m.name() + " · " + m.phoneMasked());
        member.setItems((CallbackDataProvider.FetchCallback<MemberView, String>) query -> {
            String q = query.getFilter()
                    .filter(f -> !f.isBlank())
                    .map(String::strip)
                    .orElse(null);
            try {
                return members
                        .search(caller, MemberSearch.of(q).page(query.getPage(), query.getPageSize()))
                        .items()
                        .stream();
            } catch (InvalidInputException tooLong) {
                return Stream.empty();
            }
        });

        role = new RoleFields(this, "users", caller.isPlatformAdmin(), manageable);
        VerticalLayout form = new VerticalLayout(username, member, role.role, role.organization);
        form.setPadding(false);
        add(form);

        Button cancel = new Button(getTranslation("users.cancel"), e -> close());
        Button save = new Button(getTranslation("users.create"), e -> save());
        save.setId("users-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(cancel, save);
    }

    /** Checks the username as the service will; the service checks everything again. */
    private boolean validUsername() {
        boolean valid = UserAdmin.isValidUsername(username.getValue());
        username.setInvalid(!valid);
        username.setErrorMessage(valid ? null : ErrorMessages.of(this, UserErrors.USERNAME_INVALID));
        return valid;
    }

    private void save() {
        boolean valid = validUsername();
        if (!role.valid() || !valid) {
            return;
        }
        Role chosen = role.role.getValue();
        try {
            NewUser created = users.createUser(
                    caller,
                    username.getValue(),
                    null,
                    member.getValue() == null ? null : member.getValue().id(),
                    chosen,
                    role.organizationId());
            view.refresh();
            showPassword(created);
        } catch (InvalidInputException | ForbiddenException | NotFoundException refused) {
            RoleFields.show(
                    this,
                    refused,
                    List.of(
                            new RoleFields.FieldOf("username", username),
                            new RoleFields.FieldOf("memberId", member),
                            new RoleFields.FieldOf("organizationId", role.organization)),
                    view);
        }
    }

    /** The one-time password, once: the form is replaced by it and it is gone when the dialog closes. */
    private void showPassword(NewUser created) {
        removeAll();
        getFooter().removeAll();
        setHeaderTitle(getTranslation("users.created", created.user().username()));
        TextField password = new TextField(getTranslation("users.password.once"));
        password.setId("users-password");
        password.setValue(created.generatedPassword());
        password.setReadOnly(true);
        password.setWidthFull();
        password.addClassName("gj-password");
        Button copy = new Button(getTranslation("users.password.copy"), VaadinIcon.COPY.create(), e -> {
            password.getElement()
                    .executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", created.generatedPassword());
            view.success(getTranslation("users.password.copied"));
        });
        copy.setId("users-copy");
        password.setSuffixComponent(copy);
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        Paragraph hint = new Paragraph(getTranslation("users.password.hint"));
        hint.setId("users-password-hint");
        VerticalLayout body = new VerticalLayout(password, hint);
        body.setPadding(false);
        add(body);
        Button done = new Button(getTranslation("users.done"), e -> close());
        done.setId("users-done");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(done);
    }
}
