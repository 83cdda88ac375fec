package org.gongjian.ui.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gongjian.home.GongjianHome;

/** Starts Gongjian: the Micronaut context, the database, the plugins, then the HTTP server. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        long started = System.nanoTime();
        ApplicationContext context =
                ApplicationContext.builder(Main.class).args(args).start();
        EmbeddedServer server;
        try {
            server = context.getBean(EmbeddedServer.class).start();
        } catch (RuntimeException e) {
            context.close(); // stops the embedded database too
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(context::close, "gongjian-shutdown"));

        Path password = context.getBean(GongjianHome.class).root().resolve("initial-admin-password");
        System.out.printf(
                "%n  共建 Gongjian is running at http://localhost:%d/  (ready in %d ms)%n",
                server.getPort(), (System.nanoTime() - started) / 1_000_000);
        if (Files.exists(password)) {
            System.out.printf("  The administrator's one-time password is in %s%n", password);
        }
        System.out.println();
    }
}
