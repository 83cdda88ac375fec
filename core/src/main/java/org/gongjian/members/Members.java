package org.gongjian.members;

import static org.gongjian.members.MemberErrors.*;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.events.DomainEvent;
import org.gongjian.events.DomainEvents;
import org.gongjian.ids.IdGenerator;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;
import org.gongjian.personaldata.Masks;
import org.gongjian.personaldata.PersonalDataProtector;
import org.gongjian.time.ApplicationTime;

/**
 * Reads and changes members on behalf of a {@link Caller}. A member outside the caller's subtree
 * is reported exactly like a missing one ({@link NotFoundException}); a member the caller reads
 * but may not change this way raises {@link ForbiddenException}; refused input raises an {@link
 * InvalidInputException} with a code of {@link MemberErrors} before anything changes. Every change
 * and every unmasked view is written to the audit log in the same transaction.
 *
 * <p>Who sees what: staff and administrators of the member's subtree (and platform
 * administrators) read the member with the ID number and phone masked, including the party data
 * (sensitive, so it is not shown to anyone else; a member signed in as themselves also sees their
 * own); only administrators ({@link Caller#mayManage}) unmask and transfer.
 */
@Singleton
@AuditsDenials
public class Members {

    static final String TARGET = "MEMBER";

    private static final Pattern LAST4_DIGITS = Pattern.compile("\\d{4}");
    private static final Pattern LAST4_ID_X = Pattern.compile("\\d{3}[xX]");
    private static final Pattern PINYIN = Pattern.compile("[A-Za-z0-9 ]+");
    private static final int QUERY_MAX = 50;
    private static final int HISTORY_AUDIT_LIMIT = 500;

    private final MemberStore store;
    private final MemberSearchStore searches;
    private final HouseholdStore households;
    private final MemberTransferStore transfers;
    private final MemberRules rules;
    private final Organizations organizations;
    private final PersonalDataProtector protector;
    private final AuditLog audit;
    private final DomainEvents events;
    private final IdGenerator ids;
    private final Clock clock;

    Members(
            MemberStore store,
            MemberSearchStore searches,
            HouseholdStore households,
            MemberTransferStore transfers,
            MemberRules rules,
            Organizations organizations,
            PersonalDataProtector protector,
            AuditLog audit,
            DomainEvents events,
            IdGenerator ids,
            Clock clock) {
        this.store = store;
        this.searches = searches;
        this.households = households;
        this.transfers = transfers;
        this.rules = rules;
        this.organizations = organizations;
        this.protector = protector;
        this.audit = audit;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Adds a member with a name only, as the platform (demo data, tests); audited as "system".
     *
     * @throws NotFoundException if the organization does not exist
     */
    @Transactional
    public Member add(long organizationId, String name) {
        organizations.find(organizationId).orElseThrow(() -> new NotFoundException("Organization", organizationId));
        MemberView created = create(Caller.system(), MemberInput.named(organizationId, name));
        return store.find(created.id(), false).orElseThrow().member();
    }

    /** How many member records exist, in every organization. */
    @Transactional(readOnly = true)
    public long count() {
        return store.countAll();
    }

    /** Records a new member in an organization the caller may edit. */
    @Transactional
    public MemberView create(Caller caller, MemberInput input) {
        if (input.organizationId() == null) {
            throw new InvalidInputException(
                    ORGANIZATION_REQUIRED, "organizationId", "Choose the member's organization");
        }
        Organization org = usableOrganization(caller, input.organizationId(), "organizationId");
        if (!caller.mayEdit(org.path())) {
            throw new ForbiddenException("Your role does not record members here");
        }
        MemberRules.Checked checked = rules.check(caller, input, null, today());
        requireIdNumberFree(checked.idNumber(), null);
        long id = ids.next();
        if (!store.insert(id, org.id(), org.path(), row(checked), now())) {
            throw idNumberTaken();
        }
        audit.append(caller, "MEMBER_CREATED", TARGET, id, org.id(), org.path(), "created in organization " + org.id());
        return view(store.find(id, false).orElseThrow(), true);
    }

    /**
     * Replaces a member's data; {@code input.version()} must be the version the client read.
     *
     * @throws MemberChangedMeanwhileException if the member changed since
     */
    @Transactional
    public MemberView update(Caller caller, long memberId, MemberInput input) {
        StoredMember existing = store.find(memberId, true)
                .filter(m -> caller.mayRead(m.member().orgPath()))
                .orElseThrow(() -> new NotFoundException("Member", memberId));
        Member member = existing.member();
        if (!caller.mayEdit(member.orgPath())) {
            throw new ForbiddenException("Your role does not change members here");
        }
        if (input.version() == null) {
            throw new InvalidInputException(VERSION_REQUIRED, "version", "Send the version you read");
        }
        if (input.version() != member.version()) {
            throw new MemberChangedMeanwhileException(memberId);
        }
        if (input.organizationId() != null && input.organizationId() != member.organizationId()) {
            throw new InvalidInputException(
                    ORGANIZATION_CHANGE_NEEDS_TRANSFER, "organizationId", "Move a member with a transfer");
        }
        MemberRules.Checked checked = rules.check(caller, input, existing, today());
        requireIdNumberFree(checked.idNumber(), memberId);
        List<String> changed = changedFields(existing, checked);
        switch (store.update(memberId, member.version(), row(checked), now())) {
            case STALE -> throw new MemberChangedMeanwhileException(memberId);
            case ID_NUMBER_TAKEN -> throw idNumberTaken();
            case UPDATED -> {}
        }
        audit.append(
                caller,
                "MEMBER_UPDATED",
                TARGET,
                memberId,
                member.organizationId(),
                member.orgPath(),
                changed.isEmpty() ? "no field changed" : "changed: " + String.join(", ", changed));
        return view(store.find(memberId, false).orElseThrow(), true);
    }

    /** A member with personal data masked; party data only for readers of its subtree and the member. */
    @Transactional(readOnly = true)
    public MemberView get(Caller caller, long memberId) {
        StoredMember stored = store.find(memberId, false).orElseThrow(() -> new NotFoundException("Member", memberId));
        boolean reader = caller.mayRead(stored.member().orgPath());
        if (!reader && !isSelf(caller, memberId)) {
            throw new NotFoundException("Member", memberId);
        }
        // Party data is sensitive: readers of the member's subtree and the member themself only
        // (the only callers who get this far).
        return view(stored, reader || isSelf(caller, memberId));
    }

    /** The member's ID number and phone in clear, for administrators of its subtree; audited each time. */
    @Transactional
    public UnmaskedMember unmask(Caller caller, long memberId) {
        StoredMember stored = store.find(memberId, false)
                .filter(m -> caller.mayRead(m.member().orgPath()))
                .orElseThrow(() -> new NotFoundException("Member", memberId));
        Member member = stored.member();
        if (!caller.mayManage(member.orgPath())) {
            throw new ForbiddenException("Only an administrator of the organization may see personal data unmasked");
        }
        String idNumber = stored.idNumberEnc() == null ? null : protector.decrypt(stored.idNumberEnc());
        String phone = stored.phoneEnc() == null ? null : protector.decrypt(stored.phoneEnc());
        audit.append(
                caller,
                "PERSONAL_DATA_UNMASKED",
                TARGET,
                memberId,
                member.organizationId(),
                member.orgPath(),
                "ID number and phone of member " + memberId);
        return new UnmaskedMember(memberId, idNumber, phone);
    }

    /**
     * Moves a member to another organization (组织关系转接); the caller must administer both. The
     * grid, branch and household are kept when they lie inside the destination's subtree and
     * cleared otherwise, for the receiving organization to assign. The transfer is kept for ever.
     */
    @Transactional
    public MemberTransfer transfer(Caller caller, long memberId, @Nullable Long toOrganizationId, String reason) {
        StoredMember stored = store.find(memberId, true)
                .filter(m -> caller.mayRead(m.member().orgPath()))
                .orElseThrow(() -> new NotFoundException("Member", memberId));
        Member member = stored.member();
        if (!caller.mayManage(member.orgPath())) {
            throw new ForbiddenException("Only an administrator of the organization may transfer members");
        }
        String why = MemberRules.reason(reason);
        if (toOrganizationId == null) {
            throw new InvalidInputException(ORGANIZATION_REQUIRED, "toOrgId", "Choose the destination");
        }
        Organization to = usableOrganization(caller, toOrganizationId, "toOrgId");
        if (!caller.mayManage(to.path())) {
            throw new ForbiddenException("Only an administrator of the destination may receive members");
        }
        if (to.id() == member.organizationId()) {
            throw new InvalidInputException(
                    TRANSFER_TO_SAME_ORGANIZATION, "toOrgId", "The member already belongs there");
        }
        Long gridId = keptInside(member.gridId(), to.path());
        Long branchId = keptInside(member.branchId(), to.path());
        Long householdId = member.householdId();
        HouseholdRelation relation = member.householdRelation();
        if (householdId != null
                && households
                        .find(householdId, false)
                        .filter(h -> h.orgPath().startsWith(to.path()))
                        .isEmpty()) {
            householdId = null;
            relation = null;
        }
        Instant now = now();
        if (!store.move(memberId, member.version(), to.id(), to.path(), gridId, branchId, householdId, relation, now)) {
            throw new MemberChangedMeanwhileException(memberId);
        }
        long transferId = ids.next();
        transfers.insert(transferId, memberId, member.organizationId(), to.id(), why, caller.userId(), now);
        List<String> cleared = new ArrayList<>();
        if (!Objects.equals(gridId, member.gridId())) {
            cleared.add("grid");
        }
        if (!Objects.equals(branchId, member.branchId())) {
            cleared.add("branch");
        }
        if (!Objects.equals(householdId, member.householdId())) {
            cleared.add("household");
        }
        String detail = "transfer " + transferId + " from organization " + member.organizationId() + " to " + to.id()
                + (cleared.isEmpty() ? "" : "; cleared: " + String.join(", ", cleared));
        audit.append(
                caller, "MEMBER_TRANSFERRED_OUT", TARGET, memberId, member.organizationId(), member.orgPath(), detail);
        audit.append(caller, "MEMBER_TRANSFERRED_IN", TARGET, memberId, to.id(), to.path(), detail);
        // In the transfer's transaction: plugins and rules hear of it only once it committed.
        events.publish(
                DomainEvent.MEMBER_TRANSFERRED,
                memberId,
                to.id(),
                1,
                Map.of("from", Long.toString(member.organizationId()), "to", Long.toString(to.id())));
        return transfers.of(memberId).stream()
                .filter(t -> t.id() == transferId)
                .findFirst()
                .orElseThrow();
    }

    /**
     * The member's transfers and the newest 500 audit entries about it (changes, unmasked views,
     * households), both oldest first.
     */
    @Transactional(readOnly = true)
    public MemberHistory history(Caller caller, long memberId) {
        store.find(memberId, false)
                .filter(m -> caller.mayRead(m.member().orgPath()))
                .orElseThrow(() -> new NotFoundException("Member", memberId));
        return new MemberHistory(memberId, transfers.of(memberId), audit.about(TARGET, memberId, HISTORY_AUDIT_LIMIT));
    }

    /**
     * Members matching a search, within the caller's readable subtrees (or within {@code
     * organizationId}'s subtree, which the caller must read: otherwise it is not found).
     */
    @Transactional(readOnly = true)
    public MemberPage search(Caller caller, MemberSearch search) {
        MemberSearchStore.Query query = query(caller, search);
        if (query == null) {
            return new MemberPage(List.of(), search.page(), search.size(), 0);
        }
        List<MemberView> items =
                searches.search(query).stream().map(m -> view(m, true)).toList();
        boolean lastPage = items.size() < search.size() && (search.page() == 0 || !items.isEmpty());
        long total = lastPage ? query.offset() + items.size() : searches.count(query);
        return new MemberPage(items, search.page(), search.size(), total);
    }

    /**
     * Every member matching a search (all pages, in the search's order), streamed from the
     * database to {@code consumer}, with party data; for exports, which audit themselves. With
     * {@code unmask} the ID number and phone are in clear in {@code idNumberMasked} and {@code
     * phoneMasked}, which needs {@link Caller#mayManage} on every matching member's organization.
     *
     * @return how many members were handed to the consumer
     * @throws ForbiddenException {@code UNMASK_NOT_ALLOWED} before anything is handed over
     */
    @Transactional
    public long forEachMatching(Caller caller, MemberSearch search, boolean unmask, Consumer<MemberView> consumer) {
        MemberSearchStore.Query query = query(caller, search.page(0, MemberSearch.MAX_SIZE));
        if (query == null) {
            return 0;
        }
        if (unmask && !searches.distinctPaths(query).stream().allMatch(caller::mayManage)) {
            throw new ForbiddenException(
                    UNMASK_NOT_ALLOWED,
                    "Only an administrator of every exported member's organization may export personal data unmasked");
        }
        long[] count = {0};
        searches.forEach(query, stored -> {
            MemberView view = view(stored, true);
            if (unmask) {
                view = new MemberView(
                        view.id(),
                        view.organizationId(),
                        view.name(),
                        view.namePinyin(),
                        view.gender(),
                        view.birthDate(),
                        stored.idNumberEnc() == null ? null : protector.decrypt(stored.idNumberEnc()),
                        stored.phoneEnc() == null ? null : protector.decrypt(stored.phoneEnc()),
                        view.address(),
                        view.gridId(),
                        view.householdId(),
                        view.householdRelation(),
                        view.status(),
                        view.tags(),
                        view.party(),
                        view.volunteer(),
                        view.volunteerSince(),
                        view.skills(),
                        view.createdAt(),
                        view.updatedAt(),
                        view.version());
            }
            consumer.accept(view);
            count[0]++;
        });
        return count[0];
    }

    /** The database's plan for a search, one line per table access (benchmarks, diagnostics). */
    @Transactional(readOnly = true)
    public List<String> explain(Caller caller, MemberSearch search) {
        MemberSearchStore.Query query = query(caller, search);
        return query == null ? List.of() : searches.explain(query);
    }

    /** The SQL of a search, or null when the caller reads nothing. */
    MemberSearchStore.@Nullable Query query(Caller caller, MemberSearch search) {
        if (search.page() < 0 || search.page() > 100_000) {
            throw new InvalidInputException(PAGE_INVALID, "page", "The page is a number from 0");
        }
        if (search.size() < 1 || search.size() > MemberSearch.MAX_SIZE) {
            throw new InvalidInputException(SIZE_INVALID, "size", "The page size is between 1 and 200");
        }
        String orderBy = orderBy(search.sort());
        List<String> paths;
        if (search.organizationId() != null) {
            Organization org = organizations
                    .find(search.organizationId())
                    .filter(o -> caller.mayRead(o.path()))
                    .orElseThrow(() -> new NotFoundException("Organization", search.organizationId()));
            paths = List.of(org.path());
        } else {
            paths = caller.readablePaths();
        }
        StringBuilder where = new StringBuilder();
        List<Object> args = new ArrayList<>();
        where.append('(');
        for (int i = 0; i < paths.size(); i++) {
            where.append(i == 0 ? "" : " OR ").append("m.org_path LIKE ?");
            args.add(paths.get(i) + "%");
        }
        where.append(')');
        if (search.status() != null && !search.status().isBlank()) {
            where.append(" AND m.status = ?");
            args.add(MemberRules.parse(MemberStatus.class, search.status(), STATUS_INVALID, "status")
                    .name());
        }
        if (search.volunteer() != null) {
            where.append(" AND m.volunteer = ?");
            args.add(search.volunteer());
        }
        if (search.partyStatus() != null && !search.partyStatus().isBlank()) {
            where.append(" AND m.party_status = ?");
            args.add(MemberRules.parse(PartyStatus.class, search.partyStatus(), PARTY_STATUS_INVALID, "partyStatus")
                    .name());
        }
        if (search.tag() != null && !search.tag().isBlank()) {
            where.append(" AND EXISTS (SELECT 1 FROM member_tag t WHERE t.member_id = m.id AND t.tag = ?)");
            args.add(search.tag().strip());
        }
        appendQuery(search.q(), where, args);
        if (paths.isEmpty()) {
            return null;
        }
        return new MemberSearchStore.Query(
                where.toString(), args, orderBy, search.size(), (long) search.page() * search.size());
    }

    /** The text query: name prefix, pinyin or initials prefix, or the last four of phone or ID number. */
    private static void appendQuery(@Nullable String raw, StringBuilder where, List<Object> args) {
        if (raw == null || raw.isBlank()) {
            return;
        }
        String q = raw.strip();
        if (q.codePointCount(0, q.length()) > QUERY_MAX) {
            throw new InvalidInputException(QUERY_TOO_LONG, "q", "Search with at most 50 characters");
        }
        if (LAST4_DIGITS.matcher(q).matches()) {
            where.append(" AND (m.phone_last4 = ? OR m.id_last4 = ?)");
            args.add(q);
            args.add(q);
        } else if (LAST4_ID_X.matcher(q).matches()) {
            where.append(" AND m.id_last4 = ?");
            args.add(q.toUpperCase(java.util.Locale.ROOT));
        } else if (PINYIN.matcher(q).matches()) {
            String letters = q.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
            // Initials start with the pinyin's first letter, so both alternatives lie in one range
            // of the pinyin: the first condition lets the server read only that range.
            where.append(" AND m.name_pinyin LIKE ? AND (m.name_pinyin LIKE ? OR m.name_initials LIKE ?)");
            args.add(letters.charAt(0) + "%");
            args.add(letters + "%");
            args.add(letters + "%");
        } else {
            where.append(" AND m.name LIKE ?");
            args.add(escapeLike(q) + "%");
        }
    }

    private static String orderBy(@Nullable String sort) {
        String key = sort == null || sort.isBlank() ? "name" : sort.strip();
        boolean descending = key.startsWith("-");
        String direction = descending ? " DESC" : "";
        return switch (descending ? key.substring(1) : key) {
            case "name" -> "m.name_pinyin" + direction + ", m.id" + direction;
            case "created" -> "m.created_at" + direction + ", m.id" + direction;
            case "id" -> "m.id" + direction;
            default ->
                throw new InvalidInputException(
                        SORT_INVALID, "sort", "Sort by name, created or id (a leading - sorts descending)");
        };
    }

    static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The organization {@code id} if it exists, is not archived and the caller reads it. */
    private Organization usableOrganization(Caller caller, long id, String field) {
        Organization org = organizations
                .find(id)
                .filter(o -> caller.mayRead(o.path()))
                .orElseThrow(() -> new InvalidInputException(ORGANIZATION_UNKNOWN, field, "No such organization"));
        if (org.archivedAt() != null) {
            throw new InvalidInputException(ORGANIZATION_ARCHIVED, field, "The organization is archived");
        }
        return org;
    }

    private @Nullable Long keptInside(@Nullable Long organizationId, String path) {
        if (organizationId == null) {
            return null;
        }
        return organizations
                .find(organizationId)
                .filter(o -> o.path().startsWith(path))
                .map(Organization::id)
                .orElse(null);
    }

    private void requireIdNumberFree(@Nullable String idNumber, @Nullable Long self) {
        if (idNumber == null) {
            return;
        }
        store.memberWithIdNumber(protector.lookupHash(idNumber))
                .filter(other -> !other.equals(self))
                .ifPresent(other -> {
                    throw idNumberTaken();
                });
    }

    private static InvalidInputException idNumberTaken() {
        return new InvalidInputException(
                ID_NUMBER_TAKEN, "idNumber", "A member with this ID number is already recorded");
    }

    /** The columns to store for a checked input: encryption, lookup hash and last four digits. */
    MemberRow row(MemberRules.Checked c) {
        String id = c.idNumber();
        String phone = c.phone();
        return new MemberRow(
                c.name(),
                c.spelling().full(),
                c.spelling().initials(),
                c.gender(),
                c.birthDate(),
                id == null ? null : protector.encrypt(id),
                id == null ? null : protector.lookupHash(id),
                id == null ? null : id.substring(id.length() - 4),
                phone == null ? null : protector.encrypt(phone),
                phone == null ? null : phone.substring(phone.length() - 4),
                c.address(),
                c.gridId(),
                c.status(),
                c.partyStatus(),
                c.partyJoinedOn(),
                c.branchId(),
                c.volunteer(),
                c.volunteerSince(),
                c.skills(),
                c.tags());
    }

    /** The names of the fields an update changes (never their values: they may be personal data). */
    private List<String> changedFields(StoredMember existing, MemberRules.Checked c) {
        Member m = existing.member();
        List<String> changed = new ArrayList<>();
        String oldId = existing.idNumberEnc() == null ? null : protector.decrypt(existing.idNumberEnc());
        String oldPhone = existing.phoneEnc() == null ? null : protector.decrypt(existing.phoneEnc());
        addIfChanged(changed, "name", m.name(), c.name());
        addIfChanged(changed, "gender", m.gender(), c.gender());
        addIfChanged(changed, "birthDate", m.birthDate(), c.birthDate());
        addIfChanged(changed, "idNumber", oldId, c.idNumber());
        addIfChanged(changed, "phone", oldPhone, c.phone());
        addIfChanged(changed, "address", m.address(), c.address());
        addIfChanged(changed, "gridId", m.gridId(), c.gridId());
        addIfChanged(changed, "status", m.status(), c.status());
        addIfChanged(changed, "tags", m.tags(), c.tags());
        addIfChanged(changed, "partyStatus", m.partyStatus(), c.partyStatus());
        addIfChanged(changed, "partyJoinedOn", m.partyJoinedOn(), c.partyJoinedOn());
        addIfChanged(changed, "branchId", m.branchId(), c.branchId());
        addIfChanged(changed, "volunteer", m.volunteer(), c.volunteer());
        addIfChanged(changed, "volunteerSince", m.volunteerSince(), c.volunteerSince());
        addIfChanged(changed, "skills", m.skills(), c.skills());
        return changed;
    }

    private static void addIfChanged(
            List<String> changed, String field, @Nullable Object before, @Nullable Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }

    /** The masked view; {@code partyVisible} only for readers of the member's subtree and the member. */
    MemberView view(StoredMember stored, boolean partyVisible) {
        Member m = stored.member();
        MemberView.Party party = partyVisible && m.partyStatus() != null
                ? new MemberView.Party(m.partyStatus(), m.partyJoinedOn(), m.branchId())
                : null;
        return new MemberView(
                m.id(),
                m.organizationId(),
                m.name(),
                m.namePinyin(),
                m.gender(),
                m.birthDate(),
                stored.idNumberEnc() == null ? null : Masks.idNumber(protector.decrypt(stored.idNumberEnc())),
                stored.phoneEnc() == null ? null : Masks.phone(protector.decrypt(stored.phoneEnc())),
                m.address(),
                m.gridId(),
                m.householdId(),
                m.householdRelation(),
                m.status(),
                m.tags(),
                party,
                m.volunteer(),
                m.volunteerSince(),
                m.skills(),
                m.createdAt(),
                m.updatedAt(),
                m.version());
    }

    private static boolean isSelf(Caller caller, long memberId) {
        return caller.memberId() != null && caller.memberId() == memberId;
    }

    /** Today where the communities are: a date entered at 07:00 in Beijing is not "in the future". */
    LocalDate today() {
        return LocalDate.now(clock.withZone(ApplicationTime.ZONE));
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
