package org.gongjian.ui.timebank;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import java.time.LocalDate;
import java.util.List;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.organizations.Organizations;
import org.gongjian.time.ApplicationTime;
import org.gongjian.timebank.FlowReport;
import org.gongjian.timebank.PolicyView;
import org.gongjian.timebank.TimeBank;
import org.gongjian.timebank.TimeBankPolicies;
import org.gongjian.ui.i18n.ErrorMessages;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.organizations.OrganizationChoices;
import org.gongjian.ui.security.CurrentUser;
import org.gongjian.ui.security.Home;

/**
 * The time-bank page for staff and administrators: the policy in force at an organization of
 * their subtree, and what flowed between communities in a period (通存通兑).
 */
@Route(value = "timebank", layout = MainLayout.class)
@Prototype
final class TimeBankView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private final TimeBank timeBank;
    private final TimeBankPolicies policies;
    private final Organizations organizations;
    private final Callers callers;
    private final ComboBox<OrganizationNode> organization = new ComboBox<>();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final Span policy = new Span();
    private final Grid<FlowReport.Flow> flows = new Grid<>();
    private Caller caller;

    TimeBankView(TimeBank timeBank, TimeBankPolicies policies, Organizations organizations, Callers callers) {
        this.timeBank = timeBank;
        this.policies = policies;
        this.organizations = organizations;
        this.callers = callers;
        setId("timebank");
        organization.setId("timebank-organization");
        organization.setLabel(getTranslation("timebank.organization"));
        organization.setItemLabelGenerator(o -> OrganizationChoices.label(this, o));
        organization.setWidth("min(24rem, 100%)");
        from.setId("timebank-from");
        from.setLabel(getTranslation("timebank.from"));
        to.setId("timebank-to");
        to.setLabel(getTranslation("timebank.to"));
        policy.setId("timebank-policy");
        organization.addValueChangeListener(e -> show());
        from.addValueChangeListener(e -> show());
        to.addValueChangeListener(e -> show());

        flows.setId("timebank-flows");
        flows.addColumn(FlowReport.Flow::organizationName)
                .setHeader(getTranslation("timebank.flow.organization"))
                .setAutoWidth(true);
        flows.addColumn(FlowReport.Flow::memberCommunityName)
                .setHeader(getTranslation("timebank.flow.members"))
                .setAutoWidth(true);
        flows.addColumn(f -> f.depositedHours().toPlainString() + " (" + f.deposits() + ")")
                .setHeader(getTranslation("timebank.flow.deposited"));
        flows.addColumn(f -> f.spentHours().toPlainString() + " (" + f.spends() + ")")
                .setHeader(getTranslation("timebank.flow.spent"));
        flows.addColumn(f -> getTranslation(f.crossCommunity() ? "members.yes" : "members.no"))
                .setHeader(getTranslation("timebank.flow.cross"));
        flows.setAllRowsVisible(true);

        HorizontalLayout filters = new HorizontalLayout(organization, from, to);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.addClassName("gj-wrap");
        add(new H2(getTranslation("timebank.title")), filters, policy, new H3(getTranslation("timebank.flows")), flows);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!CurrentUser.readsOrganizations()) {
            Home.forward(event);
            return;
        }
        caller = callers.forUser(CurrentUser.get().orElseThrow().id());
        List<OrganizationNode> choices = OrganizationChoices.flatten(organizations.tree(caller));
        organization.setItems(choices);
        LocalDate today = LocalDate.now(ApplicationTime.ZONE);
        from.setValue(today.withDayOfMonth(1));
        to.setValue(today);
        if (!choices.isEmpty()) {
            organization.setValue(choices.getFirst());
        }
    }

    private void show() {
        OrganizationNode org = organization.getValue();
        if (caller == null || org == null) {
            return;
        }
        PolicyView p = policies.get(caller, org.id());
        policy.setText(getTranslation(
                p.definedBy() == null ? "timebank.policy.defaults" : "timebank.policy.set",
                p.spendingMinAge(),
                p.storageCapHours().toPlainString(),
                getTranslation(p.giftsAllowed() ? "members.yes" : "members.no"),
                getTranslation(p.donationsAllowed() ? "members.yes" : "members.no")));
        try {
            flows.setItems(timeBank.flows(caller, org.id(), from.getValue(), to.getValue())
                    .flows());
        } catch (InvalidInputException e) {
            flows.setItems(List.of());
            Notification.show(ErrorMessages.of(this, e)).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("timebank.title") + " · " + getTranslation("app.name");
    }
}
