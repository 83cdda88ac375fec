package org.gongjian.organizations;

import java.util.regex.Pattern;

/**
 * A column where a feature keeps a copy of its organization's path, for subtree queries: moving an
 * organization rewrites every copy under it in the same transaction. Features declare their
 * copies as beans, so that this package knows no feature's tables. Copies that are history (a
 * ledger transfer's or an audit row's path, which their hash chains cover) are not declared: they
 * keep the path the organization had then.
 */
public record PathCopy(String table, String column) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public PathCopy {
        if (!NAME.matcher(table).matches() || !NAME.matcher(column).matches()) {
            throw new IllegalArgumentException("Not a plain table and column name: " + table + "." + column);
        }
    }
}
