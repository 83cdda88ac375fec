package org.gongjian.roster;

import io.micronaut.core.annotation.Nullable;

/**
 * Resolves the organization names written in a roster to ids, within what the importing user
 * may manage. Implemented by the import service over the organization tree.
 */
@FunctionalInterface
public interface OrganizationNames {

    /**
     * @param kinds what the column may name: "organization" (any), "grid" or "branch"
     * @return the id, or a problem in Chinese (unknown, not unique, outside your organizations,
     *     wrong kind)
     */
    Resolution resolve(String name, String kinds);

    /** Either an id or the reason there is none. */
    record Resolution(@Nullable Long id, @Nullable String problem) {

        public static Resolution found(long id) {
            return new Resolution(id, null);
        }

        public static Resolution problem(String problem) {
            return new Resolution(null, problem);
        }
    }
}
