package org.gongjian.plugins.leifengmarket;

import org.gongjian.plugin.api.GongjianPlugin;
import org.gongjian.plugin.api.PluginContext;

/** The market plugin's main class: the manifest's {@code Plugin-Class}. */
public class MarketPlugin extends GongjianPlugin {

    public MarketPlugin(PluginContext context) {
        super(context);
    }
}
