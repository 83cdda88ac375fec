package org.gongjian.plugins.noticeboard;

import org.gongjian.plugin.api.GongjianPlugin;
import org.gongjian.plugin.api.PluginContext;

/** The plugin's main class: the manifest's {@code Plugin-Class}. Nothing to start: the extensions do the work. */
public class NoticeBoardPlugin extends GongjianPlugin {

    public NoticeBoardPlugin(PluginContext context) {
        super(context);
    }
}
