package org.gongjian.plugins.hello;

import java.util.List;
import org.gongjian.plugin.api.PluginSettings;
import org.gongjian.plugin.api.SettingDefinition;
import org.pf4j.Extension;

/** The plugin's settings per organization: how many greetings the phone page shows. */
@Extension
public class HelloSettings implements PluginSettings {

    static final String PHONE_SHOWN = "phoneShown";

    @Override
    public List<SettingDefinition> definitions() {
        return List.of(SettingDefinition.integer(PHONE_SHOWN, "settings.phoneShown", 5, 1, 20));
    }

    @Override
    public String bundle() {
        return "org.gongjian.plugins.hello.messages";
    }
}
