package org.gongjian.plugin.api;

import java.util.Objects;
import org.pf4j.Plugin;

/**
 * The base class of a plugin's main class (the manifest's {@code Plugin-Class}). The host calls
 * the constructor that takes a {@link PluginContext}, then {@link #start()} after the plugin's
 * migrations have run, and {@link #stop()} before unloading it. A {@code start()} that throws
 * leaves the plugin in the FAILED state; the host keeps running and reports it.
 *
 * @since 0.1
 */
public abstract class GongjianPlugin extends Plugin {

    private final PluginContext context;

    protected GongjianPlugin(PluginContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** This plugin's context. */
    protected final PluginContext context() {
        return context;
    }
}
