package org.gongjian.ui.bridge;

import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.function.DeploymentConfiguration;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.ServiceException;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.VaadinServletService;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import io.micronaut.context.ApplicationContext;
import org.gongjian.ui.plugins.PluginRoutes;

/** Vaadin's servlet with a service whose instantiator is {@link MicronautInstantiator}. */
final class GongjianVaadinServlet extends VaadinServlet {

    private final transient ApplicationContext context;

    GongjianVaadinServlet(ApplicationContext context) {
        this.context = context;
    }

    @Override
    protected VaadinServletService createServletService(DeploymentConfiguration configuration) throws ServiceException {
        VaadinServletService service = new VaadinServletService(this, configuration) {
            @Override
            protected Instantiator createInstantiator() {
                return new MicronautInstantiator(this, context);
            }
        };
        service.init();
        attachPluginRoutes(context, service);
        return service;
    }

    /** Plugin pages are registered in the application's route registry as plugins start and stop. */
    static void attachPluginRoutes(ApplicationContext context, VaadinServletService service) {
        ApplicationRouteRegistry registry =
                ApplicationRouteRegistry.getInstance((VaadinServletContext) service.getContext());
        context.getBean(PluginRoutes.class).attach(RouteConfiguration.forRegistry(registry));
    }
}
