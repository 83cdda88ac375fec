package org.gongjian.ui.plugins;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinRequestInterceptor;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import jakarta.inject.Singleton;
import org.gongjian.access.Callers;
import org.gongjian.plugins.PluginHost;
import org.gongjian.sdk.CurrentPluginCaller;
import org.gongjian.sdk.HostCallers;
import org.gongjian.ui.security.CurrentUser;

/**
 * Binds the signed-in user as {@link CurrentPluginCaller} for every Vaadin request while a plugin is
 * started, so that {@code Access.currentCaller()} answers in a plugin's click listeners; unbound at
 * the end of the request whatever happened. The language is the request's ({@code Accept-Language}).
 */
@Singleton
final class PluginCallerBinding implements VaadinServiceInitListener, VaadinRequestInterceptor {

    private final PluginHost host;
    private final Callers callers;
    private final HostCallers pluginCallers;

    PluginCallerBinding(PluginHost host, Callers callers, HostCallers pluginCallers) {
        this.host = host;
        this.callers = callers;
        this.pluginCallers = pluginCallers;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addVaadinRequestInterceptor(this);
    }

    @Override
    public void requestStart(VaadinRequest request, VaadinResponse response) {
        CurrentPluginCaller.clear();
        if (host.startedCount() == 0) {
            return;
        }
        CurrentUser.userId(request)
                .ifPresent(id -> CurrentPluginCaller.bind(pluginCallers.of(callers.forUser(id), request.getLocale())));
    }

    @Override
    public void handleException(
            VaadinRequest request, VaadinResponse response, VaadinSession session, Exception exception) {
        CurrentPluginCaller.clear();
    }

    @Override
    public void requestEnd(VaadinRequest request, VaadinResponse response, VaadinSession session) {
        CurrentPluginCaller.clear();
    }
}
