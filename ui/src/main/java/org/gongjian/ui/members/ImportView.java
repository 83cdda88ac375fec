package org.gongjian.ui.members;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.UploadHandler;
import io.micronaut.context.annotation.Prototype;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.gongjian.access.Callers;
import org.gongjian.access.Role;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.roster.RosterCheck;
import org.gongjian.roster.RosterImports;
import org.gongjian.roster.RosterTemplate;
import org.gongjian.roster.RowProblem;
import org.gongjian.ui.dashboard.DashboardView;
import org.gongjian.ui.i18n.ErrorMessages;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.security.CurrentUser;

/**
 * 导入花名册: download the template, upload a filled .xlsx, see every problem (and download them as
 * a report), then import all rows or only the valid ones, through {@link RosterImports}.
 */
@Route(value = "members/import", layout = MainLayout.class)
@Prototype
final class ImportView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    static final int MAX_BYTES = 20 * 1024 * 1024;

    private final RosterImports imports;
    private final Callers callers;
    private final Upload upload = new Upload();
    private final ProgressBar progress = new ProgressBar();
    private final Span error = new Span();
    private final VerticalLayout review = new VerticalLayout();
    private final Span summary = new Span();
    private final Grid<RowProblem> problems = new Grid<>();
    private final Anchor report = new Anchor();
    private final Button commit = new Button();
    private final Button commitValid = new Button();
    private final Button again = new Button();
    private final VerticalLayout done = new VerticalLayout();
    private final Span doneText = new Span();
    private RosterCheck check;

    ImportView(RosterImports imports, Callers callers) {
        this.imports = imports;
        this.callers = callers;
        setId("import");

        Anchor template = new Anchor(
                (DownloadHandler) event -> {
                    event.setFileName("花名册模板.xlsx");
                    event.setContentType(XLSX);
                    RosterTemplate.write(event.getOutputStream());
                },
                getTranslation("import.template"));
        template.setId("import-template");

        upload.setId("import-upload");
        upload.setUploadHandler(UploadHandler.inMemory((meta, bytes) -> receive(meta.fileName(), bytes)));
        upload.setAcceptedFileTypes(XLSX, ".xlsx");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(MAX_BYTES);
        upload.setI18n(uploadTexts());
        upload.addFileRejectedListener(e -> showError(e.getErrorMessage()));
        // a round trip after the upload, so that the check's outcome reaches the browser without push
        upload.addAllFinishedListener(e -> upload.clearFileList());

        progress.setId("import-progress");
        progress.setIndeterminate(true);
        progress.setVisible(false);
        error.setId("import-error");
        error.addClassName("gj-error");
        error.setVisible(false);

        summary.setId("import-summary");
        problems.setId("import-problems");
        problems.addColumn(RowProblem::row)
                .setHeader(getTranslation("import.problem.row"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        problems.addColumn(RowProblem::column)
                .setHeader(getTranslation("import.problem.column"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        problems.addColumn(this::problemText).setHeader(getTranslation("import.problem.message"));
        problems.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        problems.setAllRowsVisible(true);
        problems.setWidthFull();
        report.setId("import-report");
        report.setText(getTranslation("import.report"));
        commit.setId("import-commit");
        commit.setText(getTranslation("import.commit"));
        commit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        commit.addClickListener(e -> store(false));
        commitValid.setId("import-commit-valid");
        commitValid.addClickListener(e -> store(true));
        again.setId("import-again");
        again.setText(getTranslation("import.again"));
        again.addClickListener(e -> restart());
        HorizontalLayout actions = new HorizontalLayout(commit, commitValid, again);
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        review.setPadding(false);
        review.add(new H3(getTranslation("import.step2")), summary, problems, report, actions);
        review.setVisible(false);

        doneText.setId("import-done");
        RouterLink toMembers = new RouterLink(getTranslation("import.to-members"), MembersView.class);
        toMembers.setId("import-to-members");
        done.setPadding(false);
        done.add(new H3(getTranslation("import.step3")), doneText, toMembers);
        done.setVisible(false);

        add(
                new H2(getTranslation("import.title")),
                new H3(getTranslation("import.step1")),
                new Span(getTranslation("import.step1.help")),
                template,
                upload,
                progress,
                error,
                review,
                done);
    }

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!mayImport()) {
            event.forwardTo(DashboardView.class);
        }
    }

    static boolean mayImport() {
        return CurrentUser.get()
                .map(u -> u.has(Role.PLATFORM_ADMIN) || u.has(Role.ORG_ADMIN))
                .orElse(false);
    }

    /** Checks an uploaded file and shows its summary and problems; changes nothing. */
    void receive(String fileName, byte[] content) {
        check = null;
        error.setVisible(false);
        review.setVisible(false);
        done.setVisible(false);
        if (fileName == null || !fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx") || content.length > MAX_BYTES) {
            showError(ErrorMessages.of(this, content.length > MAX_BYTES ? "ROSTER_TOO_BIG" : "ROSTER_UNREADABLE"));
            return;
        }
        progress.setVisible(true);
        RosterCheck result;
        try {
            result = imports.check(caller(), new ByteArrayInputStream(content), rows -> {});
        } catch (IOException e) {
            showError(ErrorMessages.of(this, "ROSTER_UNREADABLE"));
            return;
        } finally {
            progress.setVisible(false);
        }
        List<RowProblem> fileProblems =
                result.problems().stream().filter(p -> p.row() <= 1).toList();
        if (result.validRows().isEmpty()
                && !fileProblems.isEmpty()
                && fileProblems.stream().anyMatch(p -> p.code().startsWith("ROSTER_"))) {
            showError(problemText(fileProblems.getFirst()));
            return;
        }
        check = result;
        int valid = result.validRows().size();
        summary.setText(getTranslation("import.summary", result.totalRows(), valid, result.invalidRowCount()));
        problems.setItems(result.problems());
        problems.setVisible(result.hasProblems());
        report.setVisible(result.hasProblems());
        if (result.hasProblems()) {
            List<RowProblem> list = result.problems();
            report.setHref((DownloadHandler) event -> {
                event.setFileName("问题报告.xlsx");
                event.setContentType(XLSX);
                writeReport(list, event.getOutputStream());
            });
        }
        commit.setEnabled(!result.hasProblems() && valid > 0);
        commitValid.setText(getTranslation("import.commit-valid", valid));
        commitValid.setVisible(result.hasProblems() && valid > 0);
        review.setVisible(true);
    }

    private void store(boolean validOnly) {
        if (check == null) {
            return;
        }
        try {
            RosterImports.Imported imported = imports.commit(caller(), check, validOnly);
            doneText.setText(getTranslation("import.done", imported.created(), imported.updated(), imported.skipped()));
            check = null;
            review.setVisible(false);
            done.setVisible(true);
        } catch (InvalidInputException e) {
            showError(ErrorMessages.of(this, e));
        }
    }

    private void restart() {
        check = null;
        review.setVisible(false);
        done.setVisible(false);
        error.setVisible(false);
        upload.clearFileList();
    }

    private void showError(String text) {
        error.setText(text);
        error.setVisible(true);
    }

    /** The problem in the user's language when the bundles know its code, else as the service says. */
    private String problemText(RowProblem p) {
        if (getLocale() == null || !"en".equals(getLocale().getLanguage())) {
            return p.message();
        }
        String text = getTranslation("error." + p.code());
        return text.startsWith("!") ? p.message() : text;
    }

    private org.gongjian.access.Caller caller() {
        return callers.forUser(CurrentUser.get().orElseThrow().id());
    }

    /** The problems as a workbook: 行, 列, 问题. */
    static void writeReport(List<RowProblem> list, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "Gongjian", "1.0");
        Worksheet sheet = workbook.newWorksheet("问题");
        String[] headers = {"行", "列", "问题"};
        for (int c = 0; c < headers.length; c++) {
            sheet.value(0, c, headers[c]);
            sheet.style(0, c).bold().set();
        }
        sheet.width(0, 8);
        sheet.width(1, 16);
        sheet.width(2, 80);
        for (int r = 0; r < list.size(); r++) {
            RowProblem p = list.get(r);
            sheet.value(r + 1, 0, p.row());
            sheet.value(r + 1, 1, p.column());
            sheet.value(r + 1, 2, p.message());
        }
        workbook.finish();
    }

    private UploadI18N uploadTexts() {
        UploadI18N i18n = new UploadI18N();
        i18n.setDropFiles(new UploadI18N.DropFiles()
                .setOne(getTranslation("import.upload.drop"))
                .setMany(getTranslation("import.upload.drop")));
        i18n.setAddFiles(new UploadI18N.AddFiles()
                .setOne(getTranslation("import.upload.add"))
                .setMany(getTranslation("import.upload.add")));
        i18n.setError(new UploadI18N.Error()
                .setTooManyFiles(getTranslation("import.upload.too-many"))
                .setFileIsTooBig(getTranslation("import.upload.too-big"))
                .setIncorrectFileType(getTranslation("import.upload.wrong-type")));
        return i18n;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("import.title") + " · " + getTranslation("app.name");
    }
}
