package org.gongjian.plugin.api;

import java.util.Locale;
import org.pf4j.ExtensionPoint;

/**
 * A page for volunteers' phones, listed on their home page, e.g. "爱心超市". Registered at {@code
 * /me/plugins/<pluginId>/<path>}; {@link #componentClass()} names a Vaadin component with a public
 * constructor taking ({@link PluginContext}, {@link PluginCaller}). Design it for a 390 px wide
 * screen and large text.
 *
 * @since 0.2
 */
public interface SelfServicePage extends ExtensionPoint {

    /** Lowercase letters, digits and dashes. */
    String path();

    String title(Locale locale);

    Class<?> componentClass();
}
