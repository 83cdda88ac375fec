package org.gongjian.spreadsheets;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.regex.Pattern;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * An .xlsx being written, whose text cells cannot be taken for formulas: the only way Gongjian
 * writes a spreadsheet.
 *
 * <p>Every text is a string cell (never a formula cell), and a text that starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab, a carriage return or a null character (OWASP CSV injection;
 * ASVS 5.0 1.2.10) is written with
 * a leading apostrophe: a string cell is not evaluated when the file is opened, but it is when a
 * user edits the cell and presses Enter, or when the sheet is saved as CSV and opened again; the
 * apostrophe keeps it text in each case, and shows the user that the text was not a formula.
 * Texts already starting with apostrophes before such a character get one more, so that {@link
 * #restored} (what an import applies) gives back exactly what was exported. Numbers stay numbers:
 * a negative number is a number cell, never text.
 */
public final class SafeWorkbook {

    private static final Pattern FORMULA_LIKE = Pattern.compile("^'*[=+\\-@\\t\\r\\x00]");
    private static final Pattern NEUTRALIZED = Pattern.compile("^'+[=+\\-@\\t\\r\\x00]");

    private final Workbook workbook;

    public SafeWorkbook(OutputStream out) {
        this.workbook = new Workbook(out, "Gongjian", "1.0");
    }

    /** A new sheet with this (fixed, not user-given) name. */
    public Sheet sheet(String name) {
        return new Sheet(workbook.newWorksheet(name));
    }

    /** Writes the end of the file; the stream is not closed. */
    public void finish() throws IOException {
        workbook.finish();
    }

    /** The text as a spreadsheet cell holds it: with a leading apostrophe when it looks like a formula. */
    public static String neutralized(String text) {
        return FORMULA_LIKE.matcher(text).find() ? "'" + text : text;
    }

    /** The text {@link #neutralized} was given, for a file exported here and imported again. */
    public static String restored(String text) {
        return NEUTRALIZED.matcher(text).find() ? text.substring(1) : text;
    }

    /** One sheet; row and column indexes start at 0, the header is row 0. */
    public static final class Sheet {

        private final Worksheet sheet;

        private Sheet(Worksheet sheet) {
            this.sheet = sheet;
        }

        /** A text cell, {@linkplain #neutralized neutralised}; nothing for null. */
        public void text(int row, int column, @Nullable String text) {
            if (text != null) {
                sheet.value(row, column, neutralized(text));
            }
        }

        /** A number cell. */
        public void number(int row, int column, long number) {
            sheet.value(row, column, number);
        }

        /** A bold header cell in row 0, filled with an RGB colour such as {@code EEEEEE} when given. */
        public void header(int column, String text, @Nullable String fill) {
            text(0, column, text);
            var style = sheet.style(0, column).bold();
            if (fill != null) {
                style = style.fillColor(fill);
            }
            style.set();
        }

        public void width(int column, double width) {
            sheet.width(column, width);
        }

        /** Formats a whole column as text, so that Excel keeps every digit the user types (ID numbers, phones). */
        public void textColumn(int column) {
            sheet.style(column).format("@").set();
        }

        /** Keeps the header row in view while scrolling. */
        public void freezeHeader() {
            sheet.freezePane(0, 1);
        }

        /** Writes the rows so far to the stream, so that a long export does not keep them in memory. */
        public void flush() throws IOException {
            sheet.flush();
        }
    }
}
