package org.gongjian.plugins.hello;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Locale;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;

/** The greetings page: leave a greeting, see the latest ones. */
public class HelloView extends VerticalLayout {

    private final Greetings greetings;
    private final VerticalLayout list = new VerticalLayout();
    private final Locale locale;

    public HelloView(PluginContext context, PluginCaller caller) {
        this.greetings = new Greetings(context);
        this.locale = getLocale() == null ? Locale.SIMPLIFIED_CHINESE : getLocale();
        setId("hello-view");

        TextField message = new TextField(text("field.message"));
        message.setId("hello-message");
        message.setMaxLength(Greetings.MAX_LENGTH);
        message.setRequired(true);
        message.setWidth("24em");
        Button add = new Button(text("button.add"), e -> {
            if (Greetings.validText(message.getValue()).isEmpty()) {
                message.setInvalid(true);
                message.setErrorMessage(text(message.getValue().isBlank() ? "error.empty" : "error.too-long"));
                return;
            }
            greetings.leave(caller, message.getValue());
            message.clear();
            message.setInvalid(false);
            Notification.show(text("saved"));
            refresh();
        });
        add.setId("hello-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(message, add);
        form.setAlignItems(Alignment.BASELINE);

        list.setPadding(false);
        list.setId("hello-greetings");
        add(new H2(text("page.title")), new Paragraph(text("page.intro")), form, list);
        refresh();
    }

    private void refresh() {
        list.removeAll();
        greetings.latest(20).forEach(g -> list.add(new Paragraph(g.message())));
    }

    private String text(String key) {
        return Messages.get(locale, key);
    }
}
