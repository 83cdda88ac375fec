package org.gongjian.plugins.noticeboard;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gongjian.plugin.api.Access;
import org.gongjian.plugin.api.OrganizationRef;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;

/**
 * The notice board page: choose one of your organizations, write a notice (checked against the
 * organization's longest-notice setting as you type), post it, and read the latest ones.
 */
public class NoticeBoardView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Notices notices;
    private final PluginCaller caller;
    private final Locale locale;
    private final Select<OrganizationRef> organization = new Select<>();
    private final TextField title = new TextField();
    private final VerticalLayout list = new VerticalLayout();
    private final ZoneId zone;

    public NoticeBoardView(PluginContext context, PluginCaller caller) {
        this.notices = new Notices(context);
        this.caller = caller;
        this.locale = caller.locale();
        this.zone = context.clock().getZone();
        setId("notice-board");
        List<OrganizationRef> mine = context.require(Access.class).organizations(caller);

        organization.setId("notice-board-organization");
        organization.setLabel(text("field.organization"));
        organization.setItems(mine);
        organization.setItemLabelGenerator(OrganizationRef::name);
        organization.addValueChangeListener(e -> {
            check();
            refresh();
        });

        title.setId("notice-board-title");
        title.setLabel(text("field.title"));
        title.setWidthFull(); // fits a 390 px phone, at most 28em on a desktop
        title.setMaxWidth("28em");
        title.setValueChangeMode(ValueChangeMode.EAGER);
        title.addValueChangeListener(e -> check());

        Button post = new Button(text("button.post"), e -> post());
        post.setId("notice-board-post");
        post.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(organization, title, post);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        form.setWidthFull();
        form.setFlexGrow(1, title);

        list.setId("notice-board-list");
        list.setPadding(false);
        add(new H2(text("page.title")), new Paragraph(text("page.intro")), form, list);
        if (!mine.isEmpty()) {
            organization.setValue(mine.getFirst());
        }
    }

    /** Checks the notice as the user types: not empty, not longer than the organization allows. */
    private boolean check() {
        OrganizationRef org = organization.getValue();
        String value = title.getValue().strip();
        if (org == null) {
            return false;
        }
        int max = notices.maxLength(org.id());
        title.setMaxLength(max);
        title.setHelperText(value.codePointCount(0, value.length()) + " / " + max);
        if (value.codePointCount(0, value.length()) > max) {
            title.setErrorMessage(text("error.too-long", max));
            title.setInvalid(true);
            return false;
        }
        title.setInvalid(false);
        return true;
    }

    private void post() {
        OrganizationRef org = organization.getValue();
        if (org == null || !check()) {
            return;
        }
        try {
            notices.post(caller, org.id(), Optional.empty(), title.getValue());
            title.clear();
            Notification.show(text("posted")).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
        } catch (NoticeRefused refused) {
            title.setErrorMessage(refused.message(locale));
            title.setInvalid(true);
        }
    }

    private void refresh() {
        list.removeAll();
        OrganizationRef org = organization.getValue();
        if (org == null) {
            return;
        }
        List<Notices.Notice> latest = notices.of(caller, org.id(), 50);
        if (latest.isEmpty()) {
            list.add(new Paragraph(text("empty")));
        }
        for (Notices.Notice notice : latest) {
            Paragraph line = new Paragraph(WHEN.format(notice.postedAt().atZone(zone)) + "  " + notice.title());
            line.addClassName("notice-board-notice");
            list.add(line);
        }
    }

    private String text(String key, Object... arguments) {
        return Messages.get(locale, key, arguments);
    }
}
