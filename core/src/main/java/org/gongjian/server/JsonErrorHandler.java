package org.gongjian.server;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.gongjian.api.ApiError;
import org.gongjian.api.ApiMessages;

/**
 * Errors that Jetty answers itself, before a servlet runs (a body over the server's limit, a bad
 * header), in the API's JSON error format with a stable code: never Jetty's HTML page, which names
 * the server and echoes the request. The message is in the caller's language ({@link ApiMessages}).
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(
            Request request, Response response, int status, String message, Throwable cause, Callback callback) {
        String code =
                switch (status) {
                    case 413 -> "REQUEST_TOO_LARGE";
                    case 414, 431 -> "REQUEST_HEADERS_TOO_LARGE";
                    case 400 -> "MALFORMED_REQUEST";
                    default -> "HTTP_" + status;
                };
        String text = ApiMessages.message(
                status == 400 ? "request.unreadable" : code,
                null,
                ApiMessages.language(request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE)));
        byte[] json = ApiError.of(code, text).toJson();
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(json), callback);
    }
}
