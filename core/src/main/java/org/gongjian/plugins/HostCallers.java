package org.gongjian.plugins;

import java.util.List;
import java.util.Locale;
import org.gongjian.access.Caller;

/**
 * The one place where the endpoint dispatcher and the UI hand a signed-in {@link Caller} to plugins.
 * A stand-in for the services' {@code PluginCallers.of(Caller, Locale)} (which fills in the grants
 * with their organizations' names): at the merge this delegates to it.
 */
public final class HostCallers {

    private HostCallers() {}

    /** The caller as plugins see it, in {@code locale} ({@code zh-CN} unless English). */
    public static HostCaller of(Caller caller, Locale locale) {
        return HostCaller.signedIn(caller, List.of(), language(locale));
    }

    /** English for an English locale, Chinese ({@code zh-CN}) for every other. */
    static Locale language(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }
}
