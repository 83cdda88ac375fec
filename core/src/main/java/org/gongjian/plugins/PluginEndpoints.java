package org.gongjian.plugins;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.MemberScope;
import org.gongjian.access.MemberScopes;
import org.gongjian.access.NotFoundException;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;
import org.gongjian.plugin.api.Endpoint;
import org.gongjian.plugin.api.PluginRole;

/**
 * Finds the endpoint of a started plugin that answers a request below {@value #PREFIX_PATTERN}, and
 * decides whether the caller reaches it: a plugin that is not started or not enabled anywhere the
 * caller works answers 404 like a missing one, and so does a path parameter {@code {organizationId}}
 * or {@code {memberId}} naming an organization or member the caller does not read or where the
 * plugin is off; a caller with none of the endpoint's roles gets 403 (audited). The endpoint still
 * checks the permission it needs ({@code Access.may}: RECORD, MANAGE) and the scope and enablement
 * ({@code Access.enabledFor}) of every other object it touches, e.g. one named in the body.
 */
@Singleton
@AuditsDenials
class PluginEndpoints {

    /** Where plugin endpoints are mounted: below the plugin's own path, apart from the host's routes. */
    static final String PREFIX_PATTERN = "/api/plugins/{pluginId}/x/";

    /** One segment of an endpoint's path: lowercase letters, digits and dashes, or a {@code {name}}. */
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}|\\{[a-z][A-Za-z0-9]{0,31}}");

    private final PluginHost host;
    private final PluginEnablement enablement;
    private final MemberScopes members;
    private final Organizations organizations;

    PluginEndpoints(PluginHost host, PluginEnablement enablement, MemberScopes members, Organizations organizations) {
        this.host = host;
        this.enablement = enablement;
        this.members = members;
        this.organizations = organizations;
    }

    /** The path below {@code /api} where a plugin's endpoint is mounted, e.g. {@code /api/plugins/hello/x/greetings}. */
    static String mountPath(String pluginId, Endpoint endpoint) {
        return "/api/plugins/" + pluginId + "/x/" + endpoint.path();
    }

    /**
     * The endpoints of a started plugin. The one place that asks the host for them (for the switch to
     * the lifecycle's leases).
     */
    List<Endpoint> endpointsOf(String pluginId) {
        return host.extensions(Endpoint.class, pluginId).stream()
                .filter(PluginEndpoints::wellFormed)
                .toList();
    }

    /** Holds the plugin's running version while one request is served (see {@link PluginHost#lease}). */
    PluginHost.Lease lease(String pluginId) {
        return host.lease(pluginId);
    }

    /** Every started plugin with its well-formed endpoints, for the OpenAPI document. */
    Map<String, List<Endpoint>> all() {
        Map<String, List<Endpoint>> all = new LinkedHashMap<>();
        for (PluginInfo plugin : host.list()) {
            List<Endpoint> endpoints = endpointsOf(plugin.id());
            if (!endpoints.isEmpty()) {
                all.put(plugin.id(), endpoints);
            }
        }
        return all;
    }

    /** The endpoint, with the values of its path parameters, that a request reaches. */
    record Match(String pluginId, Endpoint endpoint, Map<String, String> pathParameters) {}

    /**
     * The endpoint answering {@code method} at {@code path} (below the plugin's mount point) for the
     * caller.
     *
     * @throws NotFoundException no such plugin or endpoint, or the plugin is off for the caller or
     *     for the organization or member the path names
     * @throws MethodNotAllowed the path is an endpoint's, the method is not
     * @throws ForbiddenException the caller has none of the endpoint's roles
     */
    Match resolve(Caller caller, String pluginId, Endpoint.Method method, String path) {
        List<Endpoint> endpoints = endpointsOf(pluginId);
        if (endpoints.isEmpty() || !enablement.enabledWithin(pluginId, caller)) {
            throw new NotFoundException("Plugin endpoint", 0);
        }
        String[] segments = path.split("/", -1);
        Match best = null;
        boolean otherMethod = false;
        for (Endpoint endpoint : endpoints) {
            Map<String, String> parameters = match(endpoint.path().split("/", -1), segments);
            if (parameters == null) {
                continue;
            }
            if (endpoint.method() != method) {
                otherMethod = true;
                continue;
            }
            // a literal segment wins over a parameter matching the same request
            if (best == null || parameters.size() < best.pathParameters().size()) {
                best = new Match(pluginId, endpoint, parameters);
            }
        }
        if (best == null) {
            if (otherMethod) {
                throw new MethodNotAllowed();
            }
            throw new NotFoundException("Plugin endpoint", 0);
        }
        if (!reachable(caller, pluginId, best.pathParameters())) {
            throw new NotFoundException("Plugin endpoint", 0);
        }
        if (!mayCall(caller, best.endpoint())) {
            throw new ForbiddenException("The caller has none of the roles of the plugin endpoint " + pluginId + " "
                    + method + " " + best.endpoint().path());
        }
        return best;
    }

    /** A caller who holds one of the endpoint's roles (on any organization). */
    private static boolean mayCall(Caller caller, Endpoint endpoint) {
        for (PluginRole role : endpoint.roles()) {
            if (caller.has(org.gongjian.access.Role.valueOf(role.name()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * An {@code {organizationId}} or {@code {memberId}} of the path that does not exist, lies outside
     * what the caller reads (a volunteer: anything but the own member), or where the plugin is off
     * answers like a missing one. A value that is not an id is left to the endpoint.
     */
    private boolean reachable(Caller caller, String pluginId, Map<String, String> parameters) {
        Optional<Long> organizationId = id(parameters.get("organizationId"));
        if (organizationId.isPresent()) {
            Optional<Organization> org = organizations.find(organizationId.get());
            if (org.isEmpty()
                    || !caller.mayRead(org.get().path())
                    || !enablement.enabledFor(pluginId, org.get().id())) {
                return false;
            }
        }
        Optional<Long> memberId = id(parameters.get("memberId"));
        if (memberId.isPresent()) {
            Optional<MemberScope> member = members.of(memberId.get());
            boolean own = memberId.get().equals(caller.memberId());
            return member.isPresent()
                    && (own || caller.mayRead(member.get().orgPath()))
                    && enablement.enabledFor(pluginId, member.get().organizationId());
        }
        return true;
    }

    private static Optional<Long> id(String value) {
        if (value == null || !value.matches("-?\\d{1,19}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The path parameters when the request's segments fit the template's, else null. */
    private static Map<String, String> match(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String part = template[i];
            if (part.startsWith("{")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                parameters.put(part.substring(1, part.length() - 1), segments[i]);
            } else if (!part.equals(segments[i])) {
                return null;
            }
        }
        return parameters;
    }

    /** Whether an endpoint's path is one the host mounts; others are left out. */
    static boolean wellFormed(Endpoint endpoint) {
        String path = endpoint.path();
        if (path == null || endpoint.method() == null || endpoint.roles() == null || path.isEmpty()) {
            return false;
        }
        List<String> names = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
            if (segment.startsWith("{")) {
                if (names.contains(segment)) {
                    return false;
                }
                names.add(segment);
            }
        }
        return true;
    }

    /** The path is an endpoint's, but not for this method: 405. */
    static final class MethodNotAllowed extends RuntimeException {
        MethodNotAllowed() {
            super("method not allowed", null, false, false);
        }
    }
}
