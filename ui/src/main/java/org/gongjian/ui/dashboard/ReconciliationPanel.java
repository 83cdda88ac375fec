package org.gongjian.ui.dashboard;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.gongjian.access.Caller;
import org.gongjian.ledger.LedgerAccess;
import org.gongjian.ledger.ReconciliationResult;
import org.gongjian.time.ApplicationTime;

/**
 * The ledger's reconciliation for platform administrators: when it last ran, OK in green or the
 * problems in red, and "立即对账", which runs in the background while the page polls.
 */
final class ReconciliationPanel extends VerticalLayout {

    static final int PROBLEMS_SHOWN = 5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final LedgerAccess ledger;
    private final Caller caller;
    private final Executor executor;
    private final Span status = new Span();
    private final Span detail = new Span();
    private final UnorderedList problems = new UnorderedList();
    private final Button run = new Button();
    private final ProgressBar progress = new ProgressBar();

    ReconciliationPanel(LedgerAccess ledger, Caller caller, Executor executor) {
        this.ledger = ledger;
        this.caller = caller;
        this.executor = executor;
        setId("reconciliation");
        addClassName("gj-reconciliation");
        setPadding(false);

        status.setId("reconciliation-status");
        detail.setId("reconciliation-detail");
        detail.addClassName("gj-card-note");
        problems.setId("reconciliation-problems");
        run.setText(getTranslation("reconciliation.run"));
        run.setIcon(VaadinIcon.REFRESH.create());
        run.setId("reconciliation-run");
        run.addClickListener(e -> start());
        progress.setIndeterminate(true);
        progress.setId("reconciliation-progress");
        progress.setVisible(false);
        Div card = new Div(status, detail, problems, run, progress);
        card.addClassNames("gj-card", "gj-reconciliation-card");
        add(new H3(getTranslation("reconciliation.title")), card);
        show(ledger.lastReconciliation(caller));
    }

    private void show(Optional<ReconciliationResult> last) {
        problems.removeAll();
        status.getElement().getThemeList().clear();
        if (last.isEmpty()) {
            status.setText(getTranslation("reconciliation.never"));
            status.getElement().getThemeList().add("badge contrast");
            detail.setText("");
            return;
        }
        ReconciliationResult r = last.get();
        status.setText(
                r.ok()
                        ? getTranslation("reconciliation.ok")
                        : getTranslation("reconciliation.problems", r.problemCount()));
        status.getElement().getThemeList().add(r.ok() ? "badge success" : "badge error");
        detail.setText(getTranslation(
                "reconciliation.detail",
                TIME.format(r.finishedAt().atZone(ApplicationTime.ZONE)),
                r.transfers(),
                r.accounts(),
                r.triggeredBy()));
        r.problems().stream().limit(PROBLEMS_SHOWN).forEach(p -> problems.add(new ListItem(p)));
        problems.setVisible(!r.ok());
    }

    private void start() {
        UI ui = UI.getCurrent();
        run.setEnabled(false);
        progress.setVisible(true);
        ui.setPollInterval(500);
        executor.execute(() -> {
            ReconciliationResult result = null;
            try {
                result = ledger.reconcile(caller);
            } finally {
                ReconciliationResult done = result;
                ui.access(() -> {
                    run.setEnabled(true);
                    progress.setVisible(false);
                    ui.setPollInterval(-1);
                    if (done == null) {
                        Notification.show(getTranslation("error.unknown"))
                                .addThemeVariants(NotificationVariant.LUMO_ERROR);
                    } else {
                        show(Optional.of(done));
                    }
                });
            }
        });
    }
}
