package org.gongjian.spreadsheets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeWorkbookTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "=HYPERLINK(\"http://evil.example/\",\"点我\")",
                "+1",
                "-1+2",
                "@SUM(A1:A9)",
                "\t=1",
                "\r=1",
                "\0=1",
                "'=1",
                "''+1"
            })
    void a_text_a_spreadsheet_would_evaluate_gets_an_apostrophe_and_comes_back_unchanged(String text) {
        String written = SafeWorkbook.neutralized(text);

        assertThat(written).isEqualTo("'" + text);
        assertThat(SafeWorkbook.restored(written)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"张三", "1+1", "a=b", "'quoted'", "", " =1", "＝1"})
    void any_other_text_is_written_as_it_is(String text) {
        assertThat(SafeWorkbook.neutralized(text)).isEqualTo(text);
        assertThat(SafeWorkbook.restored(text)).isEqualTo(text);
    }

    @Test
    void texts_are_string_cells_without_formulas_and_numbers_stay_numbers() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafeWorkbook workbook = new SafeWorkbook(out);
        SafeWorkbook.Sheet sheet = workbook.sheet("表");
        sheet.header(0, "=表头", "EEEEEE");
        sheet.text(1, 0, "=1+1");
        sheet.text(1, 1, null);
        sheet.number(1, 2, -5);
        workbook.finish();

        try (ReadableWorkbook read = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()));
                Stream<Row> rows = read.getFirstSheet().openStream()) {
            List<Row> all = rows.toList();
            assertThat(all.get(0).getCell(0).getText()).isEqualTo("'=表头");
            Row row = all.get(1);
            assertThat(row.getCell(0).getType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(0).getText()).isEqualTo("'=1+1");
            assertThat(row.getCell(0).getFormula()).isNull();
            assertThat(row.getOptionalCell(1)).isEmpty();
            assertThat(row.getCell(2).getType()).isEqualTo(CellType.NUMBER);
            assertThat(row.getCell(2).asNumber()).isEqualByComparingTo(BigDecimal.valueOf(-5));
        }
    }
}
