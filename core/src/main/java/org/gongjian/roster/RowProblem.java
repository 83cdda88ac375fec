package org.gongjian.roster;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One problem of one cell (or of the whole file, with row 1 and the column it misses).
 *
 * @param code a stable code, e.g. {@code ID_NUMBER_CHECK_DIGIT}
 * @param message the explanation in Chinese, as the secretary reads it
 */
@Serdeable
public record RowProblem(int row, String column, String code, String message) {}
