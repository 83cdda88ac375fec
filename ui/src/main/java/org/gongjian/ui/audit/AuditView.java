package org.gongjian.ui.audit;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditEntry;
import org.gongjian.audit.AuditFilter;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.ChainCheck;
import org.gongjian.audit.PluginAuditRows;
import org.gongjian.time.ApplicationTime;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.security.CurrentUser;
import org.gongjian.ui.security.Home;

/** The audit log for administrators, newest first, scoped like everything else. */
@Route(value = "audit", layout = MainLayout.class)
@Prototype
final class AuditView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final AuditLog audit;
    private final Callers callers;
    private final Grid<AuditEntry> grid = new Grid<>();
    private final TextField action = new TextField();
    private final TextField actor = new TextField();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final Span chain = new Span();

    AuditView(AuditLog audit, Callers callers) {
        this.audit = audit;
        this.callers = callers;
        setId("audit");
        setSizeFull();

        action.setLabel(getTranslation("audit.filter.action"));
        action.setId("audit-action");
        action.setClearButtonVisible(true);
        actor.setLabel(getTranslation("audit.filter.actor"));
        actor.setId("audit-actor");
        actor.setClearButtonVisible(true);
        from.setLabel(getTranslation("audit.filter.from"));
        to.setLabel(getTranslation("audit.filter.to"));
        Button search = new Button(getTranslation("audit.search"), e -> refresh());
        search.setId("audit-search");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout filters = new HorizontalLayout(action, actor, from, to, search);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");

        grid.setId("audit-grid");
        grid.addColumn(e -> TIME.format(e.at().atZone(ApplicationTime.ZONE)))
                .setHeader(getTranslation("audit.at"))
                .setAutoWidth(true);
        grid.addColumn(AuditEntry::actorName)
                .setHeader(getTranslation("audit.actor"))
                .setAutoWidth(true);
        grid.addColumn(this::actionLabel)
                .setHeader(getTranslation("audit.action"))
                .setAutoWidth(true);
        grid.addColumn(e -> e.targetType() == null ? "" : e.targetType() + " " + e.targetId())
                .setHeader(getTranslation("audit.target"))
                .setAutoWidth(true);
        grid.addColumn(this::detail).setHeader(getTranslation("audit.detail")).setFlexGrow(1);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);

        chain.setId("audit-chain");
        add(new H2(getTranslation("audit.title")), chain, filters, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        boolean allowed = CurrentUser.get()
                .map(u -> u.has(Role.PLATFORM_ADMIN) || u.has(Role.ORG_ADMIN))
                .orElse(false);
        if (!allowed) {
            Home.forward(event);
            return;
        }
        if (CurrentUser.isAdmin()) {
            ChainCheck check = audit.verify();
            chain.setText(
                    check.intact()
                            ? getTranslation("audit.chain.ok", check.rowsChecked())
                            : getTranslation("audit.chain.broken", check.firstBadSeq()));
            chain.getElement().getThemeList().add(check.intact() ? "badge success" : "badge error");
        }
        refresh();
    }

    private void refresh() {
        Caller caller = callers.forUser(CurrentUser.get().orElseThrow().id());
        AuditFilter filter = new AuditFilter(
                blankToNull(action.getValue()),
                blankToNull(actor.getValue()),
                from.getValue() == null ? null : startOf(from.getValue()),
                to.getValue() == null ? null : startOf(to.getValue().plusDays(1)));
        grid.setItems(audit.latest(caller, filter, 500));
    }

    /** The action in words: the bundle's name, else a plugin's own summary, else the code. */
    private String actionLabel(AuditEntry entry) {
        String label = getTranslation("audit.action." + entry.action());
        if (!label.startsWith("!")) {
            return label;
        }
        return PluginAuditRows.summary(entry).orElse(entry.action());
    }

    private String detail(AuditEntry entry) {
        boolean named = !getTranslation("audit.action." + entry.action()).startsWith("!");
        if (!named && PluginAuditRows.summary(entry).isPresent()) {
            return PluginAuditRows.facts(entry);
        }
        return entry.detail() == null ? "" : entry.detail();
    }

    private static java.time.Instant startOf(LocalDate day) {
        return day.atStartOfDay(ApplicationTime.ZONE).toInstant();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("audit.title") + " · " + getTranslation("app.name");
    }
}
