package org.gongjian.plugins.hello;

import java.util.Locale;
import java.util.Set;
import org.gongjian.plugin.api.CoreEvents;
import org.gongjian.plugin.api.EventListener;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.PluginEvent;
import org.pf4j.Extension;

/** Listens to a core event: a member who moved to another community gets a welcome on the wall. */
@Extension
public class HelloWelcome implements EventListener {

    private final Greetings greetings;

    public HelloWelcome(PluginContext context) {
        this.greetings = new Greetings(context);
    }

    @Override
    public Set<String> types() {
        return Set.of(CoreEvents.MEMBER_TRANSFERRED);
    }

    @Override
    public void on(PluginEvent event) {
        greetings.welcome(event.id(), event.memberId(), Messages.get(Locale.SIMPLIFIED_CHINESE, "welcome"));
    }
}
