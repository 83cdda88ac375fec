package org.gongjian.plugin.api;

import java.sql.SQLException;

/**
 * Runs units of work. The host commits its part (postings, audit rows, events) first and the
 * plugin's connection right after; if the plugin's commit is lost (a crash between the two), the
 * host finds the unit unconfirmed and reverses its postings, so the unit ends as both or neither.
 * A deadlock or lock timeout reruns the whole callback (up to 3 times): keep it free of effects
 * outside the database.
 *
 * @since 0.2
 */
public interface PluginTransactions {

    /** Runs the work in one unit; an exception rolls everything back and is rethrown. */
    <T> T inTransaction(PluginCaller actor, Work<T> work);

    /** The body of a unit. */
    @FunctionalInterface
    interface Work<T> {
        T run(PluginTransaction tx) throws SQLException;
    }
}
