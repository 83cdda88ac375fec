package org.gongjian.roster;

import java.util.List;
import java.util.Map;
import org.gongjian.members.MemberBulkWriter;

/** Chinese messages for the members feature's codes that a roster row can still run into. */
final class RosterMessages {

    private static final Map<String, String> CHINESE = Map.ofEntries(
            Map.entry("ID_NUMBER_REGION", "身份证号开头的地区码无效"),
            Map.entry("ID_NUMBER_BIRTH_DATE", "身份证号中的出生日期无效"),
            Map.entry("BIRTH_DATE_IMPLAUSIBLE", "出生日期应在 1900 年至今天之间"),
            Map.entry("PARTY_STATUS_REQUIRED", "填写了入党日期或党支部，但政治面貌不是党员"),
            Map.entry("PARTY_JOINED_BEFORE_BIRTH", "入党日期早于出生日期"),
            Map.entry("NAME_CHARACTERS", "姓名含有不可见或不允许的字符"),
            Map.entry("NAME_WITHOUT_LETTERS", "姓名不能只有数字或符号"),
            Map.entry("ADDRESS_CHARACTERS", "住址含有不可见或不允许的字符"),
            Map.entry("SKILLS_CHARACTERS", "特长技能含有不可见或不允许的字符"),
            Map.entry("TAG_CHARACTERS", "标签含有不允许的字符"),
            Map.entry("GRID_UNKNOWN", "网格不存在"),
            Map.entry("GRID_NOT_A_GRID", "所属网格不是网格"),
            Map.entry("BRANCH_UNKNOWN", "党支部不存在"),
            Map.entry("BRANCH_NOT_A_BRANCH", "所在党支部不是党支部或党总支"));

    private RosterMessages() {}

    static String chinese(MemberBulkWriter.Rejection rejection) {
        return CHINESE.getOrDefault(rejection.code(), "不符合人员信息规则（" + rejection.code() + "）");
    }

    /** The problem of a row the members feature refused: message key {@code MEMBER_RULE} for a code not listed here. */
    static RowProblem problem(int row, String column, MemberBulkWriter.Rejection rejection) {
        String code = rejection.code();
        return CHINESE.containsKey(code)
                ? new RowProblem(row, column, code, chinese(rejection))
                : new RowProblem(row, column, code, chinese(rejection), "MEMBER_RULE", List.of(code));
    }
}
