package org.gongjian.plugins.hello;

import com.vaadin.flow.component.html.Paragraph;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;

/** What the hello plugin knows of a member: only how many greetings there are in all. */
public class HelloMemberView extends Paragraph {

    public HelloMemberView(PluginContext context, PluginCaller caller, long memberId) {
        setId("hello-member-" + memberId);
        setText(Messages.get(caller.locale(), "section.count") + " " + new Greetings(context).count());
    }
}
