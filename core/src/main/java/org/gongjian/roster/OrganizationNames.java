package org.gongjian.roster;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

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

    /**
     * Either an id or the reason there is none: in Chinese, and as a {@link RowProblem#messageKey}
     * with its arguments.
     */
    record Resolution(@Nullable Long id, @Nullable String problem, @Nullable String key, List<String> args) {

        public static Resolution found(long id) {
            return new Resolution(id, null, null, List.of());
        }

        public static Resolution problem(String problem) {
            return new Resolution(null, problem, "ORGANIZATION_UNKNOWN", List.of());
        }

        public static Resolution problem(String problem, String key, Object... args) {
            return new Resolution(null, problem, key, RowProblem.strings(args));
        }
    }
}
