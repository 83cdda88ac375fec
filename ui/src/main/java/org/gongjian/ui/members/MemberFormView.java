package org.gongjian.ui.members;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import io.micronaut.context.annotation.Prototype;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.members.Gender;
import org.gongjian.members.MemberChangedMeanwhileException;
import org.gongjian.members.MemberErrors;
import org.gongjian.members.MemberInput;
import org.gongjian.members.MemberStatus;
import org.gongjian.members.MemberView;
import org.gongjian.members.Members;
import org.gongjian.members.PartyStatus;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.organizations.Organizations;
import org.gongjian.personaldata.IdNumbers;
import org.gongjian.personaldata.PhoneNumbers;
import org.gongjian.time.ApplicationTime;
import org.gongjian.ui.i18n.ErrorMessages;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.organizations.OrganizationChoices;
import org.gongjian.ui.security.CurrentUser;

/**
 * Adds a member or changes one: every field {@link MemberInput} accepts. ID number and phone are
 * checked as the user types; everything else by the service on save, whose codes appear next to
 * the field concerned.
 */
@Route(value = "members/new", layout = MainLayout.class)
@RouteAlias(value = "members/:id([0-9]+)/edit", layout = MainLayout.class)
@Prototype
final class MemberFormView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private final Members members;
    private final Organizations organizations;
    private final Callers callers;
    private final H2 heading = new H2();
    private final ComboBox<OrganizationNode> organization = new ComboBox<>();
    private final TextField name = new TextField();
    private final Select<Gender> gender = new Select<>();
    private final DatePicker birthDate = new DatePicker();
    private final TextField idNumber = new TextField();
    private final TextField phone = new TextField();
    private final TextField address = new TextField();
    private final ComboBox<OrganizationNode> grid = new ComboBox<>();
    private final Select<MemberStatus> status = new Select<>();
    private final TextField tags = new TextField();
    private final Select<PartyStatus> partyStatus = new Select<>();
    private final DatePicker partyJoinedOn = new DatePicker();
    private final ComboBox<OrganizationNode> branch = new ComboBox<>();
    private final Checkbox volunteer = new Checkbox();
    private final DatePicker volunteerSince = new DatePicker();
    private final TextArea skills = new TextArea();
    private final Map<String, HasValidation> byField;
    private Caller caller;
    private MemberView editing;

    MemberFormView(Members members, Organizations organizations, Callers callers) {
        this.members = members;
        this.organizations = organizations;
        this.callers = callers;
        setId("member-form");
        byField = Map.ofEntries(
                Map.entry("organizationId", organization),
                Map.entry("name", name),
                Map.entry("gender", gender),
                Map.entry("birthDate", birthDate),
                Map.entry("idNumber", idNumber),
                Map.entry("phone", phone),
                Map.entry("address", address),
                Map.entry("gridId", grid),
                Map.entry("status", status),
                Map.entry("tags", tags),
                Map.entry("partyStatus", partyStatus),
                Map.entry("partyJoinedOn", partyJoinedOn),
                Map.entry("branchId", branch),
                Map.entry("volunteerSince", volunteerSince),
                Map.entry("skills", skills));

        label(organization, "form-organization", "member.organization");
        organization.setRequiredIndicatorVisible(true);
        label(name, "form-name", "member.name");
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(50);
        label(gender, "form-gender", "member.gender");
        gender.setItems(Gender.values());
        gender.setEmptySelectionAllowed(true);
        gender.setItemLabelGenerator(g -> g == null ? "" : getTranslation("member.gender." + g));
        label(birthDate, "form-birth", "member.birthDate");
        label(idNumber, "form-id-number", "member.idNumber");
        idNumber.setHelperText(getTranslation("form.idNumber.helper"));
        idNumber.setValueChangeMode(ValueChangeMode.EAGER);
        idNumber.addValueChangeListener(e -> checkIdNumber());
        label(phone, "form-phone", "member.phone");
        phone.setValueChangeMode(ValueChangeMode.EAGER);
        phone.addValueChangeListener(e -> checkPhone());
        label(address, "form-address", "member.address");
        label(grid, "form-grid", "member.grid");
        label(status, "form-status", "member.status");
        status.setItems(MemberStatus.values());
        status.setValue(MemberStatus.ACTIVE);
        status.setItemLabelGenerator(s -> getTranslation("member.status." + s));
        label(tags, "form-tags", "member.tags");
        tags.setHelperText(getTranslation("form.tags.helper"));
        label(partyStatus, "form-party", "member.partyStatus");
        partyStatus.setItems(PartyStatus.values());
        partyStatus.setEmptySelectionAllowed(true);
        partyStatus.setItemLabelGenerator(
                p -> p == null ? getTranslation("form.party.none") : getTranslation("member.party." + p));
        label(partyJoinedOn, "form-party-joined", "member.partyJoinedOn");
        label(branch, "form-branch", "member.branch");
        volunteer.setId("form-volunteer");
        volunteer.setLabel(getTranslation("member.volunteer"));
        label(volunteerSince, "form-volunteer-since", "member.volunteerSince");
        label(skills, "form-skills", "member.skills");
        organization.addValueChangeListener(e -> organization.setInvalid(false));

        FormLayout form = new FormLayout(
                organization,
                name,
                idNumber,
                phone,
                gender,
                birthDate,
                address,
                grid,
                status,
                tags,
                partyStatus,
                partyJoinedOn,
                branch,
                volunteer,
                volunteerSince,
                skills);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));

        Button save = new Button(getTranslation("form.save"), e -> save());
        save.setId("form-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("org.cancel"), e -> leave());
        cancel.setId("form-cancel");
        add(heading, form, new HorizontalLayout(cancel, save));
    }

    private void label(com.vaadin.flow.component.HasLabel field, String id, String key) {
        field.setLabel(getTranslation(key));
        ((com.vaadin.flow.component.Component) field).setId(id);
        if (field instanceof com.vaadin.flow.component.HasSize sized) {
            sized.setWidthFull();
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!MemberAccess.mayRead(event)) {
            return;
        }
        caller = callers.forUser(CurrentUser.get().orElseThrow().id());
        List<OrganizationNode> all = OrganizationChoices.flatten(organizations.tree(caller)).stream()
                .filter(o -> caller.mayEdit(o.path()))
                .toList();
        organization.setItems(all);
        organization.setItemLabelGenerator(o -> OrganizationChoices.label(this, o));
        grid.setItems(
                all.stream().filter(o -> o.kind() == OrganizationKind.GRID).toList());
        grid.setItemLabelGenerator(o -> OrganizationChoices.label(this, o));
        branch.setItems(all.stream()
                .filter(o -> o.kind() == OrganizationKind.BRANCH || o.kind() == OrganizationKind.GENERAL_BRANCH)
                .toList());
        branch.setItemLabelGenerator(o -> OrganizationChoices.label(this, o));
        Optional<Long> id = event.getRouteParameters().getLong("id");
        if (id.isEmpty()) {
            heading.setText(getTranslation("form.new"));
            if (all.size() == 1) {
                organization.setValue(all.getFirst());
            }
            return;
        }
        try {
            editing = members.get(caller, id.get());
        } catch (NotFoundException e) {
            event.forwardTo(MembersView.class);
            return;
        }
        heading.setText(getTranslation("form.edit", editing.name()));
        organization.setValue(find(all, editing.organizationId()));
        organization.setReadOnly(true);
        name.setValue(editing.name());
        gender.setValue(editing.gender());
        birthDate.setValue(editing.birthDate());
        idNumber.setValue(MembersView.nullToEmpty(editing.idNumberMasked()));
        phone.setValue(MembersView.nullToEmpty(editing.phoneMasked()));
        address.setValue(MembersView.nullToEmpty(editing.address()));
        grid.setValue(editing.gridId() == null ? null : find(all, editing.gridId()));
        status.setValue(editing.status());
        tags.setValue(String.join("，", editing.tags()));
        if (editing.party() != null) {
            partyStatus.setValue(editing.party().status());
            partyJoinedOn.setValue(editing.party().joinedOn());
            branch.setValue(
                    editing.party().branchId() == null
                            ? null
                            : find(all, editing.party().branchId()));
        }
        volunteer.setValue(editing.volunteer());
        volunteerSince.setValue(editing.volunteerSince());
        skills.setValue(MembersView.nullToEmpty(editing.skills()));
    }

    private static OrganizationNode find(List<OrganizationNode> all, long id) {
        return all.stream().filter(o -> o.id() == id).findFirst().orElse(null);
    }

    /** Length, characters, birth date and check digit of the ID number; a masked value is left as it is. */
    private boolean checkIdNumber() {
        String raw = idNumber.getValue();
        if (raw.isBlank() || (editing != null && raw.equals(editing.idNumberMasked()))) {
            return invalid(idNumber, null);
        }
        Optional<IdNumbers.Problem> problem =
                IdNumbers.check(IdNumbers.normalize(raw), LocalDate.now(ApplicationTime.ZONE));
        return invalid(idNumber, problem.map(p -> "ID_NUMBER_" + p.name()).orElse(null));
    }

    private boolean checkPhone() {
        String raw = phone.getValue();
        if (raw.isBlank() || (editing != null && raw.equals(editing.phoneMasked()))) {
            return invalid(phone, null);
        }
        return invalid(phone, PhoneNumbers.isValid(PhoneNumbers.normalize(raw)) ? null : MemberErrors.PHONE_INVALID);
    }

    private boolean invalid(HasValidation field, String code) {
        field.setInvalid(code != null);
        field.setErrorMessage(code == null ? null : ErrorMessages.of(this, code));
        return code == null;
    }

    private void save() {
        byField.values().forEach(f -> f.setInvalid(false));
        boolean ok = checkIdNumber() & checkPhone();
        if (name.getValue().isBlank()) {
            ok = invalid(name, MemberErrors.NAME_REQUIRED);
        }
        if (organization.getValue() == null) {
            ok = invalid(organization, MemberErrors.ORGANIZATION_REQUIRED);
        }
        if (!ok) {
            return;
        }
        MemberInput input = MemberInput.builder()
                .organizationId(organization.getValue().id())
                .name(name.getValue())
                .gender(gender.getValue() == null ? null : gender.getValue().name())
                .birthDate(birthDate.getValue())
                .idNumber(idNumber.getValue())
                .phone(phone.getValue())
                .address(address.getValue())
                .gridId(grid.getValue() == null ? null : grid.getValue().id())
                .status(status.getValue() == null ? null : status.getValue().name())
                .tags(Arrays.stream(tags.getValue().split("[,，、\\s]+"))
                        .filter(t -> !t.isBlank())
                        .toList())
                .partyStatus(
                        partyStatus.getValue() == null
                                ? null
                                : partyStatus.getValue().name())
                .partyJoinedOn(partyJoinedOn.getValue())
                .branchId(branch.getValue() == null ? null : branch.getValue().id())
                .volunteer(volunteer.getValue())
                .volunteerSince(volunteerSince.getValue())
                .skills(skills.getValue())
                .version(editing == null ? null : editing.version())
                .build();
        try {
            MemberView saved =
                    editing == null ? members.create(caller, input) : members.update(caller, editing.id(), input);
            Notification.show(getTranslation("form.saved", saved.name()))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            getUI().ifPresent(ui -> ui.navigate("members/" + saved.id()));
        } catch (InvalidInputException e) {
            HasValidation field = e.field() == null ? null : byField.get(e.field());
            if (field != null) {
                invalid(field, e.code());
            } else {
                error(ErrorMessages.of(this, e));
            }
        } catch (MemberChangedMeanwhileException e) {
            error(getTranslation("error.MEMBER_CHANGED_MEANWHILE"));
        } catch (ForbiddenException | NotFoundException e) {
            error(getTranslation("error.forbidden"));
        }
    }

    private void leave() {
        getUI().ifPresent(ui -> ui.navigate(editing == null ? "members" : "members/" + editing.id()));
    }

    private void error(String text) {
        Notification.show(text).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    @Override
    public String getPageTitle() {
        return getTranslation(editing == null ? "form.new" : "form.edit.title") + " · " + getTranslation("app.name");
    }
}
