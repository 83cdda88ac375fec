package org.gongjian.ui.members;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.gongjian.access.Callers;
import org.gongjian.access.Role;
import org.gongjian.members.MemberSearch;
import org.gongjian.members.MemberView;
import org.gongjian.members.Members;
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
 * A community secretary uploads a roster with two good rows and one bad ID number, sees the
 * problem, imports the two good rows and finds them; a file that is not .xlsx is refused.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportViewIT {

    private static final String PASSWORD = "a-long-password-1";

    @Inject
    ApplicationContext context;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Inject
    Callers callers;

    long secretaryId;

    @BeforeAll
    void a_community_with_its_secretary() throws Exception {
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "东风街道党工委");
        Organization community = organizations.createChild(street, OrganizationKind.COMMUNITY, "东风社区");
        secretaryId = grant("secretary-i", Role.ORG_ADMIN, community);
        grant("staff-i", Role.ORG_STAFF, community);
    }

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
    }

    @Test
    void a_secretary_imports_the_valid_rows_of_a_roster_with_one_bad_id_number() throws Exception {
        signIn("secretary-i");
        UI.getCurrent().navigate("members/import");
        ImportView view = _get(ImportView.class);
        String good1 = valid("33010619900307123");
        String bad = valid("33010619920304125");
        bad = bad.substring(0, 17) + (bad.charAt(17) == '1' ? '2' : '1');
        String good2 = valid("33010619881115234");

        view.receive(
                "花名册.xlsx",
                roster(new String[][] {{"钱导一", good1, "东风社区"}, {"钱导二", bad, "东风社区"}, {"钱导三", good2, "东风社区"}}));
        awaitBackground(view);

        assertThat(_get(Span.class, s -> s.withId("import-summary")).getText()).isEqualTo("共 3 行，可导入 2 行，有问题 1 行");
        @SuppressWarnings("unchecked")
        Grid<RowProblem> grid = _get(Grid.class, s -> s.withId("import-problems"));
        List<RowProblem> problems = grid.getListDataView().getItems().toList();
        assertThat(problems)
                .extracting(RowProblem::row, RowProblem::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "身份证号"));
        assertThat(_get(Button.class, s -> s.withId("import-commit")).isEnabled())
                .isFalse();
        Button valid = _get(Button.class, s -> s.withId("import-commit-valid"));
        assertThat(valid.getText()).isEqualTo("仅导入无误的 2 行");

        _click(valid);
        awaitBackground(view);

        assertThat(_get(Span.class, s -> s.withId("import-done")).getText()).isEqualTo("导入完成：新增 2 人，更新 0 人，跳过 1 行");
        List<MemberView> found = members.search(callers.forUser(secretaryId), MemberSearch.of("钱导"))
                .items();
        assertThat(found).extracting(MemberView::name).containsExactlyInAnyOrder("钱导一", "钱导三");
    }

    @Test
    void a_file_that_is_not_xlsx_is_refused_in_chinese() throws Exception {
        signIn("secretary-i");
        UI.getCurrent().navigate("members/import");
        ImportView view = _get(ImportView.class);

        view.receive("名单.csv", "姓名,身份证号".getBytes(StandardCharsets.UTF_8));
        Span error = _get(Span.class, s -> s.withId("import-error"));
        assertThat(error.getText()).isEqualTo("无法读取该文件：请上传 Excel（.xlsx）格式的花名册");

        view.receive("名单.xlsx", "not a workbook".getBytes(StandardCharsets.UTF_8));
        awaitBackground(view);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo("无法读取该文件：请上传 Excel（.xlsx）格式的花名册");
    }

    @Test
    void the_members_page_links_to_the_import_and_the_report_lists_every_problem() throws Exception {
        signIn("secretary-i");
        UI.getCurrent().navigate("members");
        Button link = _get(Button.class, s -> s.withId("members-import"));
        assertThat(link.isVisible()).isTrue();
        assertThat(link.getText()).isEqualTo("导入花名册");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ImportView.ProblemReport(
                        List.of(new RowProblem(3, "身份证号", "ID_NUMBER_CHECK_DIGIT", "身份证号校验位不正确")),
                        List.of("身份证号"),
                        List.of("身份证号校验位不正确"),
                        "问题",
                        List.of("行", "列", "问题"))
                .write(out);
        try (org.dhatim.fastexcel.reader.ReadableWorkbook book =
                new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            List<org.dhatim.fastexcel.reader.Row> rows = book.getFirstSheet().read();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).getCellText(2)).isEqualTo("问题");
            assertThat(rows.get(1).getCellText(0)).isEqualTo("3");
            assertThat(rows.get(1).getCellText(1)).isEqualTo("身份证号");
        }
    }

    @Test
    void staff_are_sent_to_the_dashboard() {
        signIn("staff-i");
        UI.getCurrent().navigate("members/import");
        com.github.mvysny.kaributesting.v10.LocatorJ._assertNone(ImportView.class);
    }

    private static String valid(String first17) {
        return first17 + IdNumbers.checkCharacter(first17);
    }

    /**
     * Waits for the view's background check or import, running the UI's queue meanwhile as the
     * browser's polls would; the progress shown on the way, as "text value" lines.
     */
    static List<String> awaitBackground(ImportView view) throws Exception {
        // found whether shown or not: a file refused at once may hide the bar before the first look
        ProgressBar bar = byId(view, "import-progress", ProgressBar.class);
        Span text = byId(view, "import-progress-text", Span.class);
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!view.running().isDone() && System.nanoTime() < deadline) {
            MockVaadin.runUIQueue();
            seen.add(text.getText() + " " + bar.getValue());
            Thread.sleep(10);
        }
        view.running().get(1, TimeUnit.SECONDS);
        MockVaadin.runUIQueue();
        seen.add(text.getText() + " " + bar.getValue());
        return seen;
    }

    /** A component of the view's tree by id, visible or not. */
    private static <T extends com.vaadin.flow.component.Component> T byId(
            com.vaadin.flow.component.Component root, String id, Class<T> type) {
        if (id.equals(root.getId().orElse(null)) && type.isInstance(root)) {
            return type.cast(root);
        }
        return root.getChildren()
                .map(child -> {
                    try {
                        return byId(child, id, type);
                    } catch (AssertionError e) {
                        return null;
                    }
                })
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " #" + id));
    }

    /** A roster of the columns 姓名*, 身份证号*, 所属组织*. */
    static byte[] roster(String[][] rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "test", "1.0");
        Worksheet sheet = workbook.newWorksheet("花名册");
        sheet.value(0, 0, "姓名*");
        sheet.value(0, 1, "身份证号*");
        sheet.value(0, 2, "所属组织*");
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                sheet.value(r + 1, c, rows[r][c]);
            }
        }
        workbook.finish();
        return out.toByteArray();
    }

    private void signIn(String username) {
        KaribuSupport.setUp(context, Messages.CHINESE);
        KaribuSupport.signIn(username, PASSWORD);
    }

    private long grant(String username, Role role, Organization org) {
        return KaribuSupport.userWithRole(context, username, PASSWORD, role, org.id());
    }
}
