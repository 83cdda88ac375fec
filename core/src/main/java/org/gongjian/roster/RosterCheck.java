package org.gongjian.roster;

import java.util.List;

/**
 * The outcome of reading a roster: the rows that can be stored and every problem found. A file
 * with problems changes nothing unless the user chooses to store the valid rows.
 */
public record RosterCheck(int totalRows, List<RosterRow> validRows, List<RowProblem> problems) {

    public RosterCheck {
        validRows = List.copyOf(validRows);
        problems = List.copyOf(problems);
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
