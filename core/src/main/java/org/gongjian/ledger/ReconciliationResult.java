package org.gongjian.ledger;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one reconciliation run.
 *
 * @param problemCount how many problems were found; {@code problems} keeps the first ones, each a
 *     stable code followed by where (e.g. {@code ENTRY_CHAIN_BROKEN account=… entry=…})
 */
@io.micronaut.serde.annotation.Serdeable
public record ReconciliationResult(
        long id,
        Instant startedAt,
        Instant finishedAt,
        boolean ok,
        long transfers,
        long entries,
        long accounts,
        long problemCount,
        List<String> problems,
        String triggeredBy) {

    public ReconciliationResult {
        problems = List.copyOf(problems);
    }
}
