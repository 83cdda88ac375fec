package org.gongjian.plugin.api;

import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A REST endpoint of the plugin, mounted at {@code /api/plugins/<pluginId>/x/<path>} (the {@code x}
 * keeps plugin paths apart from the host's own routes for the plugin, such as {@code
 * /api/plugins/<pluginId>/disable}). The host authenticates the request (a bearer token), answers
 * 404 where the plugin is not enabled anywhere in the caller's organizations, 404 for a path
 * parameter {@code {organizationId}} or {@code {memberId}} that the caller does not read or where
 * the plugin is off, checks {@link #roles()} (403), bounds the body (64 KiB, 413), binds the caller
 * for {@link Access#currentCaller()}, and turns {@link EndpointException} into the platform's JSON
 * error ({@code code}, {@code message}, {@code errors}). Anything else thrown answers 500 with a
 * generic message and is logged once. The endpoint itself checks the permission it needs ({@link
 * Access#may}) and the scope and enablement ({@link Access#enabledFor}) of every other object it
 * touches, e.g. an organization or member named in the body. Read bodies with {@link Json}.
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
     * The path below {@code /api/plugins/<pluginId>/x/}, with {@code {name}} for a path parameter,
     * e.g. {@code "items/{id}"}; lowercase letters, digits, dashes and slashes. An endpoint with
     * another path is not mounted.
     */
    String path();

    /** Who may call it; a caller with none of these roles gets 403. */
    Set<PluginRole> roles();

    /** How it is described in the OpenAPI document. */
    EndpointDoc doc();

    EndpointResponse handle(EndpointRequest request);
}
