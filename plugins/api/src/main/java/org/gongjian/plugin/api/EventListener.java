package org.gongjian.plugin.api;

import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * Reacts to events after they committed, outside any transaction. Called at least once per event
 * (again after a crash or a throw, which leaves the event to the host's retry): make it
 * idempotent, e.g. by storing the event id in the same unit as the reaction.
 *
 * @since 0.2
 */
public interface EventListener extends ExtensionPoint {

    /** The event types to receive: {@link CoreEvents} and plugins' declared types. */
    Set<String> types();

    /** Handles one event; the plugin acts as {@link Access#system()}. */
    void on(PluginEvent event);
}
