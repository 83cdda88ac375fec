package org.gongjian.ui.bridge;

import com.vaadin.flow.di.LookupInitializer;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.startup.ErrorNavigationTargetInitializer;
import com.vaadin.flow.server.startup.LookupServletContainerInitializer;
import com.vaadin.flow.server.startup.RouteRegistryInitializer;
import com.vaadin.flow.server.startup.VaadinAppShellInitializer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.qualifiers.Qualifiers;
import jakarta.inject.Singleton;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.gongjian.server.ServletContributor;
import org.gongjian.ui.GongjianAppShell;

/**
 * Puts Vaadin at {@code /*}. Vaadin's initializers are run explicitly (there is no class-path
 * scanning in a plain servlet context): the lookup first, then the routes, which are the
 * Micronaut beans annotated with {@link Route}.
 */
@Singleton
final class VaadinContributor implements ServletContributor {

    private final ApplicationContext context;

    VaadinContributor(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void contribute(ServletContextHandler handler) {
        Class<?>[] routes = routeClasses(context);
        handler.addServletContainerInitializer(new LookupServletContainerInitializer(), LookupInitializer.class);
        handler.addServletContainerInitializer(new RouteRegistryInitializer(), routes);
        handler.addServletContainerInitializer(new VaadinAppShellInitializer(), GongjianAppShell.class);
        handler.addServletContainerInitializer(new ErrorNavigationTargetInitializer());
        ServletHolder vaadin = new ServletHolder("vaadin", new GongjianVaadinServlet(context));
        vaadin.setAsyncSupported(true);
        vaadin.setInitOrder(1);
        // Without this, the heartbeat of an open tab keeps a session alive forever; with it, a UI
        // with no user action for the session timeout (30 minutes) is closed.
        vaadin.setInitParameter("closeIdleSessions", "true");
        handler.addServlet(vaadin, "/*");
    }

    /** The classes of the Micronaut beans annotated with {@code @Route}. */
    public static Class<?>[] routeClasses(ApplicationContext context) {
        return context.getBeanDefinitions(Qualifiers.byStereotype(Route.class)).stream()
                .map(BeanDefinition::getBeanType)
                .distinct()
                .toArray(Class<?>[]::new);
    }
}
