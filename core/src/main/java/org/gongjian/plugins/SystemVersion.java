package org.gongjian.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The platform version plugins are checked against ({@code Plugin-Requires}), without qualifier. */
final class SystemVersion {

    private SystemVersion() {}

    static String current() {
        Properties properties = new Properties();
        try (InputStream in = SystemVersion.class.getResourceAsStream("/org/gongjian/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = properties.getProperty("version", "0.0.0");
        int qualifier = version.indexOf('-');
        return qualifier < 0 ? version : version.substring(0, qualifier);
    }
}
