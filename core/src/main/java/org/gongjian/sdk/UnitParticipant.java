package org.gongjian.sdk;

/**
 * A feature that takes part in plugins' units of work (the ledger's postings, the events' outbox,
 * the audit log) and settles its part when the unit's outcome is known. Both methods run in a host
 * transaction of their own with the unit's settlement; they must be idempotent.
 */
public interface UnitParticipant {

    /** Both sides committed: release what was held for the unit (e.g. its events). */
    void confirmed(String pluginId, long unitId);

    /** The plugin's side was lost after the host's committed: undo the host's side of the unit. */
    void undo(String pluginId, long unitId);
}
