package org.gongjian.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import org.gongjian.api.ApiError;
import org.gongjian.api.ApiMessages;

/**
 * Guards every {@code /api} request before its body is read: a body larger than its route allows
 * answers 413 ({@code REQUEST_TOO_LARGE}) from the declared {@code Content-Length}, or, for a
 * chunked body, as soon as the bytes counted pass the limit; a body sent to a route that needs
 * authentication without a valid bearer token answers 401 unread. Either refusal closes the
 * connection, so the rest of the body is never received. Every {@code /api} answer is marked
 * {@code Cache-Control: no-store}: most of them carry personal data or a token.
 */
final class ApiRequestFilter extends HttpFilter {

    /** The default limit of a request body: JSON commands are small. */
    static final int JSON_LIMIT = 64 * 1024;

    /** The limit on the anonymous sign-in and password-change bodies. */
    static final int SIGN_IN_LIMIT = 8 * 1024;

    /** Routes whose bodies may be larger or must be smaller than {@link #JSON_LIMIT}. */
    private static final Map<String, Long> LIMITS = Map.of(
            "/api/auth/token",
            (long) SIGN_IN_LIMIT,
            "/api/auth/password",
            (long) SIGN_IN_LIMIT,
            "/api/members/import",
            GongjianServer.MAX_UPLOAD_BYTES,
            "/api/plugins",
            GongjianServer.MAX_UPLOAD_BYTES);

    /** Routes that take a body from callers who have not signed in. */
    private static final List<String> ANONYMOUS = List.of("/api/auth/token", "/api/auth/password");

    private final BiPredicate<String, HttpServletRequest> tokens;

    /** @param tokens whether a bearer token belongs to a signed-in user (see {@link BearerTokens}) */
    ApiRequestFilter(BiPredicate<String, HttpServletRequest> tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Cache-Control", "no-store");
        long declared = request.getContentLengthLong();
        boolean chunked = declared < 0 && request.getHeader("Transfer-Encoding") != null;
        if (declared <= 0 && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        // The decoded, normalized path: a route cannot be dodged by spelling it another way.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        long limit = limitFor(path);
        if (declared > limit) {
            tooLarge(request, response, limit);
            return;
        }
        if (!ANONYMOUS.contains(path) && !signedIn(request)) {
            refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHORIZED");
            return;
        }
        if (!chunked) {
            chain.doFilter(request, response);
            return;
        }
        if (isMultipart(request)) {
            // Jetty parses multipart from the raw stream: only a declared length bounds it up front.
            refuse(request, response, HttpServletResponse.SC_LENGTH_REQUIRED, "LENGTH_REQUIRED");
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), limit);
        if (body == null) {
            tooLarge(request, response, limit);
            return;
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    static long limitFor(String path) {
        return LIMITS.getOrDefault(path, (long) JSON_LIMIT);
    }

    private boolean signedIn(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String token = header.substring(7).strip();
        return tokens.test(token, request);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /** The whole body if it has at most {@code limit} bytes; null (and nothing more read) if not. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit)
            throws IOException {
        Locale language = language(request);
        refuse(
                response,
                HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                "REQUEST_TOO_LARGE",
                ApiMessages.text("REQUEST_TOO_LARGE.limit", language, Long.toString(limit)));
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String code)
            throws IOException {
        refuse(response, status, code, ApiMessages.message(code, null, language(request)));
    }

    private static Locale language(HttpServletRequest request) {
        return ApiMessages.language(request.getHeader("Accept-Language"));
    }

    /** Answers with the API's JSON error and closes the connection: the body stays unread. */
    private static void refuse(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        response.setStatus(status);
        response.setHeader("Connection", "close");
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentType("application/json");
        byte[] json = ApiError.of(code, message).toJson();
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /** A request whose body was read (and counted) by the filter, replayed from memory. */
    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
