package org.gongjian.ui.security;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import java.time.Clock;
import java.util.List;
import org.gongjian.security.Accounts;
import org.gongjian.security.SignInResult;
import org.gongjian.ui.i18n.LanguageSelect;

/**
 * The sign-in page. Opened with {@code ?signed-out=expired}, {@code ?signed-out=disabled} or {@code
 * ?signed-out=password-changed} it says why the previous session ended.
 */
@Route("login")
@PublicPage
@Prototype
final class LoginView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    /** The query parameter that tells why a session ended. */
    static final String SIGNED_OUT = "signed-out";

    static final String SIGNED_OUT_EXPIRED = "expired";
    static final String SIGNED_OUT_DISABLED = "disabled";
    static final String SIGNED_OUT_PASSWORD_CHANGED = "password-changed";

    private final Accounts accounts;
    private final Clock clock;
    private final TextField username = new TextField();
    private final PasswordField password = new PasswordField();
    private final Span error = new Span();

    LoginView(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
        addClassName("gj-login");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);

        username.setId("login-username");
        username.setLabel(getTranslation("login.username"));
        username.setAutofocus(true);
        username.setRequiredIndicatorVisible(true);
        username.setAutocomplete(com.vaadin.flow.component.textfield.Autocomplete.USERNAME);
        username.setWidthFull();
        password.setId("login-password");
        password.setLabel(getTranslation("login.password"));
        password.setRequiredIndicatorVisible(true);
        password.setAutocomplete(com.vaadin.flow.component.textfield.Autocomplete.CURRENT_PASSWORD);
        password.setWidthFull();
        error.setId("login-error");
        error.addClassName("gj-error");
        error.setVisible(false);

        Button submit = new Button(getTranslation("login.submit"), e -> signIn());
        submit.setId("login-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        submit.addClickShortcut(Key.ENTER);
        submit.setWidthFull();

        VerticalLayout card = new VerticalLayout(
                new H1(getTranslation("app.name")),
                new Paragraph(getTranslation("app.tagline")),
                username,
                password,
                error,
                submit,
                new Paragraph(getTranslation("login.hint")),
                new LanguageSelect());
        card.addClassName("gj-login-card");
        card.setWidth("min(26rem, 92vw)");
        card.setPadding(true);
        add(card);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (CurrentUser.get().isPresent()) {
            Home.forward(event);
            return;
        }
        List<String> reason =
                event.getLocation().getQueryParameters().getParameters().getOrDefault(SIGNED_OUT, List.of());
        if (reason.contains(SIGNED_OUT_EXPIRED)) {
            showMessage("session.expired", CurrentUser.MAX_SESSION.toHours());
        } else if (reason.contains(SIGNED_OUT_DISABLED)) {
            showMessage("login.error.disabled");
        } else if (reason.contains(SIGNED_OUT_PASSWORD_CHANGED)) {
            showMessage("session.password-changed");
        }
    }

    private void signIn() {
        boolean missing = false;
        for (var field : List.of(username, password)) {
            boolean empty = field.getValue().isBlank();
            field.setInvalid(empty);
            field.setErrorMessage(empty ? getTranslation("login.error.required") : null);
            missing |= empty;
        }
        if (missing) {
            return;
        }
        SignInResult result = accounts.signIn(username.getValue(), password.getValue(), CurrentUser.clientIp());
        switch (result.status()) {
            case OK, PASSWORD_CHANGE_REQUIRED -> {
                CurrentUser.signIn(result.user().orElseThrow(), clock.instant());
                if (result.status() == SignInResult.Status.OK) {
                    getUI().ifPresent(ui -> ui.navigate(Home.PATH));
                } else {
                    getUI().ifPresent(ui -> ui.navigate(ChangePasswordView.class));
                }
            }
            // A locked account answers like a wrong password: the page must not tell which usernames exist.
            case BAD_CREDENTIALS -> showError("login.error.credentials");
            case THROTTLED ->
                showError(
                        "login.error.throttled",
                        Math.max(1, (result.retryAfter().orElseThrow().toSeconds() + 59) / 60));
            case ACCOUNT_DISABLED -> showError("login.error.disabled");
        }
    }

    private void showError(String key, Object... params) {
        password.clear();
        showMessage(key, params);
        password.focus();
    }

    private void showMessage(String key, Object... params) {
        error.setText(getTranslation(key, params));
        error.setVisible(true);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " · " + getTranslation("app.name");
    }
}
