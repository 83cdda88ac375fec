package org.gongjian.plugin.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * The settings a plugin declares (one extension per plugin). Values are set per organization on
 * the plugin's settings page and inherited down the tree: an organization without its own value
 * uses its parent's, up to the declared default.
 *
 * @since 0.2
 */
public interface PluginSettings extends ExtensionPoint {

    List<SettingDefinition> definitions();

    /** The name of the messages bundle with the captions, e.g. {@code org.example.market.messages}. */
    String bundle();
}
