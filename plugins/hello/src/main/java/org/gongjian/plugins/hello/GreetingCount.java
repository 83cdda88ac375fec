package org.gongjian.plugins.hello;

import java.util.Locale;
import org.gongjian.plugin.api.DashboardMetric;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;
import org.pf4j.Extension;

/** Shows on the dashboard how many greetings were left. */
@Extension
public class GreetingCount implements DashboardMetric {

    private final Greetings greetings;

    public GreetingCount(PluginContext context) {
        this.greetings = new Greetings(context);
    }

    @Override
    public String key() {
        return "greetings";
    }

    @Override
    public String label(Locale locale) {
        return Messages.get(locale, "metric.greetings");
    }

    @Override
    public long value(PluginCaller caller) {
        return greetings.count();
    }
}
