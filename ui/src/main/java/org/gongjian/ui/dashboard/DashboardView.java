package org.gongjian.ui.dashboard;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.ledger.LedgerAccess;
import org.gongjian.organizations.PluginCallers;
import org.gongjian.plugins.PluginEnablement;
import org.gongjian.plugins.PluginHost;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.security.CurrentUser;
import org.gongjian.ui.security.Home;

/**
 * The numbers the features contribute ({@link DashboardCard}, each counting only what the caller
 * may see), then the numbers plugins contribute; the ledger's reconciliation for platform
 * administrators.
 */
@Route(value = Home.PATH, layout = MainLayout.class)
@Prototype
final class DashboardView extends VerticalLayout implements HasDynamicTitle {

    DashboardView(
            List<DashboardCard> contributed,
            PluginHost plugins,
            PluginCallers pluginCallers,
            PluginEnablement enablement,
            Callers callers,
            LedgerAccess ledger,
            @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        setId("dashboard");
        add(new H2(getTranslation(
                "dashboard.welcome", CurrentUser.get().map(u -> u.username()).orElse(""))));

        Div cards = new Div();
        cards.addClassName("gj-cards");
        // Only what the user may see: a secretary counts her own subtree, never the whole platform.
        Caller caller = CurrentUser.get().map(u -> callers.forUser(u.id())).orElseThrow();
        contributed.stream()
                .sorted(Comparator.comparingInt(DashboardCard::order).thenComparing(DashboardCard::id))
                .forEach(c -> c.figure(caller)
                        .ifPresent(f -> cards.add(card(c.id(), getTranslation(c.labelKey()), f.value(), note(f)))));
        add(cards);

        // Plugins' numbers where the plugin is on for the caller's organizations only.
        var metrics = plugins.metrics(pluginCallers.of(caller, getLocale())).stream()
                .filter(m -> enablement.enabledWithin(m.pluginId(), caller))
                .toList();
        if (!metrics.isEmpty()) {
            Div pluginCards = new Div();
            pluginCards.addClassName("gj-cards");
            metrics.forEach(m -> pluginCards.add(card(m.pluginId() + "-" + m.key(), m.label(), m.value(), null)));
            add(new H3(getTranslation("dashboard.plugin-metrics")), pluginCards);
        }
        if (caller.isPlatformAdmin()) {
            add(new ReconciliationPanel(ledger, caller, executor));
        }
    }

    private String note(DashboardCard.Figure figure) {
        return figure.noteKey() == null
                ? null
                : getTranslation(figure.noteKey(), figure.noteArguments().toArray());
    }

    private static Div card(String id, String label, long value, String note) {
        Span number = new Span(String.valueOf(value));
        number.addClassName("gj-card-value");
        number.setId("metric-" + id);
        Span caption = new Span(label);
        caption.addClassName("gj-card-label");
        Div card = new Div(number, caption);
        if (note != null) {
            Span small = new Span(note);
            small.addClassName("gj-card-note");
            card.add(small);
        }
        card.addClassName("gj-card");
        return card;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("dashboard.title") + " · " + getTranslation("app.name");
    }
}
