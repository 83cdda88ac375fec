package org.gongjian.plugins.hello;

import java.util.Locale;
import java.util.ResourceBundle;

/** The plugin's own message bundle, loaded through the plugin's class loader. */
final class Messages {

    private Messages() {}

    static String get(Locale locale, String key) {
        Locale effective = locale == null ? Locale.SIMPLIFIED_CHINESE : locale;
        return ResourceBundle.getBundle("org.gongjian.plugins.hello.messages", effective, Messages.class.getClassLoader())
                .getString(key);
    }
}
