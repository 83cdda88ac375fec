package org.gongjian.ui.bridge;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.mock.MockService;
import com.github.mvysny.kaributesting.v10.mock.MockVaadinServlet;
import com.github.mvysny.kaributesting.v10.mock.MockedUI;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.function.DeploymentConfiguration;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.ServiceException;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.VaadinServletService;
import io.micronaut.context.ApplicationContext;
import java.util.Arrays;
import java.util.Locale;

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
