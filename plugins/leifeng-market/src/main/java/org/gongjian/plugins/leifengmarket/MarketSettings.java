package org.gongjian.plugins.leifengmarket;

import java.util.List;
import org.gongjian.plugin.api.PluginSettings;
import org.gongjian.plugin.api.SettingDefinition;
import org.pf4j.Extension;

/** The market's settings per organization: how many days a phone reservation is held. */
@Extension
public class MarketSettings implements PluginSettings {

    static final String PICKUP_DAYS = "pickupDays";

    @Override
    public List<SettingDefinition> definitions() {
        return List.of(SettingDefinition.integer(PICKUP_DAYS, "settings.pickupDays", 3, 1, 30));
    }

    @Override
    public String bundle() {
        return "org.gongjian.plugins.leifengmarket.messages";
    }
}
