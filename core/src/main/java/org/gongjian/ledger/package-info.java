/**
 * The ledger engine: accounts that hold one asset (time-bank minutes or points of one kind), and
 * immutable double-entry transfers posted atomically in requests with a client idempotency key.
 *
 * <p>Guarantees: a transfer is never updated or deleted (mistakes are reversed by a transfer
 * that points at the original); a request is applied once (a replay answers the first result, the
 * same key with other content answers {@link org.gongjian.ledger.PostingResult.Result#DUPLICATE_WITH_DIFFERENT_CONTENT});
 * accounts are locked in id order and the whole transaction is retried on deadlocks and lock
 * timeouts; member and pool balances never go below zero unless the asset allows it; each
 * account's entries are chained with an HMAC so that tampering is detected by {@link
 * org.gongjian.ledger.Reconciliation}, which also checks that every asset sums to zero and every
 * balance equals its entries.
 *
 * <p>The engine does not decide who may post: the time bank, points and the API check the caller
 * before they post. It owns the {@code ledger_*} tables; points define their kinds through {@link
 * org.gongjian.ledger.Ledger#define}. The reports of points and the time bank still join the
 * ledger's tables in their own SQL (listed in {@code TableOwnershipTest}).
 */
package org.gongjian.ledger;
