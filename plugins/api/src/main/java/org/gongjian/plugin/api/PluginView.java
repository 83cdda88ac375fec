package org.gongjian.plugin.api;

import java.util.Locale;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A page a plugin adds to the administration UI, with an entry in the side menu.
 *
 * <p>{@link #componentClass()} names a Vaadin Flow component of the plugin (the plugin depends on
 * Vaadin at {@code provided} scope; this SDK itself stays free of UI types). The host registers it
 * at {@code /plugins/<pluginId>/<path>} while the plugin is started and removes it when the plugin
 * stops. The component needs a public constructor taking ({@link PluginContext}, {@link
 * PluginCaller}), or only a {@link PluginContext}, or none. The page and its menu entry are shown
 * only to callers with one of {@link #roles()} for whom the plugin is enabled in at least one of
 * their organizations.
 *
 * @since 0.1
 */
public interface PluginView extends ExtensionPoint {

    /** The path below {@code /plugins/<pluginId>/}, e.g. {@code "greetings"}; lowercase, no slashes. */
    String path();

    /** The menu entry and page title in the user's language. */
    String title(Locale locale);

    /** The Vaadin component class that renders the page. */
    Class<?> componentClass();

    /**
     * Who sees the page.
     *
     * @since 0.2
     */
    default Set<PluginRole> roles() {
        return Set.of(PluginRole.ORG_ADMIN, PluginRole.ORG_STAFF);
    }
}
