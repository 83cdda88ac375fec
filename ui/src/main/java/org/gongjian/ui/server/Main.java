package org.gongjian.ui.server;

import io.micronaut.runtime.Micronaut;

/** Starts Gongjian: the Micronaut context, the database, the plugins, then the HTTP server. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        long started = System.nanoTime();
        var context = Micronaut.build(args).mainClass(Main.class).banner(false).start();
        var server = context.getBean(io.micronaut.runtime.server.EmbeddedServer.class);
        System.out.printf(
                "%n  共建 Gongjian is running at http://localhost:%d/  (ready in %d ms)%n%n",
                server.getPort(), (System.nanoTime() - started) / 1_000_000);
    }
}
