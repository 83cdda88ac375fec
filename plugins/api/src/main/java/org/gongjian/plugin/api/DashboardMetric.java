package org.gongjian.plugin.api;

import java.util.Locale;
import org.pf4j.ExtensionPoint;

/**
 * A number shown on the administrator's dashboard, e.g. "goods in stock". Called when the
 * dashboard is rendered, so {@link #value(PluginCaller)} must be quick (one indexed query at most).
 *
 * <p>An extension class may have a public constructor taking a {@link PluginContext}; the host
 * passes the plugin's context to it and keeps one instance while the plugin is started.
 *
 * @since 0.1
 */
public interface DashboardMetric extends ExtensionPoint {

    /** A key unique within the plugin, e.g. {@code "greetings"}. */
    String key();

    /** The caption in the user's language (Chinese and English at least). */
    String label(Locale locale);

    /**
     * The value within what the caller may read (count only the caller's subtree, see {@link
     * Access}); shown only where the plugin is enabled for one of the caller's organizations.
     *
     * @since 0.2
     */
    long value(PluginCaller caller);
}
