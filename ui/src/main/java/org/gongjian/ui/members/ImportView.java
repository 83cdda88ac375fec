package org.gongjian.ui.members;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
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
import com.vaadin.flow.server.Command;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.UploadHandler;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.gongjian.access.Callers;
import org.gongjian.access.Role;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.roster.ImportProgress;
import org.gongjian.roster.RosterCheck;
import org.gongjian.roster.RosterColumn;
import org.gongjian.roster.RosterImports;
import org.gongjian.roster.RosterTemplate;
import org.gongjian.roster.RowProblem;
import org.gongjian.spreadsheets.SafeWorkbook;
import org.gongjian.ui.i18n.ErrorMessages;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.security.CurrentUser;
import org.gongjian.ui.security.Home;

/**
 * 导入花名册: download the template, upload a filled .xlsx, see every problem (and download them as
 * a report), then import all rows or only the valid ones, through {@link RosterImports}.
 */
@Route(value = "members/import", layout = MainLayout.class)
@Prototype
final class ImportView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    static final int MAX_BYTES = 20 * 1024 * 1024;

    /** The shortest time between two progress updates sent to the browser. */
    private static final long PROGRESS_NANOS = 150_000_000L;

    /** How often the browser asks for news while a check or an import runs in the background. */
    static final int POLL_MILLIS = 300;

    private final RosterImports imports;
    private final Callers callers;
    private final ExecutorService background;
    private final Upload upload = new Upload();
    private final ProgressBar progress = new ProgressBar();
    private final Span progressText = new Span();
    private final VerticalLayout working = new VerticalLayout(progressText, progress);
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
    private ProblemReport problemReport;

    /** The check or import running in the background, if any. */
    private Future<?> running;

    /** Set when the user leaves: a running check stops at its next progress report. */
    private volatile boolean cancelled;

    ImportView(RosterImports imports, Callers callers, @Named(TaskExecutors.BLOCKING) ExecutorService background) {
        this.imports = imports;
        this.callers = callers;
        this.background = background;
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
        progress.setWidthFull();
        progressText.setId("import-progress-text");
        working.setPadding(false);
        working.setSpacing(false);
        working.setVisible(false);
        addDetachListener(e -> {
            cancelled = true;
            e.getUI().setPollInterval(-1);
        });
        error.setId("import-error");
        error.addClassName("gj-error");
        error.setVisible(false);

        summary.setId("import-summary");
        problems.setId("import-problems");
        problems.addColumn(RowProblem::row)
                .setHeader(getTranslation("import.problem.row"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        problems.addColumn(p -> columnName(p.column()))
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
                working,
                error,
                review,
                done);
    }

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!mayImport()) {
            Home.forward(event);
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
        org.gongjian.access.Caller caller = caller();
        int estimate = RosterImports.estimatedRows(content);
        cancelled = false;
        Progress tracker = new Progress(getUI().orElseThrow(), estimate);
        showProgress(ImportProgress.Stage.READ, 0, estimate);
        running = background.submit(() -> {
            RosterCheck result;
            try {
                result = imports.check(caller, new ByteArrayInputStream(content), tracker);
            } catch (IOException e) {
                tracker.finish(() -> showError(ErrorMessages.of(this, "ROSTER_UNREADABLE")));
                return;
            } catch (RuntimeException e) {
                if (cancelled) {
                    return; // the user left (Cancelled, possibly wrapped by the rules' parallel stream)
                }
                tracker.finish(() -> showError(ErrorMessages.of(this, "unknown")));
                throw e;
            }
            tracker.finish(() -> show(result));
        });
    }

    /** Shows a finished check: its summary and problems, and what may be imported. */
    private void show(RosterCheck result) {
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
        problemReport = null;
        if (result.hasProblems()) {
            problemReport = new ProblemReport(
                    result.problems(),
                    result.problems().stream().map(p -> columnName(p.column())).toList(),
                    result.problems().stream().map(this::problemText).toList(),
                    getTranslation("import.report.sheet"),
                    List.of(
                            getTranslation("import.problem.row"),
                            getTranslation("import.problem.column"),
                            getTranslation("import.problem.message")));
            ProblemReport shown = problemReport;
            String fileName = getTranslation("import.report.file");
            report.setHref((DownloadHandler) event -> {
                event.setFileName(fileName);
                event.setContentType(XLSX);
                shown.write(event.getOutputStream());
            });
        }
        commit.setEnabled(!result.hasProblems() && valid > 0);
        commitValid.setText(getTranslation("import.commit-valid", valid));
        commitValid.setVisible(result.hasProblems() && valid > 0);
        review.setVisible(true);
    }

    private void store(boolean validOnly) {
        if (check == null || (running != null && !running.isDone())) {
            return;
        }
        RosterCheck stored = check;
        org.gongjian.access.Caller caller = caller();
        review.setVisible(false);
        error.setVisible(false);
        // An import is one transaction: leaving the page does not stop it (it would only be undone).
        Progress tracker =
                new Progress(getUI().orElseThrow(), stored.validRows().size());
        showProgress(ImportProgress.Stage.STORE, 0, stored.validRows().size());
        running = background.submit(() -> {
            try {
                RosterImports.Imported imported = imports.commit(caller, stored, validOnly, tracker);
                tracker.finish(() -> {
                    doneText.setText(
                            getTranslation("import.done", imported.created(), imported.updated(), imported.skipped()));
                    check = null;
                    done.setVisible(true);
                });
            } catch (InvalidInputException e) {
                tracker.finish(() -> {
                    review.setVisible(true);
                    showError(ErrorMessages.of(this, e));
                });
            } catch (RuntimeException e) {
                tracker.finish(() -> {
                    review.setVisible(true);
                    showError(ErrorMessages.of(this, "unknown"));
                });
                throw e;
            }
        });
    }

    /** The check or import running in the background, for tests to wait on; null before the first. */
    Future<?> running() {
        return running;
    }

    private void showProgress(ImportProgress.Stage stage, int done, int total) {
        working.setVisible(true);
        progress.setIndeterminate(total <= 0);
        if (total > 0) {
            progress.setValue(Math.min(1.0, (double) done / total));
        }
        progressText.setText(
                switch (stage) {
                    case READ -> getTranslation("import.progress.read", done);
                    case VALIDATE -> getTranslation("import.progress.validate", done, total);
                    case STORE -> getTranslation("import.progress.store", done, total);
                });
    }

    /** Thrown from a progress report once the user has left: the check stops there. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("The user left the import page", null, false, false);
        }
    }

    /**
     * Carries the progress of a background task to the page (at most every 150 ms, and always the
     * last report of a stage) and its outcome; the page polls meanwhile.
     */
    private final class Progress implements ImportProgress {

        private final UI ui;
        private final int estimatedRows;
        private long last;

        Progress(UI ui, int estimatedRows) {
            this.ui = ui;
            this.estimatedRows = estimatedRows;
            ui.setPollInterval(POLL_MILLIS);
        }

        @Override
        public synchronized void at(Stage stage, int done, int total) {
            if (cancelled && stage != Stage.STORE) {
                throw new Cancelled();
            }
            long now = System.nanoTime();
            if (done != total && now - last < PROGRESS_NANOS) {
                return;
            }
            last = now;
            int all = stage == Stage.READ ? Math.max(estimatedRows, done) : total;
            access(() -> showProgress(stage, done, stage == Stage.READ && estimatedRows <= 0 ? -1 : all));
        }

        /** Shows the outcome and stops polling. */
        void finish(Runnable outcome) {
            access(() -> {
                working.setVisible(false);
                ui.setPollInterval(-1);
                outcome.run();
            });
        }

        private void access(Command command) {
            try {
                ui.access(command);
            } catch (UIDetachedException e) {
                // the user left; nothing to show
            }
        }
    }

    private void restart() {
        if (running != null && !running.isDone()) {
            return;
        }
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

    /**
     * The problem in the user's language: as the service says it in Chinese, else from the bundle
     * by its message key and arguments (the service's words when the bundle lacks the key).
     */
    String problemText(RowProblem p) {
        if (getLocale() == null || !"en".equals(getLocale().getLanguage())) {
            return p.message();
        }
        Object[] args = p.args().stream().map(this::columnName).toArray();
        String text = getTranslation("roster.problem." + p.messageKey(), args);
        return text.startsWith("!") ? p.message() : text;
    }

    /** A column of the roster as the user's language names it (its Chinese header when English is not chosen). */
    String columnName(String header) {
        if (getLocale() == null || !"en".equals(getLocale().getLanguage())) {
            return header;
        }
        for (RosterColumn column : RosterColumn.values()) {
            if (column.header().equals(header)) {
                return column.header(getLocale());
            }
        }
        return header;
    }

    private org.gongjian.access.Caller caller() {
        return callers.forUser(CurrentUser.get().orElseThrow().id());
    }

    /** The problem report of the check shown, null when it has no problems. */
    ProblemReport problemReport() {
        return problemReport;
    }

    /** The problems as a workbook: row, column, problem, in the user's language. */
    record ProblemReport(
            List<RowProblem> problems,
            List<String> columns,
            List<String> texts,
            String sheetName,
            List<String> headers) {

        void write(OutputStream out) throws IOException {
            SafeWorkbook workbook = new SafeWorkbook(out);
            SafeWorkbook.Sheet sheet = workbook.sheet(sheetName);
            for (int c = 0; c < headers.size(); c++) {
                sheet.header(c, headers.get(c), null);
            }
            sheet.width(0, 8);
            sheet.width(1, 16);
            sheet.width(2, 80);
            for (int r = 0; r < problems.size(); r++) {
                RowProblem p = problems.get(r);
                sheet.number(r + 1, 0, p.row());
                sheet.text(r + 1, 1, columns.get(r));
                sheet.text(r + 1, 2, texts.get(r));
            }
            workbook.finish();
        }
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
