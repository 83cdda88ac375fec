package org.gongjian.ui.members;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.DataProvider;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.members.MemberSearch;
import org.gongjian.members.MemberStatus;
import org.gongjian.members.MemberView;
import org.gongjian.members.Members;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.organizations.Organizations;
import org.gongjian.time.ApplicationTime;
import org.gongjian.ui.i18n.ErrorMessages;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.organizations.OrganizationChoices;
import org.gongjian.ui.security.CurrentUser;

/**
 * 成员: a lazy grid over {@link Members#search}, one page per request, with a search box (name,
 * pinyin initials, last four digits of phone or ID number), filters and a column chooser.
 */
@Route(value = "members", layout = MainLayout.class)
@Prototype
final class MembersView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private final Members members;
    private final Organizations organizations;
    private final Callers callers;
    private final Grid<MemberView> grid = new Grid<>();
    private final TextField search = new TextField();
    private final ComboBox<OrganizationNode> organization = new ComboBox<>();
    private final Select<MemberStatus> status = new Select<>();
    private final TextField tag = new TextField();
    private final Select<String> volunteer = new Select<>();
    private final MenuBar columns = new MenuBar();
    private final Button importRoster =
            new Button(getTranslation("members.import"), VaadinIcon.UPLOAD.create(), e -> getUI().ifPresent(
                            ui -> ui.navigate("members/import")));
    private Map<Long, String> orgNames = Map.of();
    private Caller caller;

    MembersView(Members members, Organizations organizations, Callers callers) {
        this.members = members;
        this.organizations = organizations;
        this.callers = callers;
        setId("members");
        setSizeFull();

        search.setId("members-search");
        search.setPlaceholder(getTranslation("members.search.placeholder"));
        search.setAriaLabel(getTranslation("members.search.placeholder"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.TIMEOUT);
        search.setValueChangeTimeout(400);
        search.setMinWidth("16rem");
        search.setMaxLength(50);
        organization.setId("members-org");
        organization.setLabel(getTranslation("members.filter.organization"));
        organization.setClearButtonVisible(true);
        status.setId("members-status");
        status.setLabel(getTranslation("members.filter.status"));
        status.setItems(MemberStatus.values());
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption(getTranslation("members.filter.any"));
        status.setItemLabelGenerator(
                s -> s == null ? getTranslation("members.filter.any") : label("member.status.", s));
        tag.setId("members-tag");
        tag.setLabel(getTranslation("members.filter.tag"));
        tag.setClearButtonVisible(true);
        tag.setValueChangeMode(ValueChangeMode.LAZY);
        volunteer.setId("members-volunteer");
        volunteer.setLabel(getTranslation("members.filter.volunteer"));
        volunteer.setItems("", "yes", "no");
        volunteer.setValue("");
        volunteer.setItemLabelGenerator(v -> getTranslation("members.filter.volunteer." + (v.isEmpty() ? "any" : v)));
        Stream.of(search, tag)
                .forEach(f ->
                        f.addValueChangeListener(e -> grid.getDataProvider().refreshAll()));
        organization.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        status.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        volunteer.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        Button create = new Button(getTranslation("members.new"), VaadinIcon.PLUS.create(), e -> getUI().ifPresent(
                        ui -> ui.navigate("members/new")));
        create.setId("members-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        importRoster.setId("members-import");
        importRoster.setVisible(false);

        grid.setId("members-grid");
        grid.addColumn(MemberView::name)
                .setKey("name")
                .setHeader(getTranslation("member.name"))
                .setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(m -> m.gender() == null ? "" : label("member.gender.", m.gender()))
                .setKey("gender")
                .setHeader(getTranslation("member.gender"))
                .setAutoWidth(true);
        grid.addColumn(m -> orgNames.getOrDefault(m.organizationId(), ""))
                .setKey("organization")
                .setHeader(getTranslation("member.organization"))
                .setAutoWidth(true);
        grid.addColumn(m -> nullToEmpty(m.phoneMasked()))
                .setKey("phone")
                .setHeader(getTranslation("member.phone"))
                .setAutoWidth(true);
        grid.addColumn(m -> nullToEmpty(m.idNumberMasked()))
                .setKey("idNumber")
                .setHeader(getTranslation("member.idNumber"))
                .setAutoWidth(true);
        grid.addColumn(m -> label("member.status.", m.status()))
                .setKey("status")
                .setHeader(getTranslation("member.status"))
                .setAutoWidth(true);
        grid.addColumn(m -> m.party() == null
                        ? ""
                        : label("member.party.", m.party().status()))
                .setKey("party")
                .setHeader(getTranslation("member.partyStatus"))
                .setAutoWidth(true);
        grid.addColumn(m -> getTranslation(m.volunteer() ? "members.yes" : "members.no"))
                .setKey("volunteer")
                .setHeader(getTranslation("member.volunteer"))
                .setAutoWidth(true);
        grid.addColumn(m -> String.join("、", m.tags()))
                .setKey("tags")
                .setHeader(getTranslation("member.tags"))
                .setAutoWidth(true);
        grid.addColumn(m -> nullToEmpty(m.address()))
                .setKey("address")
                .setHeader(getTranslation("member.address"))
                .setAutoWidth(true)
                .setVisible(false);
        grid.addColumn(m ->
                        m.createdAt().atZone(ApplicationTime.ZONE).toLocalDate().toString())
                .setKey("created")
                .setHeader(getTranslation("member.created"))
                .setSortable(true)
                .setAutoWidth(true)
                .setVisible(false);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
        grid.addItemClickListener(e ->
                getUI().ifPresent(ui -> ui.navigate("members/" + e.getItem().id())));
        grid.setItems(DataProvider.fromCallbacks(this::fetch, this::count));

        columns.setId("members-columns");
        columns.addThemeVariants(com.vaadin.flow.component.menubar.MenuBarVariant.LUMO_TERTIARY);
        MenuItem chooser = columns.addItem(VaadinIcon.GRID_H.create());
        chooser.add(getTranslation("members.columns"));
        SubMenu sub = chooser.getSubMenu();
        for (Grid.Column<MemberView> column : grid.getColumns()) {
            if ("name".equals(column.getKey())) {
                continue;
            }
            MenuItem item = sub.addItem(getTranslation("member." + column.getKey()));
            item.setId("members-column-" + column.getKey());
            item.setCheckable(true);
            item.setChecked(column.isVisible());
            item.addClickListener(e -> column.setVisible(item.isChecked()));
        }

        HorizontalLayout filters =
                new HorizontalLayout(search, organization, status, tag, volunteer, columns, create, importRoster);
        filters.addClassName("gj-wrap");
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWidthFull();
        add(new H2(getTranslation("members.title")), filters, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!MemberAccess.mayRead(event)) {
            return;
        }
        importRoster.setVisible(ImportView.mayImport());
        caller = callers.forUser(CurrentUser.get().orElseThrow().id());
        List<OrganizationNode> all = OrganizationChoices.flatten(organizations.tree(caller));
        orgNames = all.stream().collect(Collectors.toMap(OrganizationNode::id, OrganizationNode::name, (a, b) -> a));
        organization.setItems(all);
        organization.setItemLabelGenerator(o -> OrganizationChoices.label(this, o));
        grid.getDataProvider().refreshAll();
    }

    private Stream<MemberView> fetch(Query<MemberView, Void> query) {
        if (caller == null) {
            return Stream.empty();
        }
        int size = Math.min(query.getLimit(), MemberSearch.MAX_SIZE);
        int offset = query.getOffset();
        // The service pages by page number: fetch the pages that cover [offset, offset + limit).
        int page = offset / size;
        int skip = offset - page * size;
        try {
            List<MemberView> items =
                    members.search(caller, search(query).page(page, size)).items();
            if (skip > 0) {
                List<MemberView> next = members.search(caller, search(query).page(page + 1, size))
                        .items();
                return Stream.concat(items.stream(), next.stream()).skip(skip).limit(query.getLimit());
            }
            return items.stream().limit(query.getLimit());
        } catch (InvalidInputException e) {
            Notification.show(ErrorMessages.of(this, e)).addThemeVariants(NotificationVariant.LUMO_ERROR);
            return Stream.empty();
        }
    }

    private int count(Query<MemberView, Void> query) {
        if (caller == null) {
            return 0;
        }
        try {
            return (int) members.search(caller, search(query).page(0, 1)).total();
        } catch (InvalidInputException e) {
            return 0;
        }
    }

    private MemberSearch search(Query<MemberView, Void> query) {
        String sort = query.getSortOrders().stream()
                .findFirst()
                .map(o -> (o.getDirection() == SortDirection.DESCENDING ? "-" : "") + o.getSorted())
                .orElse("name");
        MemberSearch s = MemberSearch.of(blankToNull(search.getValue())).sortedBy(sort);
        if (organization.getValue() != null) {
            s = s.inOrganization(organization.getValue().id());
        }
        if (status.getValue() != null) {
            s = s.withStatus(status.getValue().name());
        }
        if (!tag.getValue().isBlank()) {
            s = s.withTag(tag.getValue().strip());
        }
        if (!volunteer.getValue().isEmpty()) {
            s = s.withVolunteer("yes".equals(volunteer.getValue()));
        }
        return s;
    }

    private String label(String prefix, Enum<?> value) {
        return getTranslation(prefix + value.name());
    }

    static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("members.title") + " · " + getTranslation("app.name");
    }
}
