package org.gongjian.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.gongjian.personaldata.IdNumbers;
import org.junit.jupiter.api.Test;

class RosterReaderTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final Map<String, Long> ORGS = Map.of("和平社区党委", 10L, "和平社区第一网格", 11L, "第一党支部", 12L);
    private static final OrganizationNames NAMES = (name, kinds) -> ORGS.containsKey(name)
            ? OrganizationNames.Resolution.found(ORGS.get(name))
            : OrganizationNames.Resolution.problem("系统中没有名为“" + name + "”的组织");

    private static String id(String first17) {
        return first17 + IdNumbers.checkCharacter(first17);
    }

    @Test
    void good_rows_are_kept_and_every_bad_row_is_reported_in_chinese_with_row_and_column() throws IOException {
        String zhang = id("11010519800101001"); // male (odd 17th digit)
        String li = id("11010519851212002"); // female
        byte[] file = xlsx(
                List.of("姓名*", "身份证号*", "性别", "手机号", "所属组织*", "所属网格", "政治面貌", "入党日期", "是否志愿者", "标签"),
                List.of("张三", zhang, "男", "138 1234 5678", "和平社区党委", "和平社区第一网格", "中共党员", "2001年7月1日", "是", "低保户、独居老人"),
                List.of("李四", li, "", "", "和平社区党委", "", "群众", "", "否", ""),
                List.of("王五", "110105198001010010", "", "", "和平社区党委", "", "", "", "", ""),
                List.of("赵六", zhang, "", "", "和平社区党委", "", "", "", "", ""),
                List.of("孙七", id("11010519900505003"), "女", "1234", "不存在的社区", "", "党员", "2001-13-01", "", ""),
                List.of("", id("11010519900606004"), "", "", "和平社区党委", "", "", "", "", ""),
                List.of("", "", "", "", "", "", "", "", "", ""));

        List<Integer> progress = new ArrayList<>();
        RosterCheck check = new RosterReader(NAMES, TODAY, progress::add).read(new ByteArrayInputStream(file));

        assertThat(check.totalRows()).as("the blank row is not counted").isEqualTo(6);
        assertThat(check.validRows()).extracting(RosterRow::name).containsExactly("张三", "李四");
        RosterRow first = check.validRows().get(0);
        assertThat(first.phone()).isEqualTo("13812345678");
        assertThat(first.gender()).isEqualTo("MALE");
        assertThat(first.birthDate()).isEqualTo(LocalDate.of(1980, 1, 1));
        assertThat(first.organizationId()).isEqualTo(10L);
        assertThat(first.gridId()).isEqualTo(11L);
        assertThat(first.partyStatus()).isEqualTo("FULL");
        assertThat(first.partyJoinedOn()).isEqualTo(LocalDate.of(2001, 7, 1));
        assertThat(first.volunteer()).isTrue();
        assertThat(first.tags()).containsExactly("低保户", "独居老人");
        assertThat(check.validRows().get(1).gender()).as("from the ID number").isEqualTo("FEMALE");
        assertThat(check.validRows().get(1).partyStatus())
                .as("群众 is no party status")
                .isNull();

        assertThat(check.problems())
                .extracting(RowProblem::row, RowProblem::column, RowProblem::code)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(4, "身份证号", "ID_NUMBER_CHECK_DIGIT"),
                        org.assertj.core.groups.Tuple.tuple(5, "身份证号", "ID_NUMBER_DUPLICATE_IN_FILE"),
                        org.assertj.core.groups.Tuple.tuple(6, "性别", "GENDER_CONTRADICTS_ID_NUMBER"),
                        org.assertj.core.groups.Tuple.tuple(6, "手机号", "PHONE_INVALID"),
                        org.assertj.core.groups.Tuple.tuple(6, "所属组织", "ORGANIZATION_UNKNOWN"),
                        org.assertj.core.groups.Tuple.tuple(6, "政治面貌", "VALUE_NOT_ALLOWED"),
                        org.assertj.core.groups.Tuple.tuple(6, "入党日期", "DATE_INVALID"),
                        org.assertj.core.groups.Tuple.tuple(7, "姓名", "REQUIRED"));
        assertThat(check.problems())
                .filteredOn(p -> p.code().equals("ID_NUMBER_DUPLICATE_IN_FILE"))
                .extracting(RowProblem::message)
                .containsExactly("与第 2 行的身份证号重复");
        assertThat(check.problems())
                .filteredOn(p -> p.code().equals("ID_NUMBER_CHECK_DIGIT"))
                .extracting(RowProblem::message)
                .allMatch(m -> m.startsWith("身份证号校验位错误"));
        assertThat(check.invalidRowCount()).isEqualTo(4);
        assertThat(progress).containsExactly(6);
    }

    @Test
    void a_file_without_the_required_columns_is_refused_before_any_row() throws IOException {
        byte[] file = xlsx(List.of("名字", "电话"), List.of("张三", "13812345678"));
        RosterCheck check = new RosterReader(NAMES, TODAY, n -> {}).read(new ByteArrayInputStream(file));
        assertThat(check.validRows()).isEmpty();
        assertThat(check.problems())
                .extracting(RowProblem::code, RowProblem::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("COLUMN_MISSING", "姓名"),
                        org.assertj.core.groups.Tuple.tuple("COLUMN_MISSING", "身份证号"),
                        org.assertj.core.groups.Tuple.tuple("COLUMN_MISSING", "所属组织"));
    }

    @Test
    void something_that_is_not_an_xlsx_file_gets_a_clear_message() throws IOException {
        RosterCheck check = new RosterReader(NAMES, TODAY, n -> {})
                .read(new ByteArrayInputStream("姓名,身份证号\n张三,1".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(check.problems()).extracting(RowProblem::code).containsExactly("ROSTER_UNREADABLE");
        assertThat(check.problems().get(0).message()).contains(".xlsx");
    }

    @Test
    void the_template_reads_back_as_an_empty_roster() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RosterTemplate.write(out);
        RosterCheck check = new RosterReader(NAMES, TODAY, n -> {}).read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(check.problems()).isEmpty();
        assertThat(check.totalRows()).isZero();
    }

    @SafeVarargs
    private static byte[] xlsx(List<String>... rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "test", "1.0");
        Worksheet sheet = workbook.newWorksheet("花名册");
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].size(); c++) {
                if (!rows[r].get(c).isEmpty()) {
                    sheet.value(r, c, rows[r].get(c));
                }
            }
        }
        workbook.finish();
        return out.toByteArray();
    }
}
