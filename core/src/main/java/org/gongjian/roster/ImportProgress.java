package org.gongjian.roster;

/**
 * Told where a long import stands, from the thread doing the work (and, while rows are prepared,
 * from other threads too: implementations must be thread-safe and quick).
 */
@FunctionalInterface
public interface ImportProgress {

    /** What the rows go through, in order. */
    enum Stage {
        /** Reading the file and checking each cell; the total is not known yet. */
        READ,
        /** The members feature's rules, pinyin, encryption and the lookup of recorded ID numbers. */
        VALIDATE,
        /** Storing in the database (commit). */
        STORE
    }

    ImportProgress NONE = (stage, done, total) -> {};

    /**
     * @param done rows done in this stage so far
     * @param total rows of this stage, or -1 when not known yet (while reading)
     */
    void at(Stage stage, int done, int total);
}
