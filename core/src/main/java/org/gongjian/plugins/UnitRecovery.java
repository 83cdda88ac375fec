package org.gongjian.plugins;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.gongjian.plugins.UnitStore.Outcome;
import org.gongjian.plugins.UnitStore.Pending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the units of work whose plugin commit is unknown (the server stopped, or the plugin's
 * database failed, between the host's commit and the plugin's): every 30 seconds, units unsettled
 * for more than {@link #GRACE} are claimed one by one with a guarded update (so that one app node
 * settles each), and settled by the plugin's marker row: found, the unit is confirmed; missing, its
 * host part is undone by the participants (postings reversed, events cancelled, an audit row). A
 * unit of a plugin that is not loaded waits until it is.
 */
@Singleton
final class UnitRecovery {

    static final Duration GRACE = Duration.ofMinutes(1);

    /** How long a node's claim on a unit holds before another node may take it over. */
    static final Duration CLAIM = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(UnitRecovery.class);

    private final TransactionOperations<Connection> transactions;
    private final PluginUnits units;

    UnitRecovery(TransactionOperations<Connection> transactions, PluginUnits units) {
        this.transactions = transactions;
        this.units = units;
    }

    @Scheduled(fixedDelay = "30s", initialDelay = "45s")
    void scheduled() {
        recover(GRACE);
    }

    /** Settles the units unsettled for longer than {@code age}; answers how many it settled. */
    int recover(Duration age) {
        Instant now = units.now();
        List<Pending> pending =
                transactions.executeRead(status -> UnitStore.pending(status.getConnection(), now.minus(age), 100));
        int settled = 0;
        for (Pending unit : pending) {
            boolean claimed = transactions.executeWrite(
                    status -> UnitStore.claim(status.getConnection(), unit.unitId(), now, now.plus(CLAIM)));
            if (!claimed) {
                continue;
            }
            Optional<DataSource> dataSource = units.dataSource(unit.pluginId());
            if (dataSource.isEmpty()) {
                LOG.warn("Unit {} of plugin {} waits: the plugin is not loaded", unit.unitId(), unit.pluginId());
                continue;
            }
            boolean marked;
            try {
                marked = UnitMarkers.marked(dataSource.get(), unit.unitId());
            } catch (SQLException e) {
                LOG.warn("Unit {} of plugin {} waits: its marker cannot be read", unit.unitId(), unit.pluginId(), e);
                continue;
            }
            Outcome outcome = marked ? Outcome.RECOVERED : Outcome.UNDONE;
            if (units.settle(unit.unitId(), unit.pluginId(), outcome)) {
                settled++;
                if (outcome == Outcome.UNDONE) {
                    LOG.warn(
                            "Unit {} of plugin {} was undone: the plugin's part was lost",
                            unit.unitId(),
                            unit.pluginId());
                }
            }
        }
        return settled;
    }

    /** The unit's outcome, for tests and support. */
    Optional<Outcome> outcome(long unitId) {
        return transactions.executeRead(status -> UnitStore.outcome(status.getConnection(), unitId));
    }
}
