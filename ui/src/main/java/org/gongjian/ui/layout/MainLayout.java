package org.gongjian.ui.layout;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import io.micronaut.context.annotation.Prototype;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.gongjian.security.SignedInUser;
import org.gongjian.ui.i18n.LanguageSelect;
import org.gongjian.ui.security.CurrentUser;

/**
 * The frame of every signed-in page: a header with the user, the language and sign-out, and the
 * side navigation built from what the features contribute ({@link NavigationEntry}, in their order,
 * for the roles they name) and from the {@link NavigationSection}s (the pages of plugins).
 */
@Prototype
public final class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final List<Runnable> badges = new ArrayList<>();

    public MainLayout(List<NavigationEntry> entries, List<NavigationSection> sections) {
        setPrimarySection(Section.DRAWER);
        Span title = new Span(getTranslation("app.name"));
        title.addClassName("gj-title");
        addToNavbar(new DrawerToggle(), title, header());

        SideNav nav = new SideNav();
        nav.setId("side-nav");
        SignedInUser user = CurrentUser.get().orElse(null);
        entries.stream()
                .filter(e -> user != null && e.visibleTo(user))
                .sorted(Comparator.comparingInt((NavigationEntry e) -> e.page().order())
                        .thenComparing(e -> e.page().id()))
                .forEach(e -> nav.addItem(item(e, user)));
        addToDrawer(nav);
        sections.stream().sorted(Comparator.comparing(NavigationSection::id)).forEach(this::addSection);
    }

    private HorizontalLayout header() {
        Span user = new Span(CurrentUser.get().map(SignedInUser::username).orElse(""));
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
        return right;
    }

    private SideNavItem item(NavigationEntry entry, SignedInUser user) {
        NavigationEntry.Page page = entry.page();
        SideNavItem item = new SideNavItem(
                getTranslation(page.labelKey()), page.path(), page.icon().create());
        item.setId(page.id());
        entry.badge().ifPresent(badge -> {
            Span count = new Span();
            count.setId(page.id() + "-badge");
            count.getElement().getThemeList().add("badge error pill small");
            item.setSuffixComponent(count);
            badges.add(() -> {
                int n = badge.count().applyAsInt(user);
                count.setText(Integer.toString(n));
                count.setVisible(n > 0);
                count.getElement().setAttribute("aria-label", getTranslation(badge.ariaLabelKey(), n));
            });
        });
        return item;
    }

    private void addSection(NavigationSection section) {
        var links = section.links(getLocale());
        if (links.isEmpty()) {
            return;
        }
        SideNav nav = new SideNav(getTranslation(section.labelKey()));
        nav.setId(section.id());
        for (var link : links) {
            nav.addItem(new SideNavItem(link.label(), link.path(), link.icon().create()));
        }
        addToDrawer(nav);
    }

    /** Badges count again after each navigation (an approval elsewhere changes the number). */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        refreshBadges();
    }

    private void refreshBadges() {
        badges.forEach(Runnable::run);
    }

    /** After a change a badge counts (a decided approval): the layout that shows {@code view} counts again. */
    public static void refreshBadges(Component view) {
        MainLayout layout = view.findAncestor(MainLayout.class);
        if (layout != null) {
            layout.refreshBadges();
        }
    }
}
