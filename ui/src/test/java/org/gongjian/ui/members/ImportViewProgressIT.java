package org.gongjian.ui.members;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.gongjian.access.Role;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.personaldata.IdNumbers;
import org.gongjian.roster.RowProblem;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A larger roster is checked and imported in the background while the page shows how far it got;
 * an English page explains the problems of a roster in English, on screen and in the report.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportViewProgressIT {

    private static final String PASSWORD = "a-long-password-1";
    private static final int ROWS = 2_500;

    @Inject
    ApplicationContext context;

    @Inject
    Organizations organizations;

    @BeforeAll
    void a_community_with_its_secretary() {
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "进度街道党工委");
        Organization community = organizations.createChild(street, OrganizationKind.COMMUNITY, "进度社区");
        KaribuSupport.userWithRole(context, "secretary-p", PASSWORD, Role.ORG_ADMIN, community.id());
    }

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
    }

    @Test
    void a_large_roster_shows_its_progress_up_to_100_percent_then_the_summary_and_the_import() throws Exception {
        open(Messages.CHINESE);
        ImportView view = _get(ImportView.class);
        String[][] rows = new String[ROWS][];
        for (int i = 0; i < ROWS; i++) {
            rows[i] = new String[] {"进度" + i, idNumber(i), "进度社区"};
        }

        view.receive("花名册.xlsx", ImportViewIT.roster(rows));
        assertThat(_get(Span.class, s -> s.withId("import-progress-text")).isVisible())
                .isTrue();
        List<String> checked = ImportViewIT.awaitBackground(view);

        assertThat(checked.getLast()).isEqualTo("正在校验：2,500 / 2,500 行 1.0");
        assertThat(_get(Span.class, s -> s.withId("import-summary")).getText())
                .isEqualTo("共 2,500 行，可导入 2,500 行，有问题 0 行");

        _click(_get(Button.class, s -> s.withId("import-commit")));
        List<String> stored = ImportViewIT.awaitBackground(view);

        assertThat(stored.getLast()).isEqualTo("正在导入：2,500 / 2,500 行 1.0");
        assertThat(_get(Span.class, s -> s.withId("import-done")).getText()).isEqualTo("导入完成：新增 2,500 人，更新 0 人，跳过 0 行");
    }

    @Test
    void the_english_page_explains_the_problems_of_a_roster_in_english_on_screen_and_in_the_report() throws Exception {
        open(Messages.ENGLISH);
        ImportView view = _get(ImportView.class);
        String good = idNumber(ROWS + 1);
        String badCheck = good.substring(0, 17) + (good.charAt(17) == '1' ? '2' : '1');

        view.receive(
                "roster.xlsx",
                ImportViewIT.roster(new String[][] {{"英一", badCheck, "进度社区"}, {"英二", idNumber(ROWS + 2), "西风社区"}}));
        ImportViewIT.awaitBackground(view);

        String checkDigit = "The check digit of the ID number is wrong (the last character should be "
                + IdNumbers.checkCharacter(good.substring(0, 17)) + "); please check it";
        String unknown = "There is no organization named \"西风社区\"";
        @SuppressWarnings("unchecked")
        Grid<RowProblem> grid = _get(Grid.class, s -> s.withId("import-problems"));
        assertThat(GridKt._getFormattedRow(grid, 0)).containsExactly("2", "ID number", checkDigit);
        assertThat(GridKt._getFormattedRow(grid, 1)).containsExactly("3", "Organization", unknown);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        view.problemReport().write(out);
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<Row> sheet = book.getFirstSheet().read();
            assertThat(sheet.get(0).getCellText(2)).isEqualTo("Problem");
            assertThat(sheet.get(1).getCellText(1)).isEqualTo("ID number");
            assertThat(sheet.get(1).getCellText(2)).isEqualTo(checkDigit);
            assertThat(sheet.get(2).getCellText(2)).isEqualTo(unknown);
        }
    }

    private void open(java.util.Locale locale) {
        KaribuSupport.setUp(context, locale);
        KaribuSupport.signIn("secretary-p", PASSWORD);
        UI.getCurrent().navigate("members/import");
    }

    /** A valid ID number, distinct for each i: Hangzhou Xihu, a birth date and a sequence from i. */
    private static String idNumber(int i) {
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(i / 900);
        String first17 = "330106" + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", i % 900 + 1);
        return first17 + IdNumbers.checkCharacter(first17);
    }
}
