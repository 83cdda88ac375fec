package org.gongjian.sdk;

import java.util.Locale;
import org.gongjian.access.Caller;

/**
 * The one way the endpoint dispatcher and the UI hand a signed-in {@link Caller} to plugins, with
 * the caller's grants named after their organizations. Declared here, at the bottom, and
 * implemented by the organizations feature ({@code organizations.PluginCallers}).
 */
public interface HostCallers {

    /** The caller as plugins see it, in {@code zh-CN} unless {@code locale} is English. */
    HostCaller of(Caller caller, Locale locale);

    /** English for an English locale, Chinese ({@code zh-CN}) for every other. */
    static Locale language(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }
}
