package org.gongjian.plugins.hello;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;

/** A page for a 390 px phone: the latest greetings in large text, greeting the signed-in volunteer. */
public class HelloPhoneView extends VerticalLayout {

    public HelloPhoneView(PluginContext context, PluginCaller caller) {
        setId("hello-phone");
        getStyle().set("font-size", "1.25rem");
        add(new H2(Messages.get(caller.locale(), "self.title") + " · " + caller.username()));
        new Greetings(context).latest(5).forEach(g -> add(new Paragraph(g.message())));
    }
}
