package org.gongjian.ui.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gongjian.demo.DemoSeeder;
import org.gongjian.home.GongjianHome;

/**
 * Starts Gongjian: the Micronaut context, the database, the plugins, then the HTTP server. The
 * option {@code --demo} sets {@code gongjian.demo=true}: an empty database is seeded with demo data
 * and the demo accounts are printed.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        long started = System.nanoTime();
        boolean demo = Arrays.asList(args).contains("--demo");
        String[] rest = Arrays.stream(args).filter(a -> !a.equals("--demo")).toArray(String[]::new);
        ApplicationContext context = ApplicationContext.builder(Main.class)
                .args(rest)
                .properties(demo ? Map.of("gongjian.demo", "true") : Map.of())
                .start();
        EmbeddedServer server;
        try {
            server = context.getBean(EmbeddedServer.class).start();
        } catch (RuntimeException e) {
            context.close(); // stops the embedded database too
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(context::close, "gongjian-shutdown"));

        Path home = context.getBean(GongjianHome.class).root();
        Path password = home.resolve("initial-admin-password");
        System.out.printf(
                "%n  共建 Gongjian is running at http://localhost:%d/  (ready in %d ms)%n",
                server.getPort(), (System.nanoTime() - started) / 1_000_000);
        if (Files.exists(password)) {
            System.out.printf("  The administrator's one-time password is in %s%n", password);
        }
        if (context.getProperty("gongjian.demo", Boolean.class).orElse(false)) {
            printDemoAccounts(home);
        }
        System.out.println();
    }

    private static void printDemoAccounts(Path home) {
        List<String> lines = DemoSeeder.accountLines(home);
        if (lines.isEmpty()) {
            System.out.println("  Demo: this database was not seeded by --demo; no demo accounts");
            return;
        }
        System.out.printf(
                "%n  Demo accounts (username password role organization), also in %s:%n",
                home.resolve(DemoSeeder.ACCOUNTS_FILE));
        for (String line : lines) {
            System.out.println("    " + line);
        }
    }
}
