package org.gongjian.ui.members;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.core.annotation.Nullable;
import java.time.format.DateTimeFormatter;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.audit.AuditEntry;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.members.Household;
import org.gongjian.members.Households;
import org.gongjian.members.MemberHistory;
import org.gongjian.members.MemberTransfer;
import org.gongjian.members.MemberView;
import org.gongjian.members.Members;
import org.gongjian.members.UnmaskedMember;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.organizations.Organizations;
import org.gongjian.points.Stars;
import org.gongjian.time.ApplicationTime;
import org.gongjian.timebank.TimeBank;
import org.gongjian.ui.i18n.ErrorMessages;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.organizations.OrganizationChoices;
import org.gongjian.ui.plugins.PluginMemberSections;
import org.gongjian.ui.points.MemberPointsSection;
import org.gongjian.ui.security.CurrentUser;
import org.gongjian.ui.timebank.TimeBankCard;

/**
 * One member: personal data masked, with an audited "show in full" for administrators; household,
 * transfers and the audit history; a transfer to another organization for administrators.
 */
@Route(value = "members/:id([0-9]+)", layout = MainLayout.class)
@Prototype
final class MemberDetailView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Members members;
    private final Households households;
    private final Organizations organizations;
    private final Callers callers;
    private final TimeBank timeBank;
    private final Stars stars;
    private final MemberPointsSection points;
    private final PluginMemberSections pluginSections;
    private Caller caller;
    private MemberView member;
    private String title = "";

    MemberDetailView(
            Members members,
            Households households,
            Organizations organizations,
            Callers callers,
            TimeBank timeBank,
            Stars stars,
            MemberPointsSection points,
            PluginMemberSections pluginSections) {
        this.points = points;
        this.pluginSections = pluginSections;
        this.stars = stars;
        this.members = members;
        this.households = households;
        this.organizations = organizations;
        this.callers = callers;
        this.timeBank = timeBank;
        setId("member-detail");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!MemberAccess.mayRead(event)) {
            return;
        }
        caller = callers.forUser(CurrentUser.get().orElseThrow().id());
        long id = event.getRouteParameters().getLong("id").orElse(-1L);
        try {
            member = members.get(caller, id);
        } catch (NotFoundException e) {
            Notification.show(getTranslation("error.not-found")).addThemeVariants(NotificationVariant.LUMO_ERROR);
            event.forwardTo(MembersView.class);
            return;
        }
        render();
    }

    private void render() {
        removeAll();
        Organization org = organizations.get(caller, member.organizationId());
        boolean manager = caller.mayManage(org.path());
        title = member.name();

        Span idNumber = value("member-id-number", member.idNumberMasked());
        Span phone = value("member-phone", member.phoneMasked());
        FormLayout data = new FormLayout();
        data.addFormItem(value("member-name", member.name()), getTranslation("member.name"));
        data.addFormItem(value("member-organization", org.name()), getTranslation("member.organization"));
        data.addFormItem(
                value(
                        "member-gender",
                        member.gender() == null ? null : getTranslation("member.gender." + member.gender())),
                getTranslation("member.gender"));
        data.addFormItem(
                value(
                        "member-birth",
                        member.birthDate() == null ? null : member.birthDate().toString()),
                getTranslation("member.birthDate"));
        data.addFormItem(idNumber, getTranslation("member.idNumber"));
        data.addFormItem(phone, getTranslation("member.phone"));
        data.addFormItem(value("member-address", member.address()), getTranslation("member.address"));
        data.addFormItem(
                value("member-status", getTranslation("member.status." + member.status())),
                getTranslation("member.status"));
        data.addFormItem(
                value(
                        "member-party",
                        member.party() == null
                                ? null
                                : getTranslation(
                                        "member.party." + member.party().status())),
                getTranslation("member.partyStatus"));
        data.addFormItem(
                value("member-volunteer", getTranslation(member.volunteer() ? "members.yes" : "members.no")),
                getTranslation("member.volunteer"));
        data.addFormItem(value("member-tags", String.join("、", member.tags())), getTranslation("member.tags"));
        data.addFormItem(value("member-skills", member.skills()), getTranslation("member.skills"));

        HorizontalLayout actions = new HorizontalLayout();
        actions.addClassName("gj-wrap");
        Button back =
                new Button(getTranslation("member.back"), VaadinIcon.ARROW_LEFT.create(), e -> navigate("members"));
        back.setId("member-back");
        Button edit = new Button(
                getTranslation("member.edit"),
                VaadinIcon.EDIT.create(),
                e -> navigate("members/" + member.id() + "/edit"));
        edit.setId("member-edit");
        edit.setVisible(caller.mayEdit(org.path()));
        Button card = new Button(
                getTranslation("membercode.card"),
                VaadinIcon.QRCODE.create(),
                e -> navigate("members/" + member.id() + "/card"));
        card.setId("member-card");
        actions.add(back, edit, card);
        if (manager) {
            Button unmask = new Button(getTranslation("member.unmask"), VaadinIcon.EYE.create());
            unmask.setId("member-unmask");
            unmask.addClickListener(e -> {
                try {
                    UnmaskedMember clear = members.unmask(caller, member.id());
                    idNumber.setText(MembersView.nullToEmpty(clear.idNumber()));
                    phone.setText(MembersView.nullToEmpty(clear.phone()));
                    unmask.setEnabled(false);
                    Notification.show(getTranslation("member.unmask.logged"));
                } catch (ForbiddenException | NotFoundException ex) {
                    error(getTranslation("error.forbidden"));
                }
            });
            Button transfer =
                    new Button(getTranslation("member.transfer"), VaadinIcon.EXCHANGE.create(), e -> openTransfer());
            transfer.setId("member-transfer");
            actions.add(unmask, transfer);
        }
        add(new H2(member.name()), actions, data);
        add(points.show(caller, member, caller.mayEdit(org.path()), false));

        add(new H3(getTranslation("member.household")));
        add(household(household(caller, member)));

        add(new H3(getTranslation("timebank.title")));
        add(new TimeBankCard(timeBank, stars, caller, member, caller.mayEdit(org.path())));
        pluginSections.sections(caller, member.id(), org.id(), getLocale()).forEach(this::add);

        MemberHistory history = members.history(caller, member.id());
        add(new H3(getTranslation("member.transfers")));
        Grid<MemberTransfer> transfers = new Grid<>();
        transfers.setId("member-transfers");
        transfers
                .addColumn(t -> TIME.format(t.transferredAt().atZone(ApplicationTime.ZONE)))
                .setHeader(getTranslation("member.transfer.at"))
                .setAutoWidth(true);
        transfers.addColumn(MemberTransfer::fromOrganizationName).setHeader(getTranslation("member.transfer.from"));
        transfers.addColumn(MemberTransfer::toOrganizationName).setHeader(getTranslation("member.transfer.to"));
        transfers.addColumn(MemberTransfer::reason).setHeader(getTranslation("member.transfer.reason"));
        transfers.setItems(history.transfers());
        transfers.setAllRowsVisible(true);
        add(transfers);

        add(new H3(getTranslation("member.history")));
        Grid<AuditEntry> audit = new Grid<>();
        audit.setId("member-history");
        audit.addColumn(a -> TIME.format(a.at().atZone(ApplicationTime.ZONE)))
                .setHeader(getTranslation("audit.at"))
                .setAutoWidth(true);
        audit.addColumn(AuditEntry::actorName)
                .setHeader(getTranslation("audit.actor"))
                .setAutoWidth(true);
        audit.addColumn(a -> actionLabel(a.action())).setHeader(getTranslation("audit.action"));
        audit.addColumn(a -> MembersView.nullToEmpty(a.detail())).setHeader(getTranslation("audit.detail"));
        audit.setItems(history.audit().reversed());
        audit.setAllRowsVisible(true);
        add(audit);
    }

    /** The member's household as the caller sees it, or null. */
    private @Nullable Household household(Caller caller, MemberView member) {
        if (member.householdId() == null) {
            return null;
        }
        try {
            return households.get(caller, member.householdId());
        } catch (NotFoundException e) {
            return null;
        }
    }

    private Component household(@Nullable Household h) {
        if (h == null) {
            return value("member-household", getTranslation("member.household.none"));
        }
        Grid<Household.HouseholdMember> grid = new Grid<>();
        grid.setId("member-household");
        grid.addColumn(Household.HouseholdMember::name).setHeader(getTranslation("member.name"));
        grid.addColumn(m -> getTranslation("member.relation." + m.relation()))
                .setHeader(getTranslation("member.relation"));
        grid.setItems(h.members());
        grid.setAllRowsVisible(true);
        grid.addItemClickListener(e -> navigate("members/" + e.getItem().memberId()));
        VerticalLayout box = new VerticalLayout(value("member-household-address", h.address()), grid);
        box.setPadding(false);
        return box;
    }

    private void openTransfer() {
        Dialog dialog = new Dialog(getTranslation("member.transfer.title", member.name()));
        ComboBox<OrganizationNode> to = new ComboBox<>(getTranslation("member.transfer.to"));
        to.setId("transfer-to");
        to.setItems(OrganizationChoices.flatten(organizations.tree(caller)).stream()
                .filter(o -> o.id() != member.organizationId() && caller.mayManage(o.path()))
                .toList());
        to.setItemLabelGenerator(o -> OrganizationChoices.label(this, o));
        to.setWidthFull();
        TextArea reason = new TextArea(getTranslation("member.transfer.reason"));
        reason.setId("transfer-reason");
        reason.setWidthFull();
        Button save = new Button(getTranslation("member.transfer"), e -> {
            try {
                members.transfer(
                        caller,
                        member.id(),
                        to.getValue() == null ? null : to.getValue().id(),
                        reason.getValue());
                dialog.close();
                member = members.get(caller, member.id());
                render();
                Notification.show(getTranslation("member.transferred"))
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (InvalidInputException ex) {
                if ("toOrgId".equals(ex.field())) {
                    to.setInvalid(true);
                    to.setErrorMessage(ErrorMessages.of(this, ex));
                } else {
                    reason.setInvalid(true);
                    reason.setErrorMessage(ErrorMessages.of(this, ex));
                }
            } catch (ForbiddenException | NotFoundException ex) {
                error(getTranslation("error.forbidden"));
            }
        });
        save.setId("transfer-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(to, reason));
        dialog.getFooter().add(new Button(getTranslation("org.cancel"), e -> dialog.close()), save);
        dialog.setWidth("min(32rem, 95vw)");
        dialog.open();
    }

    private String actionLabel(String code) {
        String label = getTranslation("audit.action." + code);
        return label.startsWith("!") ? code : label;
    }

    private static Span value(String id, String text) {
        Span span = new Span(text == null || text.isBlank() ? "—" : text);
        span.setId(id);
        return span;
    }

    private void navigate(String location) {
        getUI().ifPresent(ui -> ui.navigate(location));
    }

    private void error(String text) {
        Notification.show(text).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    @Override
    public String getPageTitle() {
        return title + " · " + getTranslation("app.name");
    }
}
