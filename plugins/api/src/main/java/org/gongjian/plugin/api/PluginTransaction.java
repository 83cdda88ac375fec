package org.gongjian.plugin.api;

import java.sql.Connection;

/**
 * One unit of work: the plugin's own rows (through {@link #connection()}) and what it asks of the
 * host in the same unit (transfers, audit rows, events) commit together or not at all. Handed out
 * by {@link PluginTransactions}; valid only inside its callback, on its thread.
 *
 * @since 0.2
 */
public interface PluginTransaction {

    /** The plugin's connection, in a transaction; do not commit, roll back or close it. */
    Connection connection();

    /** On whose behalf the work is done; audit rows and postings name this actor. */
    PluginCaller actor();
}
