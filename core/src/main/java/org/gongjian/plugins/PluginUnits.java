package org.gongjian.plugins;

import io.micronaut.context.BeanProvider;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.gongjian.database.TransientFailures;
import org.gongjian.ids.IdGenerator;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.PluginTransactions;
import org.gongjian.plugins.UnitStore.Outcome;
import org.gongjian.sdk.HostCaller;
import org.gongjian.sdk.HostTransaction;
import org.gongjian.sdk.SdkService;
import org.gongjian.sdk.UnitParticipant;
import org.gongjian.sdk.UnitSettlements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugins' units of work ({@link PluginTransactions}). A unit opens a new host transaction and, on
 * a connection of the plugin's own data source, a plugin transaction; runs the plugin's work (the
 * SDK services it calls with the unit join the host transaction, which is bound to the thread);
 * writes the unit's row on the host side and its marker on the plugin side; commits the host, then
 * the plugin. Either failing before the host commit rolls both back. When the plugin's commit fails
 * after the host's, the unit stays unsettled and {@link UnitRecovery} settles it by the marker.
 * After both commits the unit is confirmed and its participants release what they held (events).
 * A deadlock or lock timeout on either side reruns the whole callback, up to {@value #ATTEMPTS} times.
 */
@Singleton
final class PluginUnits implements SdkService<PluginTransactions>, UnitSettlements {

    static final int ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(PluginUnits.class);
    private static final ThreadLocal<HostTransaction> CURRENT = new ThreadLocal<>();

    /** Called between the host's commit and the plugin's: tests simulate a lost plugin commit with it. */
    interface PluginCommitHook {
        void beforePluginCommit(long unitId) throws SQLException;
    }

    private final TransactionOperations<Connection> transactions;
    private final BeanProvider<PluginHost> host;
    private final BeanProvider<UnitParticipant> participants;
    private final IdGenerator ids;
    private final Clock clock;
    private final Set<String> markersReady = ConcurrentHashMap.newKeySet();
    private volatile PluginCommitHook hook = unitId -> {};

    PluginUnits(
            TransactionOperations<Connection> transactions,
            BeanProvider<PluginHost> host,
            BeanProvider<UnitParticipant> participants,
            IdGenerator ids,
            Clock clock) {
        this.transactions = transactions;
        this.host = host;
        this.participants = participants;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Class<PluginTransactions> type() {
        return PluginTransactions.class;
    }

    @Override
    public PluginTransactions forPlugin(String pluginId) {
        markersReady.remove(pluginId); // a reloaded plugin may have a new database: check its marker table again
        return new PluginTransactions() {
            @Override
            public <T> T inTransaction(PluginCaller actor, Work<T> work) {
                return run(pluginId, HostCaller.of(actor), Objects.requireNonNull(work, "work"));
            }
        };
    }

    void hook(PluginCommitHook hook) {
        this.hook = hook;
    }

    /** The data source of a loaded plugin. */
    Optional<DataSource> dataSource(String pluginId) {
        return host.get().context(pluginId).map(PluginContext::dataSource);
    }

    private <T> T run(String pluginId, HostCaller actor, PluginTransactions.Work<T> work) {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("A unit of work is already running on this thread: do the work in it");
        }
        DataSource dataSource = dataSource(pluginId)
                .orElseThrow(() -> new IllegalStateException("Plugin " + pluginId + " is not loaded"));
        for (int attempt = 1; ; attempt++) {
            try {
                return once(pluginId, actor, work, dataSource);
            } catch (Exception e) {
                if (attempt >= ATTEMPTS || !TransientFailures.retryable(e)) {
                    throw e instanceof RuntimeException r
                            ? r
                            : new IllegalStateException("The unit of work failed: " + e.getMessage(), e);
                }
                LOG.debug(
                        "Unit of plugin {}: attempt {} gave way ({}); running it again",
                        pluginId,
                        attempt,
                        e.toString());
            }
        }
    }

    private <T> T once(String pluginId, HostCaller actor, PluginTransactions.Work<T> work, DataSource dataSource)
            throws Exception {
        if (markersReady.add(pluginId)) {
            try {
                UnitMarkers.createTable(dataSource);
            } catch (SQLException e) {
                markersReady.remove(pluginId);
                throw e;
            }
        }
        long unitId = ids.next();
        try (Connection plugin = dataSource.getConnection()) {
            plugin.setAutoCommit(false);
            HostTransaction tx = new HostTransaction(pluginId, unitId, actor, plugin);
            T result;
            CURRENT.set(tx);
            try {
                result = transactions.execute(
                        TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW), status -> {
                            // The unit's own rows first: they take no lock another unit waits for, so
                            // the work's locks are held no longer than the work and the commit.
                            UnitStore.insert(status.getConnection(), unitId, pluginId, userId(actor), now());
                            UnitMarkers.mark(plugin, unitId);
                            T answer = work.run(tx);
                            tx.close();
                            return answer;
                        });
            } catch (Exception e) {
                rollback(plugin, pluginId);
                throw e;
            } finally {
                tx.close();
                CURRENT.remove();
            }
            try {
                hook.beforePluginCommit(unitId);
                plugin.commit();
            } catch (SQLException | RuntimeException e) {
                LOG.error(
                        "Unit {} of plugin {}: the plugin's commit failed after the host's; the recovery job"
                                + " confirms or undoes it",
                        unitId,
                        pluginId,
                        e);
                rollback(plugin, pluginId);
                throw new IllegalStateException(
                        "The unit of work could not be completed: its changes are confirmed or undone within minutes",
                        e);
            }
            settle(unitId, pluginId, Outcome.CONFIRMED);
            return result;
        }
    }

    /**
     * Settles an unsettled unit with its participants, in one host transaction: false when it was
     * settled already, or the settlement failed (then the recovery job tries again).
     */
    boolean settle(long unitId, String pluginId, Outcome outcome) {
        try {
            return transactions.executeWrite(status -> {
                if (!UnitStore.settle(status.getConnection(), unitId, outcome, now())) {
                    return false;
                }
                for (UnitParticipant participant : participants.stream().toList()) {
                    if (outcome == Outcome.UNDONE) {
                        participant.undo(pluginId, unitId);
                    } else {
                        participant.confirmed(pluginId, unitId);
                    }
                }
                return true;
            });
        } catch (RuntimeException e) {
            LOG.error(
                    "Unit {} of plugin {} could not be settled as {}; the recovery job tries again",
                    unitId,
                    pluginId,
                    outcome,
                    e);
            return false;
        }
    }

    @Override
    public State state(long unitId) {
        return transactions.execute(
                TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW),
                status -> UnitStore.exists(status.getConnection(), unitId)
                        ? UnitStore.outcome(status.getConnection(), unitId)
                                .map(outcome -> outcome == Outcome.UNDONE ? State.UNDONE : State.CONFIRMED)
                                .orElse(State.UNSETTLED)
                        : State.UNKNOWN);
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Long userId(HostCaller actor) {
        return actor.isSystem() || actor.userId() == 0 ? null : actor.userId();
    }

    private static void rollback(Connection plugin, String pluginId) {
        try {
            plugin.rollback();
        } catch (SQLException e) {
            LOG.warn("Rolling back the connection of plugin {} failed", pluginId, e);
        }
    }
}
