package org.gongjian.sdk;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginTransaction;

/**
 * The only implementation of the SDK's {@link PluginTransaction}: one unit of work of one plugin,
 * valid inside its callback on the thread that runs it. The SDK services check it with {@link
 * #of(PluginTransaction, String)} before they join the unit's host transaction (bound to that
 * thread), and never trust a look-alike.
 */
public final class HostTransaction implements PluginTransaction {

    /** What the plugin may not do to the unit's connection: the unit commits, rolls back and closes it. */
    private static final Set<String> REFUSED = Set.of(
            "commit", "rollback", "close", "setAutoCommit", "setSavepoint", "releaseSavepoint", "abort", "unwrap");

    private final String pluginId;
    private final long unitId;
    private final HostCaller actor;
    private final Connection connection;
    private final Thread thread;
    private volatile boolean open = true;

    /** For the plugin host only: a unit it opened. */
    public HostTransaction(String pluginId, long unitId, HostCaller actor, Connection pluginConnection) {
        this.pluginId = pluginId;
        this.unitId = unitId;
        this.actor = actor;
        this.thread = Thread.currentThread();
        this.connection = guarded(pluginConnection);
    }

    /**
     * The host's unit behind a transaction a plugin passed back.
     *
     * @throws IllegalArgumentException when the host did not hand it out, or handed it to another plugin
     * @throws IllegalStateException when its callback has ended, or it is used on another thread
     */
    public static HostTransaction of(PluginTransaction tx, String pluginId) {
        if (!(tx instanceof HostTransaction host) || !host.pluginId.equals(pluginId)) {
            throw new IllegalArgumentException("Not a unit of work the host handed to this plugin");
        }
        host.checkUsable();
        return host;
    }

    @Override
    public Connection connection() {
        checkUsable();
        return connection;
    }

    @Override
    public PluginCaller actor() {
        return actor;
    }

    /** The actor as the host knows it. */
    public HostCaller hostActor() {
        return actor;
    }

    public long unitId() {
        return unitId;
    }

    public String pluginId() {
        return pluginId;
    }

    /** Ends the plugin's use of the unit: the callback returned or threw. */
    /** For the plugin host only: the unit's callback ended. */
    public void close() {
        open = false;
    }

    private void checkUsable() {
        if (!open) {
            throw new IllegalStateException("The unit of work has ended: use its transaction only inside its callback");
        }
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("A unit of work is used only on the thread that runs its callback");
        }
    }

    private Connection guarded(Connection target) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (REFUSED.contains(method.getName())) {
                throw new SQLException("The unit of work commits, rolls back and closes its connection itself: "
                        + method.getName() + " is not allowed");
            }
            checkUsable();
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(
                HostTransaction.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }
}
