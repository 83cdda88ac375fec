package org.gongjian.plugins.hello;

import java.util.Locale;
import org.gongjian.plugin.api.EventType;
import org.pf4j.Extension;

/** The plugin's event: a volunteer left a greeting. Offered in the points rules editor as "留下问候". */
@Extension
public class HelloGreetingLeft implements EventType {

    static final String TYPE = "HELLO_GREETING_LEFT";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String label(Locale locale) {
        return Messages.get(locale, "event.left");
    }

    @Override
    public String quantityUnit(Locale locale) {
        return Messages.get(locale, "event.unit");
    }
}
