package org.gongjian.ui.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Set;
import org.gongjian.access.Role;
import org.gongjian.home.GongjianHome;
import org.gongjian.security.Accounts;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real views on the real application context and database, driven by Karibu-Testing. */
@MicronautTest(transactional = false)
class SignInIT {

    @Inject
    ApplicationContext context;

    @Inject
    GongjianHome home;

    @Inject
    Accounts accounts;

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
    }

    @Test
    void an_anonymous_visitor_is_sent_to_the_sign_in_page() {
        KaribuSupport.setUp(context, Messages.CHINESE);
        UI.getCurrent().navigate("plugins");
        _get(LoginView.class);
        _assertNone(Component.class, s -> s.withId("plugins"));
        assertThat(_get(Button.class, s -> s.withId("login-submit")).getText()).isEqualTo("登录");
    }

    @Test
    void a_wrong_password_is_refused_with_a_message_in_chinese() {
        KaribuSupport.setUp(context, Messages.CHINESE);
        UI.getCurrent().navigate("");
        signIn("admin", "not-the-password");
        _get(LoginView.class);
        Span error = _get(Span.class, s -> s.withId("login-error"));
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo("用户名或密码不正确");
    }

    @Test
    void empty_fields_are_marked_before_anything_is_checked() {
        KaribuSupport.setUp(context, Messages.CHINESE);
        UI.getCurrent().navigate("login");
        _click(_get(Button.class, s -> s.withId("login-submit")));
        TextField username = _get(TextField.class, s -> s.withId("login-username"));
        assertThat(username.isInvalid()).isTrue();
        assertThat(username.getErrorMessage()).isEqualTo("请填写此项");
    }

    @Test
    void the_first_sign_in_forces_a_password_change_then_opens_the_dashboard_and_the_hello_plugin() throws Exception {
        KaribuSupport.setUp(context, Messages.CHINESE);
        String initial =
                Files.readString(home.root().resolve("initial-admin-password")).strip();
        UI.getCurrent().navigate("");
        signIn("admin", initial);
        _get(ChangePasswordView.class);

        UI.getCurrent().navigate("");
        _get(ChangePasswordView.class);
        _assertNone(Component.class, s -> s.withId("dashboard"));

        PasswordField newPassword = _get(PasswordField.class, s -> s.withId("password-new"));
        PasswordField confirm = _get(PasswordField.class, s -> s.withId("password-confirm"));
        _setValue(_get(PasswordField.class, s -> s.withId("password-old")), initial);
        _setValue(newPassword, "short");
        assertThat(newPassword.isInvalid()).as("validated as the user types").isTrue();
        assertThat(newPassword.getErrorMessage()).isEqualTo("新密码长度需为 8 到 128 个字符");
        _setValue(newPassword, "长城-volunteer-2026");
        assertThat(newPassword.isInvalid()).isFalse();
        _setValue(confirm, "长城-volunteer-2025");
        assertThat(confirm.isInvalid()).isTrue();
        assertThat(confirm.getErrorMessage()).isEqualTo("两次输入的新密码不一致");
        _setValue(confirm, "长城-volunteer-2026");
        _click(_get(Button.class, s -> s.withId("password-submit")));

        _get(Component.class, s -> s.withId("dashboard"));
        assertThat(_get(Span.class, s -> s.withId("metric-organizations")).getText())
                .isEqualTo("0");
        assertThat(_get(Span.class, s -> s.withId("metric-plugins")).getText()).isEqualTo("1");
        assertThat(_get(Span.class, s -> s.withId("metric-hello-greetings")).getText())
                .isEqualTo("0");
        assertThat(accounts.signIn("admin", "长城-volunteer-2026").status())
                .isEqualTo(org.gongjian.security.SignInResult.Status.OK);

        SideNavItem helloItem = _get(SideNavItem.class, s -> s.withPredicate(i -> "问候".equals(i.getLabel())));
        assertThat(helloItem.getPath()).isEqualTo("plugins/hello/greetings");
        UI.getCurrent().navigate(helloItem.getPath());
        _get(com.vaadin.flow.component.orderedlayout.VerticalLayout.class, s -> s.withId("hello-view"));
        _setValue(_get(TextField.class, s -> s.withId("hello-message")), "社区志愿者，辛苦了！");
        _click(_get(Button.class, s -> s.withId("hello-add")));
        assertThat(_find(Paragraph.class, s -> s.withText("社区志愿者，辛苦了！"))).hasSize(1);

        UI.getCurrent().navigate("");
        assertThat(_get(Span.class, s -> s.withId("metric-hello-greetings")).getText())
                .isEqualTo("1");
        UI.getCurrent().navigate("plugins");
        _get(Component.class, s -> s.withId("plugins"));
    }

    @Test
    void a_volunteer_cannot_open_the_plugins_page() {
        accounts.createUser("volunteer-karibu", "volunteer-password", false, Set.of(Role.VOLUNTEER));
        KaribuSupport.setUp(context, Messages.CHINESE);
        UI.getCurrent().navigate("");
        signIn("volunteer-karibu", "volunteer-password");
        _get(Component.class, s -> s.withId("dashboard"));
        assertThat(_find(SideNavItem.class, s -> s.withPredicate(i -> "首页".equals(i.getLabel()))))
                .hasSize(1);
        assertThat(_find(SideNavItem.class, s -> s.withPredicate(i -> "插件管理".equals(i.getLabel()))))
                .isEmpty();

        UI.getCurrent().navigate("plugins");
        _assertNone(Component.class, s -> s.withId("plugins"));
        _get(Component.class, s -> s.withId("dashboard"));
    }

    @Test
    void the_interface_speaks_english_when_english_is_chosen() {
        KaribuSupport.setUp(context, Locale.ENGLISH);
        UI.getCurrent().navigate("login");
        assertThat(_get(Button.class, s -> s.withId("login-submit")).getText()).isEqualTo("Sign in");
        assertThat(_get(TextField.class, s -> s.withId("login-username")).getLabel())
                .isEqualTo("Username");
    }

    private static void signIn(String username, String password) {
        _setValue(_get(TextField.class, s -> s.withId("login-username")), username);
        _setValue(_get(PasswordField.class, s -> s.withId("login-password")), password);
        _click(_get(Button.class, s -> s.withId("login-submit")));
    }
}
