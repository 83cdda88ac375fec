package org.gongjian.ui.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.gongjian.roster.RowProblem;
import org.junit.jupiter.api.Test;

class ProblemReportTest {

    @Test
    void texts_of_the_problem_report_that_look_like_formulas_come_out_inert_and_row_numbers_stay_numbers()
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ImportView.ProblemReport(
                        List.of(new RowProblem(3, "=HYPERLINK(\"http://evil.example/\")", "VALUE_NOT_ALLOWED", "x")),
                        List.of("=HYPERLINK(\"http://evil.example/\")"),
                        List.of("@SUM(A1:A9)"),
                        "问题",
                        List.of("行", "+列", "-问题"))
                .write(out);

        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<Row> rows = book.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(1)).isEqualTo("'+列");
            assertThat(rows.get(0).getCellText(2)).isEqualTo("'-问题");
            assertThat(rows.get(1).getCell(0).getType()).isEqualTo(CellType.NUMBER);
            assertThat(rows.get(1).getCellText(1)).isEqualTo("'=HYPERLINK(\"http://evil.example/\")");
            assertThat(rows.get(1).getCell(1).getFormula()).isNull();
            assertThat(rows.get(1).getCellText(2)).isEqualTo("'@SUM(A1:A9)");
        }
    }
}
