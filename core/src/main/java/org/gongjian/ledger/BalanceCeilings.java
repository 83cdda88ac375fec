package org.gongjian.ledger;

import java.util.OptionalLong;

/**
 * The highest balance an account may reach, e.g. the time bank's storage cap (1500 h by default).
 * Features register implementations as beans; the ledger asks them before it locks and enforces
 * the smallest ceiling under the lock.
 */
public interface BalanceCeilings {

    OptionalLong ceiling(Account account);
}
