package org.gongjian.ui.bridge;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.di.DefaultInstantiator;
import com.vaadin.flow.i18n.I18NProvider;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.micronaut.context.ApplicationContext;
import java.lang.reflect.Constructor;
import java.util.stream.Stream;
import org.gongjian.plugins.PluginHost;
import org.gongjian.ui.plugins.PluginPageComponents;
import org.pf4j.PluginClassLoader;

/**
 * Creates views, layouts and components: a Micronaut bean when one is defined; a class of a plugin
 * with the plugin's context and the signed-in caller ({@link PluginPageComponents}); a class with one public constructor
 * with its parameters taken from the context; otherwise as Vaadin would.
 */
final class MicronautInstantiator extends DefaultInstantiator {

    private final ApplicationContext context;

    MicronautInstantiator(VaadinService service, ApplicationContext context) {
        super(service);
        this.context = context;
    }

    @Override
    public <T> T getOrCreate(Class<T> type) {
        if (context.containsBean(type)) {
            return context.getBean(type);
        }
        if (type.getClassLoader() instanceof PluginClassLoader) {
            return context.findBean(PluginPageComponents.class)
                    .map(components -> components.create(type))
                    .orElseGet(() -> context.getBean(PluginHost.class).instantiate(type));
        }
        Constructor<?>[] constructors = type.getConstructors();
        if (constructors.length == 1 && constructors[0].getParameterCount() > 0) {
            Object[] arguments = Stream.of(constructors[0].getParameterTypes())
                    .map(context::getBean)
                    .toArray();
            try {
                return type.cast(constructors[0].newInstance(arguments));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot create " + type.getName(), e);
            }
        }
        return super.getOrCreate(type);
    }

    @Override
    public <T extends Component> T createComponent(Class<T> type) {
        return getOrCreate(type);
    }

    @Override
    public I18NProvider getI18NProvider() {
        // Not DefaultInstantiator's JVM-wide cache: one provider per application context.
        return context.getBean(I18NProvider.class);
    }

    @Override
    public Stream<VaadinServiceInitListener> getServiceInitListeners() {
        return Stream.concat(
                super.getServiceInitListeners(), context.getBeansOfType(VaadinServiceInitListener.class).stream());
    }
}
