package org.gongjian.members;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamePinyinTest {

    @Test
    void a_name_is_spelled_in_lower_case_without_tones_or_spaces_with_its_initials() {
        NamePinyin.Spelling spelling = NamePinyin.of("张三");

        assertThat(spelling.full()).isEqualTo("zhangsan");
        assertThat(spelling.initials()).isEqualTo("zs");
    }

    @ParameterizedTest(name = "{0} is spelled {1} ({2})")
    @CsvSource({
        "曾小贤, zengxiaoxian, zxx",
        "单田芳, shantianfang, stf",
        "解缙, xiejin, xj",
        "仇英, qiuying, qy",
        "朴树, piaoshu, ps",
        "区志明, ouzhiming, ozm",
        "查良镛, zhaliangyong, zly",
        "尉迟恭, yuchigong, ycg",
        "尉健行, weijianxing, wjx",
        "乐嘉, yuejia, yj",
        "翟志刚, zhaizhigang, zzg",
        "长孙无忌, zhangsunwuji, zswj",
        "万俟卨, moqixie, mqx"
    })
    void a_polyphonic_surname_is_read_as_a_surname(String name, String full, String initials) {
        NamePinyin.Spelling spelling = NamePinyin.of(name);

        assertThat(spelling.full()).isEqualTo(full);
        assertThat(spelling.initials()).isEqualTo(initials);
    }

    @Test
    void only_the_surname_gets_the_surname_reading() {
        // 曾 inside a given name keeps the character's first reading (ceng in pinyin4j's table).
        assertThat(NamePinyin.of("王曾").full()).isEqualTo("wangceng");
    }

    @Test
    void u_with_umlaut_is_written_v() {
        assertThat(NamePinyin.of("吕女士").full()).isEqualTo("lvnvshi");
    }

    @Test
    void latin_letters_and_digits_are_kept_and_each_run_is_one_initial() {
        NamePinyin.Spelling spelling = NamePinyin.of("Tom Lee 张");

        assertThat(spelling.full()).isEqualTo("tomleezhang");
        assertThat(spelling.initials()).isEqualTo("tlz");
    }

    @Test
    void a_middle_dot_and_punctuation_are_dropped() {
        NamePinyin.Spelling spelling = NamePinyin.of("买买提·艾力");

        assertThat(spelling.full()).isEqualTo("maimaitiaili");
        assertThat(spelling.initials()).isEqualTo("mmtal");
    }

    @Test
    void the_spelling_is_cut_to_its_column_size() {
        NamePinyin.Spelling spelling = NamePinyin.of("张".repeat(50));

        assertThat(spelling.full()).hasSize(NamePinyin.MAX_FULL);
        assertThat(spelling.initials()).hasSize(NamePinyin.MAX_INITIALS);
    }

    @Test
    void an_empty_or_missing_name_has_an_empty_spelling() {
        assertThat(NamePinyin.of("")).isEqualTo(new NamePinyin.Spelling("", ""));
        assertThat(NamePinyin.of(null)).isEqualTo(new NamePinyin.Spelling("", ""));
    }
}
