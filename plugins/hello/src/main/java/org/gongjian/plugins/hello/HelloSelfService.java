package org.gongjian.plugins.hello;

import java.util.Locale;
import org.gongjian.plugin.api.SelfServicePage;
import org.pf4j.Extension;

/** The greetings on the volunteer's phone, at {@code /me/plugins/hello/greetings}. */
@Extension
public class HelloSelfService implements SelfServicePage {

    @Override
    public String path() {
        return "greetings";
    }

    @Override
    public String title(Locale locale) {
        return Messages.get(locale, "self.title");
    }

    @Override
    public Class<?> componentClass() {
        return HelloPhoneView.class;
    }
}
