package org.gongjian.sdk;

/**
 * A feature's adapter of one SDK service interface (e.g. the ledger's {@code PointsLedger}): a
 * bean the feature contributes, implemented over its real service. {@link HostServices} collects
 * them and decides which are offered to plugins; a plugin asks by the SDK type through its context.
 *
 * @param <T> the SDK interface, a type of {@code org.gongjian.plugin.api}
 */
public interface SdkService<T> {

    /** The SDK interface this adapter implements. */
    Class<T> type();

    /**
     * The service as one plugin sees it (it may carry the plugin's id, e.g. to prefix idempotency
     * keys or audit actions). Called once per loaded plugin; the answer is kept while it is loaded.
     */
    T forPlugin(String pluginId);
}
