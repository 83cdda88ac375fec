package org.gongjian.roster;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The answer to an upload: counts, every problem, what was stored (null when nothing was), and for
 * a refused import the error code and message.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RosterReport(
        int totalRows,
        int validRows,
        int invalidRows,
        List<RowProblem> problems,
        @Nullable ImportedCounts imported,
        @Nullable String code,
        @Nullable String message) {

    /** How many members an import created and updated. */
    @Serdeable
    public record ImportedCounts(int created, int updated) {}

    static RosterReport of(
            RosterCheck check, @Nullable ImportedCounts imported, @Nullable String code, @Nullable String message) {
        return new RosterReport(
                check.totalRows(),
                check.validRows().size(),
                (int) check.invalidRowCount(),
                check.problems(),
                imported,
                code,
                message);
    }
}
