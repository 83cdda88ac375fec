package org.gongjian.ui.plugins;

import com.vaadin.flow.component.UI;
import jakarta.inject.Singleton;
import java.util.Locale;
import org.gongjian.plugins.PluginHost;

/** Plugin pages get the plugin's context and the signed-in caller: ({@code PluginContext}, {@code PluginCaller}). */
@Singleton
public final class PluginPageComponents {

    private final PluginUi plugins;
    private final PluginHost host;

    PluginPageComponents(PluginUi plugins, PluginHost host) {
        this.plugins = plugins;
        this.host = host;
    }

    /** A plugin's component: with (PluginContext, PluginCaller) when it takes them. */
    public <T> T create(Class<T> type) {
        Locale locale = UI.getCurrent() == null
                ? Locale.SIMPLIFIED_CHINESE
                : UI.getCurrent().getLocale();
        return plugins.caller()
                .map(caller -> plugins.create(type, plugins.pluginCaller(caller, locale)))
                .orElseGet(() -> host.instantiate(type));
    }
}
