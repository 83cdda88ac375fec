package org.gongjian.members;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gongjian.access.Caller;
import org.gongjian.access.NotFoundException;
import org.gongjian.api.ApiMessages;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.membercodes.MemberCodes;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;
import org.gongjian.plugin.api.EndpointException;
import org.gongjian.plugin.api.MemberRef;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.Relative;
import org.gongjian.sdk.HostCaller;
import org.gongjian.sdk.SdkService;

/**
 * The SDK's {@link org.gongjian.plugin.api.Members} over {@link Members}: the same scope as
 * {@code /api/members} (a member outside the caller's subtree is empty, exactly like a missing one;
 * a member signed in as themselves reads their own record; the search answers only what the caller
 * reads, nothing for a volunteer), and the same masked view: a {@link MemberRef} carries the masked
 * phone only, never the ID number, so nothing is unmasked and nothing is audited as unmasked.
 *
 * <p>The search is {@link Members#search} (no second search): a name <em>prefix</em> (the members
 * search has no fast "name contains" yet; issue 15 adds one), a pinyin or initials prefix, or the
 * last four digits of the phone (members whose ID number ends so are left out here: plugins search
 * by phone only). Active members come first, each group ordered by pinyin.
 *
 * <p>{@code byCode} resolves a member's code through {@link MemberCodes} (same scope) and answers
 * its refusals as {@link EndpointException}s with the code's text in the caller's language.
 */
@Singleton
final class PluginMembers implements SdkService<org.gongjian.plugin.api.Members> {

    private static final Pattern LAST4 = Pattern.compile("\\d{4}");

    private final Members members;
    private final Relatives relatives;
    private final Organizations organizations;
    private final MemberCodes codes;

    PluginMembers(Members members, Relatives relatives, Organizations organizations, MemberCodes codes) {
        this.members = members;
        this.relatives = relatives;
        this.organizations = organizations;
        this.codes = codes;
    }

    @Override
    public Class<org.gongjian.plugin.api.Members> type() {
        return org.gongjian.plugin.api.Members.class;
    }

    @Override
    public org.gongjian.plugin.api.Members forPlugin(String pluginId) {
        return new Adapter();
    }

    private final class Adapter implements org.gongjian.plugin.api.Members {

        @Override
        public Optional<MemberRef> member(PluginCaller caller, long memberId) {
            return view(HostCaller.of(caller).caller(), memberId)
                    .map(v -> refs(List.of(v)).getFirst());
        }

        @Override
        public List<MemberRef> search(PluginCaller caller, String text, int limit) {
            Caller host = HostCaller.of(caller).caller();
            if (limit < 1 || limit > MAX_RESULTS) {
                throw new IllegalArgumentException("limit must be 1-" + MAX_RESULTS + ", was " + limit);
            }
            if (text == null || text.isBlank()) {
                return List.of();
            }
            String q = text.strip();
            if (q.codePointCount(0, q.length()) > MAX_RESULTS) {
                throw new IllegalArgumentException("Search with at most 50 characters");
            }
            boolean phone = LAST4.matcher(q).matches();
            // By phone, members matched by their ID number's last four are dropped: look at more.
            int size = phone ? MemberSearch.MAX_SIZE : limit;
            List<MemberView> found = new ArrayList<>(matching(host, q, MemberStatus.ACTIVE, size, phone).stream()
                    .limit(limit)
                    .toList());
            if (found.size() < limit) {
                // Every active match is in hand, so a page this long holds enough of the others.
                int more = phone ? MemberSearch.MAX_SIZE : limit + found.size();
                matching(host, q, null, more, phone).stream()
                        .filter(v -> v.status() != MemberStatus.ACTIVE)
                        .limit(limit - found.size())
                        .forEach(found::add);
            }
            return refs(found);
        }

        @Override
        public Optional<MemberRef> own(PluginCaller caller) {
            Caller host = HostCaller.of(caller).caller();
            return host.memberId() == null ? Optional.empty() : member(caller, host.memberId());
        }

        @Override
        public Optional<MemberRef> byCode(PluginCaller caller, String scanned) {
            Caller host = HostCaller.of(caller).caller();
            long memberId;
            try {
                memberId = codes.resolve(host, scanned).memberId();
            } catch (NotFoundException outside) {
                return Optional.empty();
            } catch (InvalidInputException refused) {
                java.util.Locale language =
                        "en".equals(caller.locale().getLanguage()) ? ApiMessages.ENGLISH : ApiMessages.CHINESE;
                throw new EndpointException(
                        refused.isConflict() ? 409 : 400,
                        refused.code(),
                        ApiMessages.message(refused.code(), null, language),
                        refused.field());
            }
            return member(caller, memberId);
        }

        @Override
        public List<Relative> relatives(PluginCaller caller, long memberId) {
            Caller host = HostCaller.of(caller).caller();
            Optional<Relatives.Person> person =
                    relatives.person(memberId).filter(p -> readable(host, p.id(), p.orgPath()));
            if (person.isEmpty() || person.get().householdId() == null) {
                return List.of();
            }
            List<Relatives.Person> household = relatives.household(person.get().householdId()).stream()
                    .filter(p -> p.id() != memberId && readable(host, p.id(), p.orgPath()))
                    .toList();
            List<MemberView> views = household.stream()
                    .map(p -> view(host, p.id()))
                    .flatMap(Optional::stream)
                    .toList();
            List<MemberRef> refs = refs(views);
            List<Relative> answer = new ArrayList<>();
            for (int i = 0; i < refs.size(); i++) {
                MemberView view = views.get(i);
                answer.add(new Relative(refs.get(i), String.valueOf(view.householdRelation())));
            }
            return answer;
        }
    }

    private Optional<MemberView> view(Caller caller, long memberId) {
        try {
            return Optional.of(members.get(caller, memberId));
        } catch (NotFoundException missing) {
            return Optional.empty();
        }
    }

    private List<MemberView> matching(Caller caller, String q, MemberStatus status, int size, boolean phone) {
        MemberSearch search = MemberSearch.of(q).page(0, size);
        if (status != null) {
            search = search.withStatus(status.name());
        }
        return members.search(caller, search).items().stream()
                .filter(v ->
                        !phone || (v.phoneMasked() != null && v.phoneMasked().endsWith(q)))
                .toList();
    }

    private static boolean readable(Caller caller, long memberId, String orgPath) {
        return caller.mayRead(orgPath) || (caller.memberId() != null && caller.memberId() == memberId);
    }

    /** The views as plugins see them, in the same order, with their organizations' names (one query). */
    private List<MemberRef> refs(Collection<MemberView> views) {
        Map<Long, Organization> orgs = organizations.find(
                views.stream().map(MemberView::organizationId).distinct().toList());
        return views.stream()
                .map(v -> new MemberRef(
                        v.id(),
                        v.name(),
                        v.organizationId(),
                        orgs.containsKey(v.organizationId())
                                ? orgs.get(v.organizationId()).name()
                                : "",
                        Optional.ofNullable(v.phoneMasked()),
                        List.copyOf(v.tags()),
                        v.volunteer(),
                        v.status() == MemberStatus.ACTIVE))
                .toList();
    }
}
