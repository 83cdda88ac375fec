package org.gongjian.roster;

import java.io.IOException;
import java.io.OutputStream;
import org.gongjian.spreadsheets.SafeWorkbook;

/** The empty roster a secretary downloads: headers in the first sheet, instructions in a second. */
public final class RosterTemplate {

    private RosterTemplate() {}

    public static void write(OutputStream out) throws IOException {
        SafeWorkbook workbook = new SafeWorkbook(out);
        SafeWorkbook.Sheet sheet = workbook.sheet("花名册");
        RosterColumn[] columns = RosterColumn.values();
        for (int c = 0; c < columns.length; c++) {
            sheet.header(
                    c,
                    columns[c].required() ? columns[c].header() + "*" : columns[c].header(),
                    columns[c].required() ? "F8D7DA" : "EEEEEE");
            sheet.width(c, columns[c].width());
            // ID numbers, phones and dates as text, so that Excel keeps every digit as typed
            sheet.textColumn(c);
        }
        sheet.freezeHeader();

        SafeWorkbook.Sheet help = workbook.sheet("填写说明");
        String[][] lines = {
            {"列", "说明"},
            {"姓名*", "必填，最多 50 个字"},
            {"身份证号*", "必填，18 位，最后一位可以是 X；同一文件中不能重复；已导入过的人员按身份证号更新"},
            {"性别、出生日期", "可不填，自动从身份证号读取；填写时须与身份证号一致"},
            {"手机号", "11 位手机号"},
            {"所属组织*", "必填，填写系统中的组织名称，如“和平社区党委”"},
            {"所属网格", "网格名称，如“和平社区第一网格”"},
            {"人员状态", "在册、迁出、去世；不填为在册"},
            {"政治面貌", "中共党员、中共预备党员、入党积极分子、发展对象、群众"},
            {"入党日期、志愿者注册日期", "格式 2024-03-01 或 2024年3月1日"},
            {"所在党支部", "党支部名称"},
            {"是否志愿者", "是、否"},
            {"标签", "多个标签用顿号或逗号分开，如“低保户、独居老人”"},
        };
        help.header(0, lines[0][0], null);
        help.header(1, lines[0][1], null);
        for (int r = 1; r < lines.length; r++) {
            help.text(r, 0, lines[r][0]);
            help.text(r, 1, lines[r][1]);
        }
        help.width(0, 24);
        help.width(1, 80);
        workbook.finish();
    }
}
