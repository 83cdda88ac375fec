package org.gongjian.plugins.noticeboard;

import java.util.List;
import org.gongjian.plugin.api.PluginSettings;
import org.gongjian.plugin.api.SettingDefinition;
import org.pf4j.Extension;

/** The settings form: how long a notice may be, per organization (inherited down the tree). */
@Extension
public class NoticeBoardSettings implements PluginSettings {

    static final String MAX_LENGTH = "maxTitleLength";

    @Override
    public List<SettingDefinition> definitions() {
        return List.of(
                SettingDefinition.integer(MAX_LENGTH, "settings.maxTitleLength", Notices.DEFAULT_MAX_LENGTH, 10, 200));
    }

    @Override
    public String bundle() {
        return Messages.BUNDLE;
    }
}
