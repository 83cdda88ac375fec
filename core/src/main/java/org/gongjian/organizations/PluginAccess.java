package org.gongjian.organizations;

import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gongjian.access.Caller;
import org.gongjian.access.MemberScope;
import org.gongjian.access.MemberScopes;
import org.gongjian.plugin.api.Access;
import org.gongjian.plugin.api.OrganizationRef;
import org.gongjian.plugin.api.Permission;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.sdk.CurrentPluginCaller;
import org.gongjian.sdk.HostCaller;
import org.gongjian.sdk.PluginOrganizations;
import org.gongjian.sdk.SdkService;

/**
 * The SDK's {@link Access} over the host's own rules: {@link Permission#READ} is {@link
 * Caller#mayRead}, {@link Permission#RECORD} {@link Caller#mayEdit}, {@link Permission#MANAGE}
 * {@link Caller#mayManage}, each on the organization's path (a member: on its organization's path;
 * a member signed in as themselves may also READ their own record). An archived organization is
 * read-only: RECORD and MANAGE are refused there. An unknown id is answered like one outside the
 * caller's subtree. Only callers the host handed out are accepted ({@link HostCaller#of}).
 */
@Singleton
final class PluginAccess implements SdkService<Access> {

    private final Organizations organizations;
    private final OrganizationRepository repository;
    private final MemberScopes members;
    private final PluginOrganizations enablement;

    PluginAccess(
            Organizations organizations,
            OrganizationRepository repository,
            MemberScopes members,
            PluginOrganizations enablement) {
        this.organizations = organizations;
        this.repository = repository;
        this.members = members;
        this.enablement = enablement;
    }

    @Override
    public Class<Access> type() {
        return Access.class;
    }

    @Override
    public Access forPlugin(String pluginId) {
        return new PluginScopedAccess(pluginId);
    }

    static boolean allowed(Caller caller, Permission permission, String path, boolean archived) {
        return switch (Objects.requireNonNull(permission, "permission")) {
            case READ -> caller.mayRead(path);
            case RECORD -> !archived && caller.mayEdit(path);
            case MANAGE -> !archived && caller.mayManage(path);
        };
    }

    static OrganizationRef ref(Organization org) {
        return new OrganizationRef(org.id(), org.name(), org.kind().name(), Optional.ofNullable(org.parentId()));
    }

    private final class PluginScopedAccess implements Access {

        private final String pluginId;

        PluginScopedAccess(String pluginId) {
            this.pluginId = pluginId;
        }

        @Override
        public Optional<PluginCaller> currentCaller() {
            return CurrentPluginCaller.get().map(PluginCaller.class::cast);
        }

        @Override
        public PluginCaller system() {
            return HostCaller.system();
        }

        @Override
        public boolean may(PluginCaller caller, Permission permission, long organizationId) {
            Caller host = HostCaller.of(caller).caller();
            return organizations
                    .find(organizationId)
                    .map(o -> allowed(host, permission, o.path(), o.archivedAt() != null))
                    .orElse(false);
        }

        @Override
        public boolean mayOnMember(PluginCaller caller, Permission permission, long memberId) {
            Caller host = HostCaller.of(caller).caller();
            Objects.requireNonNull(permission, "permission");
            Optional<MemberScope> scope = members.of(memberId);
            if (scope.isEmpty()) {
                return false;
            }
            if (permission == Permission.READ && host.memberId() != null && host.memberId() == memberId) {
                return true;
            }
            boolean archived = organizations
                    .find(scope.get().organizationId())
                    .map(o -> o.archivedAt() != null)
                    .orElse(true);
            return allowed(host, permission, scope.get().orgPath(), archived);
        }

        @Override
        public List<OrganizationRef> organizations(PluginCaller caller) {
            Caller host = HostCaller.of(caller).caller();
            List<String> paths = host.readablePaths();
            List<Organization> tops;
            if (paths.equals(List.of("/"))) {
                tops = repository.findByParentIdIsNullAndArchivedAtIsNull();
            } else {
                List<Long> ids = paths.stream().map(PluginAccess::lastId).toList();
                tops = organizations.find(ids).values().stream()
                        .filter(o -> o.archivedAt() == null)
                        .toList();
            }
            return tops.stream()
                    .sorted(Comparator.comparing(Organization::name).thenComparing(Organization::id))
                    .map(PluginAccess::ref)
                    .toList();
        }

        @Override
        public Optional<OrganizationRef> organization(PluginCaller caller, long organizationId) {
            Caller host = HostCaller.of(caller).caller();
            return organizations.find(host, organizationId).map(PluginAccess::ref);
        }

        @Override
        public boolean enabledFor(long organizationId) {
            return enablement.enabledFor(pluginId, organizationId);
        }
    }

    /** The organization a path ends with: {@code /1/7/42/} → 42. */
    static long lastId(String path) {
        String trimmed = path.substring(0, path.length() - 1);
        return Long.parseLong(trimmed.substring(trimmed.lastIndexOf('/') + 1));
    }
}
