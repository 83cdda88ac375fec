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
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.ledger.LedgerAccess;
import org.gongjian.members.MemberSearch;
import org.gongjian.members.Members;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.organizations.Organizations;
import org.gongjian.plugins.PluginHost;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.security.CurrentUser;

/**
 * Organizations, members and plugins at a glance, with the numbers plugins contribute; the ledger's
 * reconciliation for platform administrators.
 */
@Route(value = "", layout = MainLayout.class)
@Prototype
public final class DashboardView extends VerticalLayout implements HasDynamicTitle {

    DashboardView(
            Organizations organizations,
            Members members,
            PluginHost plugins,
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
        List<OrganizationNode> tree = organizations.tree(caller);
        long activeMembers = members.search(
                        caller, new MemberSearch(null, null, "ACTIVE", null, null, null, 0, 1, null))
                .total();
        cards.add(card("organizations", getTranslation("dashboard.organizations"), count(tree), null));
        cards.add(card("members", getTranslation("dashboard.members"), activeMembers, null));
        cards.add(card(
                "plugins",
                getTranslation("dashboard.plugins"),
                plugins.startedCount(),
                getTranslation("dashboard.plugins.of", plugins.list().size())));
        add(cards);

        var metrics = plugins.metrics(getLocale());
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

    private static long count(List<OrganizationNode> nodes) {
        return nodes.stream().mapToLong(n -> 1 + count(n.children())).sum();
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
