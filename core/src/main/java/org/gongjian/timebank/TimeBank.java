package org.gongjian.timebank;

import static org.gongjian.timebank.TimeBankErrors.*;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ledger.Account;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.Channel;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.OwnerType;
import org.gongjian.ledger.Posting;
import org.gongjian.ledger.PostingResult;
import org.gongjian.ledger.StatementLine;
import org.gongjian.ledger.TransferSpec;
import org.gongjian.members.Relatives.Person;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.time.ApplicationTime;
import org.gongjian.timebank.TimeBankRequests.Deposit;
import org.gongjian.timebank.TimeBankRequests.Donation;
import org.gongjian.timebank.TimeBankRequests.Gift;
import org.gongjian.timebank.TimeBankRequests.Payment;
import org.gongjian.timebank.TimeBankRequests.PoolGrant;
import org.gongjian.timebank.TimeBankRequests.Redemption;
import org.gongjian.timebank.TimeBankResult.Refusal;
import org.gongjian.timebank.TimeBankStore.Org;

/**
 * The time-bank operations, on behalf of a {@link Caller}, each posted through the {@link Ledger}
 * with the caller's idempotency key (so never inside a transaction of the caller's own).
 *
 * <p>Order of checks, the same for every operation: the input (400, {@link TimeBankErrors}); the
 * members and organizations named, which the caller must see (404 exactly like missing ones;
 * {@link ForbiddenException} where the caller sees but may not act); then, unless this key was
 * already used (a retry is answered by the ledger with its first result, whatever changed since),
 * the time bank's rules ({@link Refusal}, stored with the key like a ledger refusal: a retry
 * answers the same refusal, and once the reason is gone the client sends a new key); then the
 * ledger posts or refuses (INSUFFICIENT_BALANCE, LIMIT_EXCEEDED for the storage cap, ...). A new
 * posting and its audit row are written in one transaction; a retry never audits again.
 *
 * <p>Who acts for a member (pay, gift, donate, redeem): the member signed in as themself, or staff
 * and administrators of the member's subtree. The other side of a payment or gift and the place of
 * a redemption may be anywhere on the platform (通存通兑).
 */
@Singleton
@AuditsDenials
public class TimeBank {

    /** The most one deposit may record: a day. */
    public static final long MAX_DEPOSIT_MINUTES = 24 * 60;

    /** The most any other operation moves at once (100,000 h, beyond any cap). */
    public static final long MAX_MINUTES = 6_000_000;

    static final int REASON_MAX = 80;
    static final int EVIDENCE_MAX = 100;
    static final int MEMO_MAX = 100;
    static final int STATEMENT_MAX = 200;
    static final int PERIOD_MAX_DAYS = 366;

    public static final String DEPOSITED = "TIME_BANK_DEPOSIT";
    public static final String PAID = "TIME_BANK_PAYMENT";
    public static final String GIFTED = "TIME_BANK_GIFT";
    public static final String DONATED = "TIME_BANK_DONATION";
    public static final String REDEEMED = "TIME_BANK_REDEMPTION";
    public static final String GRANTED = "TIME_BANK_POOL_GRANT";

    private static final Pattern SOURCE_TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final Pattern SOURCE_REF = Pattern.compile("[A-Za-z0-9:._-]{1,64}");
    /**
     * Markup and what no one-line text needs: control and format characters (e.g. a right-to-left
     * override), surrogates, private-use and unassigned code points, line and paragraph separators.
     */
    private static final Pattern NOT_PLAIN = Pattern.compile("[<>\\p{C}\\p{Zl}\\p{Zp}]");

    private static final Set<OrganizationKind> COMMUNITY_KINDS =
            Set.of(OrganizationKind.COMMUNITY, OrganizationKind.VILLAGE);

    private final Ledger ledger;
    private final TimeBankStore store;
    private final TimeBankPolicies policies;
    private final AuditLog audit;
    private final Clock clock;

    TimeBank(Ledger ledger, TimeBankStore store, TimeBankPolicies policies, AuditLog audit, Clock clock) {
        this.ledger = ledger;
        this.store = store;
        this.policies = policies;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records service for a member (存入): from the issuance account of the recording organization,
     * which the caller edits, to a member the caller reads. The activities feature calls this with
     * source {@code ACTIVITY} and the activity's id.
     */
    public TimeBankResult deposit(Caller caller, String key, Deposit in) {
        checkKey(key);
        CheckedDeposit checked = check(in);
        long minutes = checked.minutes();
        String memo = checked.reason() + "｜证明：" + checked.evidence();
        Person member = readable(caller, required(in.memberId(), "memberId"));
        Org org =
                in.organizationId() == null ? organization(member.organizationId()) : organization(in.organizationId());
        if (!caller.mayRead(org.path())) {
            throw new NotFoundException("Organization", org.id());
        }
        if (!caller.mayEdit(org.path())) {
            throw new ForbiddenException("Your role does not record service for this organization");
        }
        usable(org);
        Optional<Refusal> refusal = member.active() ? Optional.empty() : Optional.of(Refusal.MEMBER_NOT_ACTIVE);
        return post(
                caller,
                key,
                org.id(),
                refusal,
                new TransferSpec(
                        account(OwnerType.ISSUANCE, org).id(),
                        memberAccount(member).id(),
                        minutes,
                        "SERVICE_DEPOSIT",
                        "VOLUNTEER",
                        memo,
                        in.sourceType(),
                        in.sourceRef(),
                        null),
                DEPOSITED,
                member,
                minutes + " min deposited by organization " + org.id() + " for member " + member.id());
    }

    /** A deposit's minutes, reason and evidence, checked. */
    record CheckedDeposit(long minutes, String reason, String evidence) {}

    /**
     * Checks a deposit's minutes, reason, evidence and source exactly as {@link #deposit} does,
     * without reading anything: forms call it to validate as the user types.
     *
     * @throws InvalidInputException the first problem, with its code and field
     */
    public static void checkInput(Deposit in) {
        check(in);
    }

    /**
     * Checks the minutes and memo of a payment, gift, donation or redemption exactly as those
     * operations do, without reading anything: forms call it to validate as the user types.
     *
     * @throws InvalidInputException the first problem, with its code and field
     */
    public static void checkMove(@Nullable Long minutes, @Nullable String memo) {
        minutes(minutes, MAX_MINUTES);
        memo(memo);
    }

    private static CheckedDeposit check(Deposit in) {
        long minutes = minutes(in.minutes(), MAX_DEPOSIT_MINUTES);
        String reason = text(in.reason(), REASON_MAX, "reason", REASON_REQUIRED, REASON_TOO_LONG, REASON_CHARACTERS);
        String evidence = text(
                in.evidence(), EVIDENCE_MAX, "evidence", EVIDENCE_REQUIRED, EVIDENCE_TOO_LONG, EVIDENCE_CHARACTERS);
        checkSource(in.sourceType(), in.sourceRef());
        return new CheckedDeposit(minutes, reason, evidence);
    }

    /** A member pays another member for a service (支付); the payer must have reached the spending age (or their spouse). */
    public TimeBankResult pay(Caller caller, String key, Payment in) {
        checkKey(key);
        long minutes = minutes(in.minutes(), MAX_MINUTES);
        String memo = memo(in.memo());
        Person payer = actingFor(caller, required(in.payerId(), "payerId"));
        Person payee = anyMember(required(in.payeeId(), "payeeId"));
        notSame(payer, payee, "payeeId");
        return post(
                caller,
                key,
                payer.organizationId(),
                active(payer, payee).or(() -> spending(payer)),
                new TransferSpec(
                        memberAccount(payer).id(),
                        memberAccount(payee).id(),
                        minutes,
                        "PAYMENT",
                        "SERVICE",
                        memo,
                        null,
                        null,
                        null),
                PAID,
                payer,
                minutes + " min paid by member " + payer.id() + " to member " + payee.id());
    }

    /** A member gifts minutes to a direct relative of their household (转赠), at any age, if the policy allows. */
    public TimeBankResult gift(Caller caller, String key, Gift in) {
        checkKey(key);
        long minutes = minutes(in.minutes(), MAX_MINUTES);
        String memo = memo(in.memo());
        Person giver = actingFor(caller, required(in.fromMemberId(), "fromMemberId"));
        Person receiver = anyMember(required(in.toMemberId(), "toMemberId"));
        notSame(giver, receiver, "toMemberId");
        return post(
                caller,
                key,
                giver.organizationId(),
                active(giver, receiver).or(() -> {
                    if (!policies.effective(giver.orgPath()).giftsAllowed()) {
                        return Optional.of(Refusal.GIFTS_NOT_ALLOWED);
                    }
                    return Kinship.direct(
                                    giver.householdId(), giver.relation(), receiver.householdId(), receiver.relation())
                            ? Optional.empty()
                            : Optional.of(Refusal.NOT_A_DIRECT_RELATIVE);
                }),
                new TransferSpec(
                        memberAccount(giver).id(),
                        memberAccount(receiver).id(),
                        minutes,
                        "GIFT",
                        "GIFT",
                        memo,
                        null,
                        null,
                        null),
                GIFTED,
                giver,
                minutes + " min gifted by member " + giver.id() + " to member " + receiver.id());
    }

    /**
     * A member donates minutes to a community pool (捐赠): their community's (the nearest COMMUNITY
     * or VILLAGE on their organization's path, else their organization), or the pool of an
     * organization the caller reads or that lies on the member's path.
     */
    public TimeBankResult donate(Caller caller, String key, Donation in) {
        checkKey(key);
        long minutes = minutes(in.minutes(), MAX_MINUTES);
        String memo = memo(in.memo());
        Person donor = actingFor(caller, required(in.memberId(), "memberId"));
        Org pool;
        if (in.organizationId() == null) {
            pool = community(donor.orgPath());
        } else {
            pool = organization(in.organizationId());
            if (!caller.mayRead(pool.path()) && !donor.orgPath().startsWith(pool.path())) {
                throw new NotFoundException("Organization", pool.id());
            }
        }
        usable(pool);
        return post(
                caller,
                key,
                donor.organizationId(),
                active(donor, donor)
                        .or(() -> policies.effective(donor.orgPath()).donationsAllowed()
                                ? Optional.empty()
                                : Optional.of(Refusal.DONATIONS_NOT_ALLOWED)),
                new TransferSpec(
                        memberAccount(donor).id(),
                        account(OwnerType.POOL, pool).id(),
                        minutes,
                        "DONATION",
                        "DONATION",
                        memo,
                        null,
                        null,
                        null),
                DONATED,
                donor,
                minutes + " min donated by member " + donor.id() + " to the pool of organization " + pool.id());
    }

    /**
     * A member spends minutes for a service received at an organization (支取), any organization of
     * the platform (通存通兑); the spending age applies as for payments.
     */
    public TimeBankResult redeem(Caller caller, String key, Redemption in) {
        checkKey(key);
        long minutes = minutes(in.minutes(), MAX_MINUTES);
        String memo = memo(in.memo());
        Person member = actingFor(caller, required(in.memberId(), "memberId"));
        Org at = organization(required(in.organizationId(), "organizationId"));
        usable(at);
        return post(
                caller,
                key,
                member.organizationId(),
                active(member, member).or(() -> spending(member)),
                new TransferSpec(
                        memberAccount(member).id(),
                        account(OwnerType.REDEMPTION, at).id(),
                        minutes,
                        "REDEMPTION",
                        "SERVICE",
                        memo,
                        null,
                        null,
                        null),
                REDEEMED,
                member,
                minutes + " min spent by member " + member.id() + " at organization " + at.id());
    }

    /** An administrator of the pool's organization gives minutes to a member in need they read; no age rule. */
    public TimeBankResult grant(Caller caller, String key, PoolGrant in) {
        checkKey(key);
        long minutes = minutes(in.minutes(), MAX_MINUTES);
        String reason = text(in.reason(), REASON_MAX, "reason", REASON_REQUIRED, REASON_TOO_LONG, REASON_CHARACTERS);
        Org pool = organization(required(in.organizationId(), "organizationId"));
        if (!caller.mayRead(pool.path())) {
            throw new NotFoundException("Organization", pool.id());
        }
        if (!caller.mayManage(pool.path())) {
            throw new ForbiddenException("Only an administrator of the organization grants from its pool");
        }
        usable(pool);
        Person member = readable(caller, required(in.memberId(), "memberId"));
        return post(
                caller,
                key,
                pool.id(),
                active(member, member),
                new TransferSpec(
                        account(OwnerType.POOL, pool).id(),
                        memberAccount(member).id(),
                        minutes,
                        "POOL_GRANT",
                        "ASSISTANCE",
                        reason,
                        null,
                        null,
                        null),
                GRANTED,
                member,
                minutes + " min granted from the pool of organization " + pool.id() + " to member " + member.id());
    }

    /** A member's balance in minutes and hours, with the policy in force; for readers of the member and the member. */
    public TimeBankAccount account(Caller caller, long memberId) {
        Person member = visible(caller, memberId);
        Account account =
                ledger.find(Asset.TIME_ID, OwnerType.MEMBER, member.id()).orElse(null);
        PolicyView policy = policies.get(Caller.system(), member.organizationId());
        long balance = account == null ? 0 : account.balance();
        return new TimeBankAccount(
                member.id(),
                member.name(),
                member.organizationId(),
                balance,
                Hours.of(balance),
                account == null ? 0 : account.credits(),
                account == null ? 0 : account.debits(),
                member.active() && ageReached(member, policy.spendingMinAge()),
                policy);
    }

    /**
     * A member's statement, newest first: {@code limit} (1–{@value #STATEMENT_MAX}) lines before
     * entry {@code beforeSeq} (from the newest when null), each with its reason and category.
     */
    public List<StatementEntry> statement(Caller caller, long memberId, @Nullable Long beforeSeq, int limit) {
        if (limit < 1 || limit > STATEMENT_MAX) {
            throw new InvalidInputException(LIMIT_INVALID, "limit", "limit must be 1-" + STATEMENT_MAX);
        }
        Person member = visible(caller, memberId);
        Optional<Account> account = ledger.find(Asset.TIME_ID, OwnerType.MEMBER, member.id());
        if (account.isEmpty()) {
            return List.of();
        }
        List<StatementLine> lines = ledger.statement(account.get().id(), beforeSeq, limit);
        Set<Long> memberIds = new HashSet<>();
        Set<Long> orgIds = new HashSet<>();
        for (StatementLine line : lines) {
            (line.counterpartyOwnerType() == OwnerType.MEMBER ? memberIds : orgIds).add(line.counterpartyOwnerId());
        }
        Map<Long, String> memberNames = store.memberNames(memberIds);
        Map<Long, Org> orgs = store.organizations(orgIds);
        List<StatementEntry> entries = new ArrayList<>(lines.size());
        for (StatementLine line : lines) {
            var t = line.transfer();
            long other = line.counterpartyOwnerId();
            String otherName = line.counterpartyOwnerType() == OwnerType.MEMBER
                    ? memberNames.get(other)
                    : Optional.ofNullable(orgs.get(other)).map(Org::name).orElse(null);
            entries.add(new StatementEntry(
                    line.seq(),
                    t.id(),
                    t.postedAt(),
                    line.amount(),
                    Hours.of(line.amount()),
                    line.balance(),
                    Hours.of(line.balance()),
                    t.reasonCode(),
                    t.category(),
                    t.memo(),
                    t.sourceType(),
                    t.sourceRef(),
                    line.counterpartyOwnerType().name(),
                    other,
                    otherName,
                    t.reversesId()));
        }
        return entries;
    }

    /**
     * 通存通兑 in an organization's subtree over the days {@code from}–{@code to} (inclusive,
     * Asia/Shanghai; the current month when both are absent): per pair of communities, what
     * organizations deposited for members and what members spent at organizations.
     */
    public FlowReport flows(Caller caller, long organizationId, @Nullable LocalDate from, @Nullable LocalDate to) {
        LocalDate today = today();
        LocalDate last = to != null ? to : today;
        LocalDate first = from != null ? from : (to != null ? last.withDayOfMonth(1) : today.withDayOfMonth(1));
        if (first.isAfter(last) || ChronoUnit.DAYS.between(first, last) >= PERIOD_MAX_DAYS) {
            throw new InvalidInputException(
                    PERIOD_INVALID,
                    "from",
                    "from must not be after to, and the period at most " + PERIOD_MAX_DAYS + " days");
        }
        Org scope = organization(organizationId);
        if (!caller.mayRead(scope.path())) {
            throw new NotFoundException("Organization", organizationId);
        }
        List<TimeBankStore.FlowGroup> all = store.flows(
                first.atStartOfDay(ApplicationTime.ZONE).toInstant(),
                last.plusDays(1).atStartOfDay(ApplicationTime.ZONE).toInstant());
        Map<Long, Org> memberOrgs = store.organizations(
                all.stream().map(TimeBankStore.FlowGroup::memberOrgId).collect(Collectors.toSet()));
        List<TimeBankStore.FlowGroup> groups = new ArrayList<>();
        Set<Long> pathIds = new HashSet<>();
        for (TimeBankStore.FlowGroup g : all) {
            Org memberOrg = memberOrgs.get(g.memberOrgId());
            if (g.orgPath().startsWith(scope.path()) || memberOrg.path().startsWith(scope.path())) {
                groups.add(g);
                pathIds.addAll(TimeBankPolicies.pathIds(g.orgPath()));
                pathIds.addAll(TimeBankPolicies.pathIds(memberOrg.path()));
            }
        }
        Map<Long, Org> orgs = store.organizations(pathIds);
        Map<List<Long>, long[]> sums = new LinkedHashMap<>();
        for (TimeBankStore.FlowGroup g : groups) {
            Org x = communityOf(g.orgPath(), orgs);
            Org y = communityOf(memberOrgs.get(g.memberOrgId()).path(), orgs);
            long[] sum = sums.computeIfAbsent(List.of(x.id(), y.id()), k -> new long[6]);
            int base = g.deposit() ? 0 : 3;
            sum[base] += g.transfers();
            sum[base + 1] += g.minutes();
            sum[base + 2] += g.members();
        }
        List<FlowReport.Flow> flows = new ArrayList<>();
        sums.forEach((pair, s) -> {
            Org x = orgs.get(pair.get(0));
            Org y = orgs.get(pair.get(1));
            flows.add(new FlowReport.Flow(
                    x.id(),
                    x.name(),
                    y.id(),
                    y.name(),
                    x.id() != y.id(),
                    s[0],
                    s[1],
                    Hours.of(s[1]),
                    s[2],
                    s[3],
                    s[4],
                    Hours.of(s[4]),
                    s[5]));
        });
        flows.sort(Comparator.comparing(FlowReport.Flow::crossCommunity)
                .reversed()
                .thenComparing(FlowReport.Flow::organizationName)
                .thenComparing(FlowReport.Flow::memberCommunityName));
        return new FlowReport(scope.id(), first, last, flows);
    }

    /**
     * Whom the member may gift minutes to (转赠): the active direct relatives of their household (see
     * {@link Kinship}); empty when the policy in force does not allow gifts or the member has no
     * household. The caller acts for the member as for {@link #gift}.
     */
    public List<GiftRecipient> giftRecipients(Caller caller, long memberId) {
        Person giver = actingFor(caller, memberId);
        if (giver.householdId() == null || !policies.effective(giver.orgPath()).giftsAllowed()) {
            return List.of();
        }
        return store.householdMembers(giver.householdId(), giver.id()).stream()
                .filter(r -> Kinship.direct(giver.householdId(), giver.relation(), giver.householdId(), r.relation()))
                .toList();
    }

    /** The member a volunteer signs in as, for the self-service API. */
    public long self(Caller caller) {
        if (caller.memberId() == null) {
            throw new NotFoundException("Member of user", caller.userId());
        }
        return caller.memberId();
    }

    /**
     * Posts the transfer, or stores the time bank's refusal as the key's result, in one transaction
     * with the audit row of a new posting; a key already decided answers its first result (and is
     * not audited again). The accounts were opened and the rules judged before.
     */
    private TimeBankResult post(
            Caller caller,
            String key,
            long organizationId,
            Optional<Refusal> refusal,
            TransferSpec transfer,
            String action,
            Person subject,
            String detail) {
        Long actor = caller.userId() == 0 ? null : caller.userId();
        Posting posting =
                new Posting(caller.userId(), key, organizationId, actor, List.of(transfer), Channel.TIME_BANK);
        PostingResult posted = ledger.inTransaction(status -> {
            if (refusal.isPresent()) {
                return ledger.refuse(posting, refusal.get().name());
            }
            PostingResult result = ledger.post(posting);
            if (result.ok() && !result.replayed()) {
                audit.append(
                        caller,
                        action,
                        "MEMBER",
                        subject.id(),
                        subject.organizationId(),
                        subject.orgPath(),
                        detail + ", ledger request " + result.requestId());
            }
            return result;
        });
        return TimeBankResult.of(posted);
    }

    // --- members and organizations, as the caller may see them

    /** A member the caller reads as staff (404 otherwise). */
    private Person readable(Caller caller, long memberId) {
        return store.person(memberId)
                .filter(p -> caller.mayRead(p.orgPath()))
                .orElseThrow(() -> new NotFoundException("Member", memberId));
    }

    /** A member the caller reads, or the caller's own member record. */
    private Person visible(Caller caller, long memberId) {
        return store.person(memberId)
                .filter(p -> caller.mayRead(p.orgPath()) || isSelf(caller, p.id()))
                .orElseThrow(() -> new NotFoundException("Member", memberId));
    }

    /** The member on whose behalf the caller moves minutes: themself, or a member of a subtree they edit. */
    private Person actingFor(Caller caller, long memberId) {
        Person member = store.person(memberId)
                .filter(p -> caller.mayRead(p.orgPath()) || isSelf(caller, p.id()))
                .orElseThrow(() -> new NotFoundException("Member", memberId));
        if (!isSelf(caller, member.id()) && !caller.mayEdit(member.orgPath())) {
            throw new ForbiddenException("Your role does not move time for this member");
        }
        return member;
    }

    /** The receiving side of a payment or gift: any member of the platform. */
    private Person anyMember(long memberId) {
        return store.person(memberId).orElseThrow(() -> new NotFoundException("Member", memberId));
    }

    private static boolean isSelf(Caller caller, long memberId) {
        return caller.memberId() != null && caller.memberId() == memberId;
    }

    private Org organization(long organizationId) {
        return store.organizations(List.of(organizationId)).values().stream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Organization", organizationId));
    }

    private static void usable(Org org) {
        if (org.archived()) {
            throw new InvalidInputException(ORGANIZATION_ARCHIVED, "organizationId", "The organization is archived");
        }
    }

    /** The community of an organization path: the deepest COMMUNITY or VILLAGE on it, else the organization. */
    private Org community(String orgPath) {
        return communityOf(orgPath, store.organizations(TimeBankPolicies.pathIds(orgPath)));
    }

    private static Org communityOf(String orgPath, Map<Long, Org> orgs) {
        List<Long> ids = TimeBankPolicies.pathIds(orgPath);
        for (int i = ids.size() - 1; i >= 0; i--) {
            Org org = orgs.get(ids.get(i));
            if (org != null && COMMUNITY_KINDS.contains(org.kind())) {
                return org;
            }
        }
        return orgs.get(ids.getLast());
    }

    private Account memberAccount(Person member) {
        return ledger.open(Asset.TIME_ID, OwnerType.MEMBER, member.id(), "");
    }

    private Account account(OwnerType type, Org org) {
        return ledger.open(Asset.TIME_ID, type, org.id(), org.path());
    }

    // --- rules

    private static Optional<Refusal> active(Person a, Person b) {
        return a.active() && b.active() ? Optional.empty() : Optional.of(Refusal.MEMBER_NOT_ACTIVE);
    }

    private Optional<Refusal> spending(Person member) {
        return ageReached(member, policies.effective(member.orgPath()).spendingMinAge())
                ? Optional.empty()
                : Optional.of(Refusal.SPENDING_AGE_NOT_REACHED);
    }

    /** The member, or their spouse in the same household (see {@link Kinship#spouseOf}), is at least {@code age}. */
    private boolean ageReached(Person member, int age) {
        LocalDate today = today();
        if (member.birthDate() != null
                && Period.between(member.birthDate(), today).getYears() >= age) {
            return true;
        }
        var spouse = Kinship.spouseOf(member.relation());
        if (member.householdId() == null || spouse == null) {
            return false;
        }
        return store.birthDates(member.householdId(), spouse, member.id()).stream()
                .anyMatch(birth -> Period.between(birth, today).getYears() >= age);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ApplicationTime.ZONE));
    }

    // --- input

    private static void checkKey(@Nullable String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidInputException(
                    IDEMPOTENCY_KEY_REQUIRED, "Idempotency-Key", "Send an Idempotency-Key header");
        }
        Posting.checkKey(key);
    }

    private static long required(@Nullable Long id, String field) {
        if (id == null) {
            boolean organization = field.equals("organizationId");
            throw new InvalidInputException(
                    organization ? ORGANIZATION_REQUIRED : MEMBER_REQUIRED, field, "Give " + field);
        }
        return id;
    }

    private static long minutes(@Nullable Long minutes, long max) {
        if (minutes == null) {
            throw new InvalidInputException(MINUTES_REQUIRED, "minutes", "Give the minutes");
        }
        if (minutes <= 0) {
            throw new InvalidInputException(MINUTES_NOT_POSITIVE, "minutes", "The minutes must be more than zero");
        }
        if (minutes > max) {
            throw new InvalidInputException(MINUTES_TOO_LARGE, "minutes", "At most " + max + " minutes at once");
        }
        return minutes;
    }

    private static void notSame(Person a, Person b, String field) {
        if (a.id() == b.id()) {
            throw new InvalidInputException(SAME_MEMBER, field, "A member cannot move time to themself");
        }
    }

    private static void checkSource(@Nullable String type, @Nullable String ref) {
        if ((type == null) != (ref == null)
                || (type != null && !SOURCE_TYPE.matcher(type).matches())
                || (ref != null && !SOURCE_REF.matcher(ref).matches())) {
            throw new InvalidInputException(
                    SOURCE_INVALID, "sourceRef", "sourceType (upper-case code) and sourceRef go together");
        }
    }

    private static @Nullable String memo(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return text(raw, MEMO_MAX, "memo", null, MEMO_TOO_LONG, MEMO_CHARACTERS);
    }

    /**
     * One line of plain text: stripped, at most {@code max} characters, without control or format
     * characters and without markup ({@code <}, {@code >}), which no reason needs and which would
     * end up on statements and certificates.
     */
    private static String text(
            @Nullable String raw,
            int max,
            String field,
            @Nullable String requiredCode,
            String tooLongCode,
            String charactersCode) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException(requiredCode, field, "Give the " + field);
        }
        String value = raw.strip();
        if (value.codePointCount(0, value.length()) > max) {
            throw new InvalidInputException(tooLongCode, field, "At most " + max + " characters");
        }
        if (NOT_PLAIN.matcher(value).find()) {
            throw new InvalidInputException(charactersCode, field, "Plain text only: no markup or control characters");
        }
        return value;
    }
}
