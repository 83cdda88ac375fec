package org.gongjian.members;

import java.util.Locale;
import java.util.Map;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * The pinyin of a member's name for search: the full spelling in lower case without tones or
 * spaces ({@code 张三} → {@code zhangsan}, ü written {@code v}) and the initials ({@code zs}).
 *
 * <p>A character with several readings takes its first reading in pinyin4j's table, except for
 * the surname: the first character (or the first two for a compound surname such as 尉迟) is read
 * as a surname (曾 zeng, 单 shan, 解 xie, 仇 qiu, 朴 piao, 区 ou, 查 zha ...). Latin letters and digits
 * are kept in lower case, each run counting as one syllable; anything else is dropped.
 */
final class NamePinyin {

    /** The column sizes of {@code member.name_pinyin} and {@code member.name_initials}. */
    static final int MAX_FULL = 200;

    static final int MAX_INITIALS = 50;

    /** Compound surnames whose reading differs from their characters' first readings. */
    private static final Map<String, String[]> COMPOUND_SURNAMES = Map.of(
            "尉迟", new String[] {"yu", "chi"},
            "万俟", new String[] {"mo", "qi"},
            "长孙", new String[] {"zhang", "sun"},
            "澹台", new String[] {"tan", "tai"},
            "单于", new String[] {"chan", "yu"});

    /**
     * Surnames read differently from the character's first reading in pinyin4j. 尉 alone is the
     * surname Wèi (尉健行); it is read yù only in the compound surname 尉迟.
     */
    private static final Map<Character, String> SURNAMES = Map.ofEntries(
            Map.entry('曾', "zeng"),
            Map.entry('单', "shan"),
            Map.entry('解', "xie"),
            Map.entry('仇', "qiu"),
            Map.entry('朴', "piao"),
            Map.entry('区', "ou"),
            Map.entry('查', "zha"),
            Map.entry('尉', "wei"),
            Map.entry('乐', "yue"),
            Map.entry('召', "shao"),
            Map.entry('盖', "ge"),
            Map.entry('缪', "miao"),
            Map.entry('翟', "zhai"),
            Map.entry('覃', "qin"),
            Map.entry('秘', "bi"),
            Map.entry('种', "chong"),
            Map.entry('繁', "po"),
            Map.entry('员', "yun"),
            Map.entry('句', "gou"),
            Map.entry('长', "chang"),
            Map.entry('重', "chong"),
            Map.entry('柏', "bai"),
            Map.entry('薄', "bo"),
            Map.entry('隗', "wei"),
            Map.entry('祭', "zhai"),
            Map.entry('宿', "su"),
            Map.entry('折', "she"),
            Map.entry('朝', "chao"),
            Map.entry('都', "du"),
            Map.entry('角', "jue"),
            Map.entry('那', "na"),
            Map.entry('乜', "nie"),
            Map.entry('佴', "nai"),
            Map.entry('粘', "nian"),
            Map.entry('黑', "he"),
            Map.entry('能', "nai"),
            Map.entry('万', "wan"),
            Map.entry('卜', "bu"),
            Map.entry('沈', "shen"),
            Map.entry('藏', "zang"),
            Map.entry('贾', "jia"),
            Map.entry('车', "che"),
            Map.entry('盛', "sheng"),
            Map.entry('调', "diao"));

    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

    static {
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    }

    private NamePinyin() {}

    /** The pinyin of a name, both parts cut to their column sizes. */
    static Spelling of(String name) {
        StringBuilder full = new StringBuilder();
        StringBuilder initials = new StringBuilder();
        String text = name == null ? "" : name.strip();
        int i = 0;
        String[] compound = text.length() >= 2 ? COMPOUND_SURNAMES.get(text.substring(0, 2)) : null;
        if (compound != null) {
            for (String syllable : compound) {
                append(full, initials, syllable);
            }
            i = 2;
        } else if (!text.isEmpty() && SURNAMES.containsKey(text.charAt(0))) {
            append(full, initials, SURNAMES.get(text.charAt(0)));
            i = 1;
        }
        boolean inLatinRun = false;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint < 128 && Character.isLetterOrDigit(codePoint)) {
                char c = Character.toLowerCase((char) codePoint);
                full.append(c);
                if (!inLatinRun) {
                    initials.append(c);
                }
                inLatinRun = true;
                continue;
            }
            inLatinRun = false;
            String reading = codePoint <= Character.MAX_VALUE ? firstReading((char) codePoint) : null;
            if (reading != null) {
                append(full, initials, reading);
            }
        }
        return new Spelling(cut(full, MAX_FULL), cut(initials, MAX_INITIALS));
    }

    /**
     * The first reading of each character looked up so far ({@link #NO_READING} for none): pinyin4j
     * formats every answer with regular expressions, far slower than the array (a roster import
     * spells 100,000 names with a few thousand distinct characters). Filled racily: a slot holds
     * null or the one immutable answer for its character.
     */
    private static final String[] READINGS = new String[Character.MAX_VALUE + 1];

    private static final String NO_READING = "";

    private static String firstReading(char c) {
        String known = READINGS[c];
        if (known == null) {
            known = lookUpFirstReading(c);
            READINGS[c] = known;
        }
        return known == NO_READING ? null : known;
    }

    private static String lookUpFirstReading(char c) {
        try {
            String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
            return readings == null || readings.length == 0 || readings[0].isEmpty()
                    ? NO_READING
                    : readings[0].toLowerCase(Locale.ROOT);
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException(e);
        }
    }

    private static void append(StringBuilder full, StringBuilder initials, String syllable) {
        full.append(syllable);
        initials.append(syllable.charAt(0));
    }

    private static String cut(StringBuilder value, int max) {
        return value.length() <= max ? value.toString() : value.substring(0, max);
    }

    /** The full spelling ({@code zhangsan}) and the initials ({@code zs}) of a name. */
    record Spelling(String full, String initials) {}
}
