package org.gongjian.plugins;

import org.pf4j.PluginRuntimeException;

/**
 * Why a plugin jar is not installed, not upgraded or not started, with a stable code the API answers
 * and the plugins page translates ({@code errors.properties}, {@code ui} messages {@code
 * plugins.refused.<code>}); the message is English, for the log.
 */
final class PluginRefused extends PluginRuntimeException {

    static final String UNSIGNED = "PLUGIN_UNSIGNED";
    static final String SIGNATURE_INVALID = "PLUGIN_SIGNATURE_INVALID";
    static final String PUBLISHER_UNTRUSTED = "PLUGIN_PUBLISHER_UNTRUSTED";
    static final String NOT_A_JAR = "PLUGIN_NOT_A_JAR";
    static final String NO_DESCRIPTOR = "PLUGIN_NO_DESCRIPTOR";
    static final String ID_NOT_ALLOWED = "PLUGIN_ID_NOT_ALLOWED";
    static final String LINKS_CORE = "PLUGIN_LINKS_CORE";
    static final String NEEDS_NEWER_PLATFORM = "PLUGIN_NEEDS_NEWER_PLATFORM";
    static final String DEPENDENCY_MISSING = "PLUGIN_DEPENDENCY_MISSING";
    static final String VERSION_NOT_NEWER = "PLUGIN_VERSION_NOT_NEWER";
    static final String VERSION_RUNS = "PLUGIN_VERSION_ALREADY_RUNS";
    static final String MIGRATION_FAILED = "PLUGIN_MIGRATION_FAILED";
    static final String START_FAILED = "PLUGIN_START_FAILED";
    static final String BUSY = "PLUGIN_BUSY";

    private final String code;
    private final Object[] arguments;

    PluginRefused(String code, String message, Object... arguments) {
        super("{}", message);
        this.code = code;
        this.arguments = arguments.clone();
    }

    PluginRefused(String code, Throwable cause, String message, Object... arguments) {
        super(cause, "{}", message);
        this.code = code;
        this.arguments = arguments.clone();
    }

    String code() {
        return code;
    }

    /** The values the code's text takes ({0}, {1}, ...): a version, a plugin id. */
    Object[] arguments() {
        return arguments.clone();
    }
}
