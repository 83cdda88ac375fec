package org.gongjian.plugins.hello;

import org.gongjian.plugin.api.GongjianPlugin;
import org.gongjian.plugin.api.PluginContext;

/** The hello plugin's main class: the manifest's {@code Plugin-Class}. */
public class HelloPlugin extends GongjianPlugin {

    public HelloPlugin(PluginContext context) {
        super(context);
    }

    @Override
    public void start() {
        context()
                .logger()
                .log(
                        System.Logger.Level.INFO,
                        "hello plugin started with {0} greetings",
                        greetings().count());
    }

    private Greetings greetings() {
        return new Greetings(context());
    }
}
