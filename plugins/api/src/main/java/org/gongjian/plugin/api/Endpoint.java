package org.gongjian.plugin.api;

import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A REST endpoint of the plugin, mounted at {@code /api/plugins/<pluginId>/<path>}. The host
 * authenticates the request, checks {@link #roles()}, answers 404 where the plugin is not enabled
 * for the caller's organizations, bounds the body (64 KiB) and turns {@link EndpointException} into
 * the platform's JSON error ({@code code}, {@code message}, {@code errors}). Anything else thrown
 * answers 500 with a generic message and is logged once. The endpoint itself checks the caller's
 * scope on every object it touches ({@link Access}).
 *
 * @since 0.2
 */
public interface Endpoint extends ExtensionPoint {

    /** The HTTP methods a plugin endpoint may use. */
    enum Method {
        GET,
        POST,
        PUT,
        DELETE
    }

    Method method();

    /**
     * The path below {@code /api/plugins/<pluginId>/}, with {@code {name}} for a path parameter,
     * e.g. {@code "items/{id}"}; lowercase letters, digits, dashes and slashes.
     */
    String path();

    /** Who may call it; a caller with none of these roles gets 403. */
    Set<PluginRole> roles();

    /** How it is described in the OpenAPI document. */
    EndpointDoc doc();

    EndpointResponse handle(EndpointRequest request);
}
