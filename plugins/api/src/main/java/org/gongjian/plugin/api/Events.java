package org.gongjian.plugin.api;

/**
 * Publishes the plugin's events through the host's outbox, in the unit of work: a unit that rolls
 * back publishes nothing.
 *
 * @since 0.2
 */
public interface Events {

    /**
     * Publishes the event and answers it with its id and time.
     *
     * @throws IllegalArgumentException for a type the plugin did not declare ({@link EventType}),
     *     or a member or organization the actor may not record for
     */
    PluginEvent publish(PluginTransaction tx, PluginEvent event);
}
