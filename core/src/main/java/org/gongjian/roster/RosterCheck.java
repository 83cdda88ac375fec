package org.gongjian.roster;

import java.util.List;
import org.gongjian.members.MemberBulkWriter;

/**
 * The outcome of reading a roster: the rows that can be stored and every problem found. A file
 * with problems changes nothing unless the user chooses to store the valid rows. {@code prepared}
 * (null when not prepared) holds the valid rows ready to store, for the caller who checked them.
 */
public record RosterCheck(
        int totalRows, List<RosterRow> validRows, List<RowProblem> problems, MemberBulkWriter.Prepared prepared) {

    public RosterCheck {
        validRows = List.copyOf(validRows);
        problems = List.copyOf(problems);
    }

    /** A check whose rows are not prepared for storing (the commit prepares them). */
    public RosterCheck(int totalRows, List<RosterRow> validRows, List<RowProblem> problems) {
        this(totalRows, validRows, problems, null);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** How many rows have at least one problem. */
    public long invalidRowCount() {
        return problems.stream()
                .mapToInt(RowProblem::row)
                .filter(r -> r > 1)
                .distinct()
                .count();
    }
}
