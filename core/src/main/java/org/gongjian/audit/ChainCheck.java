package org.gongjian.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The result of verifying the audit chain.
 *
 * @param firstBadSeq the first row that does not verify (changed, or following a removed row)
 */
@Serdeable
public record ChainCheck(boolean intact, long rowsChecked, @Nullable Long firstBadSeq, @Nullable String problem) {}
