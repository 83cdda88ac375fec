/**
 * Cross-cutting parts of the REST API under {@code /api}: the one JSON error format (a stable
 * {@code code} that clients switch on, a human {@code message}, and field {@code errors}), the
 * OpenAPI document, and request-level security headers. Feature controllers live in their
 * feature packages.
 */
package org.gongjian.api;
