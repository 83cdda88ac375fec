package org.gongjian.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.gongjian.audit.CallOrigin;

/** The API request being served on this thread: method, path (no query string) and client address. */
@Singleton
final class HttpCallOrigin implements CallOrigin {

    @Override
    public Optional<Origin> current() {
        return ServerRequestContext.currentRequest()
                .map(request -> new Origin(request.getMethodName() + " " + request.getPath(), clientIp(request)));
    }

    /** The address of the client as the server saw it (no forwarding headers are trusted). */
    static String clientIp(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? null
                : remote.getAddress().getHostAddress();
    }
}
