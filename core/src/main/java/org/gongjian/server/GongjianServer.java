package org.gongjian.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.ApplicationConfiguration;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.servlet.engine.DefaultMicronautServlet;
import jakarta.inject.Singleton;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.SessionCookieConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Jetty server: {@code /api/*} to Micronaut, the rest to the contributed servlets. */
@Singleton
public final class GongjianServer implements EmbeddedServer {

    /** The largest request body a multipart upload may have. */
    static final long MAX_UPLOAD_BYTES = 32L * 1024 * 1024;

    /** Idle sessions end after 30 minutes. */
    static final int SESSION_TIMEOUT_SECONDS = 30 * 60;

    private static final Logger LOG = LoggerFactory.getLogger(GongjianServer.class);

    private final ApplicationContext applicationContext;
    private final ApplicationConfiguration applicationConfiguration;
    private final List<ServletContributor> contributors;
    private final BeanProvider<BearerTokens> tokens;
    private final String host;
    private final int configuredPort;
    private final boolean forwardedHeaders;
    private Server server;
    private ServerConnector connector;

    GongjianServer(
            ApplicationContext applicationContext,
            ApplicationConfiguration applicationConfiguration,
            List<ServletContributor> contributors,
            BeanProvider<BearerTokens> tokens,
            @Value("${gongjian.bind:0.0.0.0}") String host,
            @Value("${gongjian.port:8080}") int port,
            @Value("${gongjian.forwarded-headers:false}") boolean forwardedHeaders) {
        this.applicationContext = applicationContext;
        this.applicationConfiguration = applicationConfiguration;
        this.contributors = contributors;
        this.tokens = tokens;
        this.host = host;
        this.configuredPort = port;
        this.forwardedHeaders = forwardedHeaders;
    }

    @Override
    public synchronized EmbeddedServer start() {
        if (isRunning()) {
            return this;
        }
        long started = System.nanoTime();
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("http");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        if (forwardedHeaders) {
            // Behind a reverse proxy that SETS X-Forwarded-For / Forwarded: the client's address is taken
            // from them (sign-in throttle, lock, audit). Off by default: any client could claim any address.
            http.addCustomizer(new ForwardedRequestCustomizer());
        }
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(configuredPort < 0 ? 0 : configuredPort);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.SESSIONS);
        context.setClassLoader(getClass().getClassLoader());
        Resource resources = staticResources(context);
        if (resources != null) {
            context.setBaseResource(resources);
        }
        context.getSessionHandler().setMaxInactiveInterval(SESSION_TIMEOUT_SECONDS);
        SessionCookieConfig cookie = context.getSessionHandler().getSessionCookieConfig();
        cookie.setName("GJSESSION");
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        context.addFilter(new FilterHolder(new SecurityHeadersFilter()), "/*", EnumSet.allOf(DispatcherType.class));
        // Bodies are bounded and callers authenticated before Micronaut reads a byte of the body.
        context.addFilter(
                new FilterHolder(new ApiRequestFilter(
                        (token, request) -> tokens.stream().anyMatch(t -> t.accepts(token, request)))),
                "/api/*",
                EnumSet.of(DispatcherType.REQUEST));

        // Micronaut routes on the full URI, so controllers carry the /api prefix themselves. Not async:
        // async requests are recycled before Micronaut's request scope ends (errors, deadlock under load).
        ServletHolder api = new ServletHolder("micronaut", new DefaultMicronautServlet(applicationContext));
        api.setAsyncSupported(false);
        api.setInitOrder(0);
        // Multipart uploads (roster import): up to 1 MiB in memory, then a temporary file. The
        // import endpoint refuses files over 20 MB itself (ROSTER_TOO_LARGE); this outer limit
        // stops far larger requests before they are read.
        api.getRegistration()
                .setMultipartConfig(new MultipartConfigElement(
                        System.getProperty("java.io.tmpdir"), MAX_UPLOAD_BYTES, MAX_UPLOAD_BYTES, 1 << 20));
        context.addServlet(api, "/api/*");
        for (ServletContributor contributor : contributors) {
            contributor.contribute(context);
        }
        // Outside /api (Vaadin's requests and its upload, the UI's roster import) no body may be larger
        // than the largest upload: counted as it arrives, chunked or not, answered 413.
        SizeLimitHandler bodies = new SizeLimitHandler(MAX_UPLOAD_BYTES, -1);
        bodies.setHandler(context);
        server.setHandler(bodies);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (Exception e) {
            stop();
            throw new IllegalStateException(
                    "The HTTP server did not start on port " + configuredPort + ": " + e.getMessage(), e);
        }
        LOG.info("Gongjian listening on {} (started in {} ms)", getURI(), (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    @Override
    public synchronized EmbeddedServer stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("The HTTP server did not stop cleanly", e);
            }
            server = null;
            connector = null;
        }
        return this;
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null && server.isRunning();
    }

    @Override
    public int getPort() {
        ServerConnector current = connector;
        return current == null ? configuredPort : current.getLocalPort();
    }

    @Override
    public String getHost() {
        return "0.0.0.0".equals(host) ? "localhost" : host;
    }

    @Override
    public String getScheme() {
        return "http";
    }

    @Override
    public URL getURL() {
        try {
            return getURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public URI getURI() {
        try {
            return new URI(getScheme(), null, getHost(), getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ApplicationContext getApplicationContext() {
        return applicationContext;
    }

    @Override
    public ApplicationConfiguration getApplicationConfiguration() {
        return applicationConfiguration;
    }

    /** {@code jar:file:///x.jar!/META-INF/resources/}: the form Jetty keeps (no alias warning). */
    private static URI directoryUri(URL url) throws URISyntaxException {
        String text = url.toString();
        if (text.startsWith("jar:file:")) {
            int separator = text.indexOf("!/");
            String jar = java.nio.file.Paths.get(new URI(text.substring(4, separator)))
                    .toUri()
                    .toString();
            return URI.create("jar:" + jar + text.substring(separator) + (text.endsWith("/") ? "" : "/"));
        }
        return text.endsWith("/") ? url.toURI() : URI.create(text + "/");
    }

    /** All {@code META-INF/resources} roots of the class path as one (Vaadin's styles, Lumo, ours). */
    private static Resource staticResources(ServletContextHandler context) {
        ResourceFactory factory = ResourceFactory.of(context);
        List<Resource> roots = new ArrayList<>();
        try {
            for (URL url :
                    Collections.list(GongjianServer.class.getClassLoader().getResources("META-INF/resources"))) {
                roots.add(factory.newResource(directoryUri(url)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return roots.isEmpty() ? null : ResourceFactory.combine(roots);
    }
}
