package org.gongjian.plugins.leifengmarket;

import java.util.Locale;
import org.gongjian.plugin.api.SelfServicePage;
import org.pf4j.Extension;

/** The volunteer's phone page, at {@code /me/plugins/leifeng-market/market}. */
@Extension
public class PhonePage implements SelfServicePage {

    @Override
    public String path() {
        return "market";
    }

    @Override
    public String title(Locale locale) {
        return Messages.get(locale, "phone.title");
    }

    @Override
    public Class<?> componentClass() {
        return PhoneView.class;
    }
}
