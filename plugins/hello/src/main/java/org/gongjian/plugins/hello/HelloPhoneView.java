package org.gongjian.plugins.hello;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import org.gongjian.plugin.api.OrganizationGrant;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.Settings;

/**
 * A page for a 390 px phone, in large text: leave a greeting (a points rule may reward it) and read
 * the latest ones; how many is the organization's setting.
 */
public class HelloPhoneView extends VerticalLayout {

    private final Greetings greetings;
    private final PluginCaller caller;
    private final int shown;
    private final VerticalLayout wall = new VerticalLayout();

    public HelloPhoneView(PluginContext context, PluginCaller caller) {
        this.greetings = new Greetings(context);
        this.caller = caller;
        this.shown = caller.grants().stream()
                .map(OrganizationGrant::organizationId)
                .findFirst()
                .map(org -> (int) context.require(Settings.class).of(org).integer(HelloSettings.PHONE_SHOWN))
                .orElse(5);
        setId("hello-phone");
        getStyle().set("font-size", "1.25rem");

        TextArea message = new TextArea(text("self.field"));
        message.setId("hello-phone-message");
        message.setWidthFull();
        message.setMaxLength(Greetings.MAX_LENGTH);
        message.setValueChangeMode(ValueChangeMode.EAGER);
        message.addValueChangeListener(e -> message.setInvalid(
                !e.getValue().isBlank() && Greetings.validText(e.getValue()).isEmpty()));
        message.setErrorMessage(text("error.too-long"));
        Button leave = new Button(text("self.leave"), e -> {
            if (Greetings.validText(message.getValue()).isEmpty()) {
                message.setErrorMessage(text(message.getValue().isBlank() ? "error.empty" : "error.too-long"));
                message.setInvalid(true);
                return;
            }
            greetings.leave(caller, message.getValue());
            message.clear();
            message.setHelperText(text("self.left"));
            refresh();
        });
        leave.setId("hello-phone-leave");
        leave.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        leave.setWidthFull();
        wall.setPadding(false);
        wall.setId("hello-phone-wall");
        add(new H2(text("self.title") + " · " + caller.username()), message, leave, wall);
        refresh();
    }

    private void refresh() {
        wall.removeAll();
        greetings.latest(shown).forEach(g -> wall.add(new Paragraph(g.message())));
    }

    private String text(String key) {
        return Messages.get(caller.locale(), key);
    }
}
