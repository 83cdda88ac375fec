package org.gongjian.ui.users;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.DataProvider;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.Role;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.members.Members;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.organizations.Organizations;
import org.gongjian.security.UserAdmin;
import org.gongjian.security.UserRole;
import org.gongjian.security.UserSummary;
import org.gongjian.time.ApplicationTime;
import org.gongjian.ui.i18n.ErrorMessages;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.organizations.OrganizationChoices;
import org.gongjian.ui.security.CurrentUser;
import org.gongjian.ui.security.Home;

/**
 * 用户与角色: a lazy grid over {@link UserAdmin#list} with a search box (username or member name);
 * a click on a user opens their roles and account, the button above opens the new-user form.
 * Platform and organization administrators only.
 */
@Route(value = "users", layout = MainLayout.class)
@Prototype
final class UsersView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private static final int PHONE_WIDTH = 600;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final UserAdmin users;
    private final Organizations organizations;
    private final Members members;
    private final Callers callers;
    private final Grid<UserSummary> grid = new Grid<>();
    private final TextField search = new TextField();
    private final Grid.Column<UserSummary> compact;
    private Caller caller;

    UsersView(UserAdmin users, Organizations organizations, Members members, Callers callers) {
        this.users = users;
        this.organizations = organizations;
        this.members = members;
        this.callers = callers;
        setId("users");
        setSizeFull();

        search.setId("users-search");
        search.setPlaceholder(getTranslation("users.search.placeholder"));
        search.setAriaLabel(getTranslation("users.search.placeholder"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.TIMEOUT);
        search.setValueChangeTimeout(400);
        search.setMaxLength(UserAdmin.MAX_QUERY_LENGTH);
        search.setMinWidth("14rem");
        search.addValueChangeListener(e -> refresh());

        Button create = new Button(getTranslation("users.new"), VaadinIcon.PLUS.create(), e -> openNewUser());
        create.setId("users-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        grid.setId("users-grid");
        grid.addColumn(UserSummary::username)
                .setKey("username")
                .setHeader(getTranslation("users.username"))
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setFrozen(true);
        grid.addColumn(u -> u.memberName() == null ? "" : u.memberName())
                .setKey("member")
                .setHeader(getTranslation("users.member"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(this::roles)
                .setKey("roles")
                .setHeader(getTranslation("users.roles"))
                .setFlexGrow(1)
                .setWidth("14rem");
        grid.addComponentColumn(this::status)
                .setKey("status")
                .setHeader(getTranslation("users.status"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(u -> time(u.lastLoginAt()))
                .setKey("lastLogin")
                .setHeader(getTranslation("users.lastLogin"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        compact = grid.addComponentColumn(this::card).setKey("compact").setHeader(getTranslation("users.title"));
        compact.setVisible(false);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setSizeFull();
        grid.addItemClickListener(e -> openUser(e.getItem()));
        grid.setItems(DataProvider.fromCallbacks(this::fetch, this::count));

        HorizontalLayout toolbar = new HorizontalLayout(search, create);
        toolbar.addClassName("gj-wrap");
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.setWidthFull();
        add(new H2(getTranslation("users.title")), toolbar, grid);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        event.getUI().getPage().retrieveExtendedClientDetails(details -> fit(details.getWindowInnerWidth()));
        event.getUI().getPage().addBrowserWindowResizeListener(e -> fit(e.getWidth()));
    }

    /** On a phone one column shows each user as a small card instead of five columns side by side. */
    private void fit(int width) {
        boolean phone = width > 0 && width < PHONE_WIDTH;
        compact.setVisible(phone);
        grid.getColumns().stream().filter(c -> c != compact).forEach(c -> c.setVisible(!phone));
    }

    private Div card(UserSummary user) {
        Span name = new Span(
                user.memberName() == null
                        ? user.username()
                        : getTranslation("users.user.title", user.username(), user.memberName()));
        name.addClassName("gj-user-card-name");
        Span roles = new Span(roles(user));
        roles.addClassName("gj-user-card-roles");
        Div card = new Div(name, status(user), roles);
        card.addClassName("gj-user-card");
        return card;
    }

    /** Platform and organization administrators manage users; the menu shows the page to them only. */
    static boolean mayManageUsers() {
        return CurrentUser.get()
                .map(u -> u.has(Role.PLATFORM_ADMIN) || u.has(Role.ORG_ADMIN))
                .orElse(false);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!mayManageUsers()) {
            Home.forward(event);
            return;
        }
        caller = callers.forUser(CurrentUser.get().orElseThrow().id());
        refresh();
    }

    void refresh() {
        grid.getDataProvider().refreshAll();
    }

    private Stream<UserSummary> fetch(Query<UserSummary, Void> query) {
        if (caller == null) {
            return Stream.empty();
        }
        try {
            return users.list(caller, query(), query.getOffset(), query.getLimit()).stream();
        } catch (InvalidInputException e) {
            error(ErrorMessages.of(this, e));
            return Stream.empty();
        }
    }

    private int count(Query<UserSummary, Void> query) {
        if (caller == null) {
            return 0;
        }
        try {
            return (int) users.search(caller, query(), null, 0, 1).total();
        } catch (InvalidInputException e) {
            return 0;
        }
    }

    private String query() {
        String value = search.getValue();
        return value == null || value.isBlank() ? null : value.strip();
    }

    private void openNewUser() {
        new NewUserDialog(this, users, members, caller, manageable()).open();
    }

    private void openUser(UserSummary user) {
        new UserDialog(this, users, caller, manageable(), user).open();
    }

    /** The organizations where the caller may grant roles, parents before children. */
    private List<OrganizationNode> manageable() {
        return OrganizationChoices.flatten(organizations.tree(caller)).stream()
                .filter(o -> caller.mayManage(o.path()))
                .toList();
    }

    String roles(UserSummary user) {
        return user.roles().stream().map(this::role).collect(Collectors.joining("、"));
    }

    String role(UserRole role) {
        String name = getTranslation("users.role." + role.role().name());
        return role.organizationName() == null ? name : getTranslation("users.role.on", name, role.organizationName());
    }

    private Span status(UserSummary user) {
        String state = !user.enabled() ? "disabled" : user.lockedUntil() != null ? "locked" : "enabled";
        Span badge = new Span(getTranslation("users.status." + state));
        badge.addClassNames("gj-status", "gj-status-" + state);
        if (user.lockedUntil() != null) {
            badge.setTitle(getTranslation("users.status.locked.until", time(user.lockedUntil())));
        }
        return badge;
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at.atZone(ApplicationTime.ZONE));
    }

    void error(String text) {
        Notification.show(text).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    void success(String text) {
        Notification.show(text).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("users.title") + " · " + getTranslation("app.name");
    }
}
