package org.gongjian.roster;

import java.util.Locale;

/** The columns of the roster, in template order; a file may order them differently. */
public enum RosterColumn {
    NAME("姓名", "Name", true, 12),
    ID_NUMBER("身份证号", "ID number", true, 22),
    GENDER("性别", "Gender", false, 6),
    BIRTH_DATE("出生日期", "Birth date", false, 12),
    PHONE("手机号", "Mobile", false, 14),
    ORGANIZATION("所属组织", "Organization", true, 20),
    GRID("所属网格", "Grid", false, 14),
    ADDRESS("住址", "Address", false, 30),
    STATUS("人员状态", "Status", false, 10),
    PARTY_STATUS("政治面貌", "Political status", false, 14),
    PARTY_JOINED_ON("入党日期", "Joined the party", false, 12),
    BRANCH("所在党支部", "Party branch", false, 18),
    VOLUNTEER("是否志愿者", "Volunteer", false, 10),
    VOLUNTEER_SINCE("志愿者注册日期", "Volunteer since", false, 14),
    SKILLS("特长技能", "Skills", false, 20),
    TAGS("标签", "Tags", false, 20);

    private final String chinese;
    private final String english;
    private final boolean required;
    private final int width;

    RosterColumn(String chinese, String english, boolean required, int width) {
        this.chinese = chinese;
        this.english = english;
        this.required = required;
        this.width = width;
    }

    public String header(Locale locale) {
        return "en".equals(locale.getLanguage()) ? english : chinese;
    }

    /** The header as it appears in the template and in problem reports. */
    public String header() {
        return chinese;
    }

    public boolean required() {
        return required;
    }

    int width() {
        return width;
    }

    /** Whether a header cell names this column (Chinese or English, spaces and a leading * ignored). */
    boolean matches(String headerCell) {
        String cell =
                headerCell.replace("*", "").replace(" ", "").replace("　", "").toLowerCase(Locale.ROOT);
        return cell.equals(chinese) || cell.equals(english.replace(" ", "").toLowerCase(Locale.ROOT));
    }
}
