package org.gongjian.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.gongjian.ledger.Reconciliation;
import org.gongjian.ledger.ReconciliationResult;
import org.junit.jupiter.api.AfterAll;

/**
 * Base of integration test classes that post to the ledger: after the class, the whole ledger of
 * its database must reconcile (assets sum to zero, balances equal entries, chains intact).
 */
public abstract class LedgerReconciles {

    @AfterAll
    static void the_ledger_reconciles_after_the_class(Reconciliation reconciliation) {
        ReconciliationResult result = reconciliation.run("test");
        assertThat(result.problems()).as("reconciliation problems").isEmpty();
        assertThat(result.ok()).isTrue();
    }
}
