package org.gongjian.plugins.hello;

import java.util.Locale;
import java.util.ResourceBundle;

/** The plugin's own message bundle, loaded through the plugin's class loader. */
final class Messages {

    /** No fallback to the JVM's locale: Chinese users get Chinese on an English-locale server. */
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {}

    static String get(Locale locale, String key) {
        Locale effective = locale == null ? Locale.SIMPLIFIED_CHINESE : locale;
        return ResourceBundle.getBundle(
                        "org.gongjian.plugins.hello.messages", effective, Messages.class.getClassLoader(), NO_FALLBACK)
                .getString(key);
    }
}
