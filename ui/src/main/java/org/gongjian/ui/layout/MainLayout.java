package org.gongjian.ui.layout;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import io.micronaut.context.annotation.Prototype;
import org.gongjian.access.Role;
import org.gongjian.plugins.PluginHost;
import org.gongjian.ui.dashboard.DashboardView;
import org.gongjian.ui.plugins.PluginRoutes;
import org.gongjian.ui.plugins.PluginsView;
import org.gongjian.ui.security.CurrentUser;

/** Header with the user and language, side navigation with the core pages and plugin pages. */
@Prototype
public final class MainLayout extends AppLayout {

    public MainLayout(PluginHost plugins) {
        setPrimarySection(Section.DRAWER);
        Span title = new Span(getTranslation("app.name"));
        title.addClassName("gj-title");

        Span user = new Span(CurrentUser.get().map(u -> u.username()).orElse(""));
        user.setId("current-user");
        Button logout = new Button(getTranslation("nav.logout"), VaadinIcon.SIGN_OUT.create(), e -> {
            CurrentUser.signOut();
            getUI().ifPresent(ui -> ui.getPage().setLocation("login"));
        });
        logout.setId("logout");
        logout.setAriaLabel(getTranslation("nav.logout"));
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout right = new HorizontalLayout(new LanguageSelect(), user, logout);
        right.setAlignItems(HorizontalLayout.Alignment.CENTER);
        right.addClassName("gj-navbar-right");
        addToNavbar(new DrawerToggle(), title, right);

        SideNav nav = new SideNav();
        nav.setId("side-nav");
        nav.addItem(new SideNavItem(getTranslation("nav.dashboard"), DashboardView.class, VaadinIcon.HOME.create()));
        if (CurrentUser.readsOrganizations()) {
            SideNavItem organizations =
                    new SideNavItem(getTranslation("nav.organizations"), "organizations", VaadinIcon.SITEMAP.create());
            organizations.setId("nav-organizations");
            SideNavItem members = new SideNavItem(getTranslation("nav.members"), "members", VaadinIcon.USERS.create());
            members.setId("nav-members");
            SideNavItem timeBank =
                    new SideNavItem(getTranslation("nav.timebank"), "timebank", VaadinIcon.HOURGLASS.create());
            timeBank.setId("nav-timebank");
            nav.addItem(organizations, members, timeBank);
        }
        boolean administrator = CurrentUser.get()
                .map(u -> u.has(Role.PLATFORM_ADMIN) || u.has(Role.ORG_ADMIN))
                .orElse(false);
        if (administrator) {
            SideNavItem users = new SideNavItem(getTranslation("nav.users"), "users", VaadinIcon.USER_CARD.create());
            users.setId("nav-users");
            nav.addItem(users);
        }
        if (CurrentUser.isAdmin()) {
            nav.addItem(new SideNavItem(
                    getTranslation("nav.plugins"), PluginsView.class, VaadinIcon.PUZZLE_PIECE.create()));
        }
        var views = plugins.views();
        if (!views.isEmpty()) {
            SideNav pluginNav = new SideNav(getTranslation("nav.plugin-section"));
            pluginNav.setId("plugin-nav");
            for (var view : views) {
                pluginNav.addItem(new SideNavItem(
                        view.view().title(getLocale()),
                        PluginRoutes.path(view.pluginId(), view.view()),
                        VaadinIcon.CONNECT.create()));
            }
            addToDrawer(nav, pluginNav);
        } else {
            addToDrawer(nav);
        }
    }
}
