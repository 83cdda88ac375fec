package org.gongjian.roster;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One problem of one cell (or of the whole file, with row 1 and the column it misses).
 *
 * @param code a stable code, e.g. {@code ID_NUMBER_CHECK_DIGIT}
 * @param message the explanation in Chinese, as the secretary reads it
 * @param messageKey which explanation it is, for a client showing it in another language: the
 *     code, or a finer key where one code has several explanations (e.g. {@code
 *     ORGANIZATION_NOT_UNIQUE} of {@code ORGANIZATION_UNKNOWN})
 * @param args the values the explanation names, in order (a column, a count, a cell's text)
 */
@Serdeable
public record RowProblem(int row, String column, String code, String message, String messageKey, List<String> args) {

    public RowProblem {
        args = List.copyOf(args);
    }

    /** A problem whose explanation is the code's own and names no values. */
    public RowProblem(int row, String column, String code, String message) {
        this(row, column, code, message, code, List.of());
    }

    /** A problem whose explanation is the code's own, naming these values. */
    static RowProblem of(int row, String column, String code, String message, Object... args) {
        return new RowProblem(row, column, code, message, code, strings(args));
    }

    static List<String> strings(Object... args) {
        return java.util.Arrays.stream(args).map(String::valueOf).toList();
    }
}
