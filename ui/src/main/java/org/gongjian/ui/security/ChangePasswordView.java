package org.gongjian.ui.security;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import java.time.Clock;
import org.gongjian.security.Accounts;
import org.gongjian.security.PasswordChangeResult;
import org.gongjian.security.PasswordPolicy;
import org.gongjian.security.SignedInUser;

/** Choose a new password; required at the first sign-in, validated as the user types. */
@Route("change-password")
@Prototype
final class ChangePasswordView extends VerticalLayout implements HasDynamicTitle {

    private final Accounts accounts;
    private final Clock clock;
    private final PasswordField oldPassword = new PasswordField();
    private final PasswordField newPassword = new PasswordField();
    private final PasswordField confirm = new PasswordField();

    ChangePasswordView(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
        addClassName("gj-narrow");
        oldPassword.setId("password-old");
        oldPassword.setLabel(getTranslation("password.old"));
        newPassword.setId("password-new");
        newPassword.setLabel(getTranslation("password.new"));
        newPassword.setHelperText(getTranslation("password.helper", PasswordPolicy.MIN_LENGTH));
        newPassword.setMaxLength(PasswordPolicy.MAX_LENGTH);
        confirm.setId("password-confirm");
        confirm.setLabel(getTranslation("password.confirm"));
        for (PasswordField field : java.util.List.of(oldPassword, newPassword, confirm)) {
            field.setWidthFull();
            field.setRequiredIndicatorVisible(true);
            field.setValueChangeMode(ValueChangeMode.EAGER);
        }
        newPassword.addValueChangeListener(e -> validateNew());
        confirm.addValueChangeListener(e -> validateConfirm());

        Button save = new Button(getTranslation("password.submit"), e -> save());
        save.setId("password-submit");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        add(new H2(getTranslation("password.title")), new Paragraph(getTranslation("password.intro")));
        add(oldPassword, newPassword, confirm, save);
    }

    private boolean validateNew() {
        String value = newPassword.getValue();
        int length = value.codePointCount(0, value.length());
        boolean longEnough = length >= PasswordPolicy.MIN_LENGTH && value.length() <= PasswordPolicy.MAX_LENGTH;
        boolean ok = longEnough && !PasswordPolicy.isTooCommon(value);
        newPassword.setInvalid(!ok);
        if (!longEnough) {
            newPassword.setErrorMessage(
                    getTranslation("password.error.length", PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_LENGTH));
        } else {
            newPassword.setErrorMessage(ok ? null : getTranslation("password.error.too-common"));
        }
        if (!confirm.isEmpty()) {
            validateConfirm();
        }
        return ok;
    }

    private boolean validateConfirm() {
        boolean ok = confirm.getValue().equals(newPassword.getValue());
        confirm.setInvalid(!ok);
        confirm.setErrorMessage(ok ? null : getTranslation("password.error.mismatch"));
        return ok;
    }

    private void save() {
        boolean valid = validateNew() & validateConfirm();
        if (!valid) {
            return;
        }
        SignedInUser user = CurrentUser.get().orElseThrow();
        PasswordChangeResult result = accounts.changePassword(
                user.username(), oldPassword.getValue(), newPassword.getValue(), CurrentUser.clientIp());
        switch (result) {
            case OK -> {
                CurrentUser.passwordChanged(
                        new SignedInUser(user.id(), user.username(), user.roles(), false), clock.instant());
                Notification.show(getTranslation("password.saved")).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                getUI().ifPresent(ui -> ui.navigate(Home.PATH));
            }
            case BAD_CREDENTIALS -> invalid(oldPassword, "password.error.old");
            case THROTTLED ->
                invalid(
                        oldPassword,
                        "login.error.throttled",
                        accounts.throttledFor(CurrentUser.clientIp())
                                .map(d -> Math.max(1, (d.toSeconds() + 59) / 60))
                                .orElse(1L));
            case ACCOUNT_LOCKED -> invalid(oldPassword, "login.error.locked", Accounts.LOCK_DURATION.toMinutes());
            case PASSWORD_NOT_NEW -> invalid(newPassword, "password.error.not-new");
            case PASSWORD_TOO_COMMON -> invalid(newPassword, "password.error.too-common");
            case PASSWORD_LENGTH ->
                invalid(newPassword, "password.error.length", PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_LENGTH);
            case ACCOUNT_DISABLED -> {
                getUI().ifPresent(ui -> ui.getPage()
                        .setLocation("login?" + LoginView.SIGNED_OUT + "=" + LoginView.SIGNED_OUT_DISABLED));
                CurrentUser.signOut();
            }
        }
    }

    private void invalid(PasswordField field, String key, Object... params) {
        field.setInvalid(true);
        field.setErrorMessage(getTranslation(key, params));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("password.title") + " · " + getTranslation("app.name");
    }
}
