package org.gongjian.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers every response carries: no MIME sniffing, no framing by other sites, no referrer leaks,
 * and a Content-Security-Policy. The pages' policy is the strictest Vaadin Flow works under: its
 * bootstrap page has inline scripts and the client evaluates server-sent JavaScript ({@code
 * executeJs}), and its components set inline styles; everything else only from this origin, no
 * plugins, no other site may frame a page or receive a form. API answers are data, never a page:
 * they may load nothing at all.
 */
final class SecurityHeadersFilter extends HttpFilter {

    /** The policy of the UI's pages. */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'self'";

    /** The policy of API answers: nothing is loaded, nothing frames them. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        response.setHeader("Referrer-Policy", "same-origin");
        String path = request.getRequestURI();
        response.setHeader(
                "Content-Security-Policy", path.equals("/api") || path.startsWith("/api/") ? API_POLICY : PAGE_POLICY);
        chain.doFilter(request, response);
    }
}
