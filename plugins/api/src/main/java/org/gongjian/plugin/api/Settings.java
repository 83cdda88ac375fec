package org.gongjian.plugin.api;

import java.math.BigDecimal;

/**
 * Reads the plugin's settings as they apply to an organization (its own value, else the nearest
 * ancestor's, else the default).
 *
 * @since 0.2
 */
public interface Settings {

    /** The values in force for the organization. */
    Values of(long organizationId);

    /** Typed values; asking for an undeclared key or the wrong type throws IllegalArgumentException. */
    interface Values {
        long integer(String key);

        BigDecimal decimal(String key);

        boolean bool(String key);

        String text(String key);
    }
}
