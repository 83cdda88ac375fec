package org.gongjian.ui.bridge;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.mock.MockService;
import com.github.mvysny.kaributesting.v10.mock.MockVaadinServlet;
import com.github.mvysny.kaributesting.v10.mock.MockedUI;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.function.DeploymentConfiguration;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.ServiceException;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.VaadinServletService;
import io.micronaut.context.ApplicationContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.security.Accounts;
import org.gongjian.security.UserAdmin;

/**
 * Karibu-Testing with the real application: views come from the Micronaut context through the
 * production instantiator, routes are the production route beans, plugin pages are registered as
 * in production.
 */
public final class KaribuSupport {

    private KaribuSupport() {}

    @SuppressWarnings("unchecked")
    public static void setUp(ApplicationContext context, Locale locale) {
        Routes routes = new Routes();
        Arrays.stream(VaadinContributor.routeClasses(context))
                .filter(c -> c.isAnnotationPresent(Route.class))
                .forEach(c -> routes.getRoutes().add((Class<? extends Component>) c));
        MockVaadin.setup(
                () -> {
                    MockedUI ui = new MockedUI();
                    ui.setLocale(locale);
                    return ui;
                },
                new Servlet(routes, context));
    }

    public static void tearDown() {
        MockVaadin.tearDown();
    }

    /** Signs in through the real sign-in page of the current mock UI. */
    public static void signIn(String username, String password) {
        UI.getCurrent().navigate("login");
        _setValue(_get(TextField.class, s -> s.withId("login-username")), username);
        _setValue(_get(PasswordField.class, s -> s.withId("login-password")), password);
        _click(_get(Button.class, s -> s.withId("login-submit")));
    }

    /** A user needing no password change, holding {@code role} on an organization (granted as the system). */
    public static long userWithRole(
            ApplicationContext context, String username, String password, Role role, long organizationId) {
        long userId = context.getBean(Accounts.class)
                .createUser(username, password, false, Set.of())
                .id();
        context.getBean(UserAdmin.class).grant(Caller.system(), userId, role, organizationId);
        return userId;
    }

    private static final class Servlet extends MockVaadinServlet {

        private final transient ApplicationContext context;

        Servlet(Routes routes, ApplicationContext context) {
            super(routes, MockedUI::new);
            this.context = context;
        }

        @Override
        protected VaadinServletService createServletService(DeploymentConfiguration configuration)
                throws ServiceException {
            MockService service = new MockService(this, configuration, MockedUI::new) {
                @Override
                protected Instantiator createInstantiator() {
                    return new MicronautInstantiator(this, context);
                }
            };
            service.init();
            getRoutes().register((VaadinServletContext) service.getContext());
            GongjianVaadinServlet.attachPluginRoutes(context, service);
            return service;
        }
    }
}
