package org.gongjian.events;

import io.micronaut.core.annotation.Nullable;

/**
 * An event type offered to points rules.
 *
 * @param label the plugin's label in the user's language, or null for the platform's own types
 *     (the UI names them from its bundle)
 * @param pluginId the plugin that declared it, or null for the platform's own
 */
public record EventTypeChoice(String type, @Nullable String label, @Nullable String pluginId) {}
