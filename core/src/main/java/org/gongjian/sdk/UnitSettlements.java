package org.gongjian.sdk;

/**
 * Whether a plugin's unit of work is settled, read fresh (outside the caller's transaction): the
 * ledger asks it when a plugin's idempotency key replays a transfer of another unit, whose plugin
 * side may have been lost with the server (implemented by the plugin host).
 */
public interface UnitSettlements {

    /** What is known of a unit now. */
    enum State {
        /** Both sides committed (as the unit saw, or as the recovery job found). */
        CONFIRMED,
        /** The plugin's side was lost: the host's side was undone. */
        UNDONE,
        /** The host's side committed and the plugin's is not known yet (the recovery job decides). */
        UNSETTLED,
        /** No such unit. */
        UNKNOWN
    }

    /** The unit's state, read in a transaction of its own so that a settlement just committed is seen. */
    State state(long unitId);
}
