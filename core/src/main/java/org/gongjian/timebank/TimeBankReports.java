package org.gongjian.timebank;

import static org.gongjian.timebank.TimeBankErrors.LIMIT_INVALID;
import static org.gongjian.timebank.TimeBankErrors.PERIOD_INVALID;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.gongjian.access.Caller;
import org.gongjian.access.NotFoundException;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ledger.Account;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.OwnerType;
import org.gongjian.ledger.StatementLine;
import org.gongjian.members.Relatives.Person;
import org.gongjian.time.ApplicationTime;
import org.gongjian.timebank.TimeBankStore.Org;

/** The time bank's reads: a member's balance and statement, and the flow report of a subtree. Nothing here posts. */
@Singleton
class TimeBankReports {

    private final Ledger ledger;
    private final TimeBankStore store;
    private final TimeBankPolicies policies;
    private final TimeBankParties parties;
    private final TimeBankRules rules;

    TimeBankReports(
            Ledger ledger,
            TimeBankStore store,
            TimeBankPolicies policies,
            TimeBankParties parties,
            TimeBankRules rules) {
        this.ledger = ledger;
        this.store = store;
        this.policies = policies;
        this.parties = parties;
        this.rules = rules;
    }

    TimeBankAccount account(Caller caller, long memberId) {
        Person member = parties.visible(caller, memberId);
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
                member.active() && rules.ageReached(member, policy.spendingMinAge()),
                policy);
    }

    List<StatementEntry> statement(Caller caller, long memberId, @Nullable Long beforeSeq, int limit) {
        if (limit < 1 || limit > TimeBank.STATEMENT_MAX) {
            throw new InvalidInputException(LIMIT_INVALID, "limit", "limit must be 1-" + TimeBank.STATEMENT_MAX);
        }
        Person member = parties.visible(caller, memberId);
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

    FlowReport flows(Caller caller, long organizationId, @Nullable LocalDate from, @Nullable LocalDate to) {
        LocalDate today = rules.today();
        LocalDate last = to != null ? to : today;
        LocalDate first = from != null ? from : (to != null ? last.withDayOfMonth(1) : today.withDayOfMonth(1));
        if (first.isAfter(last) || ChronoUnit.DAYS.between(first, last) >= TimeBank.PERIOD_MAX_DAYS) {
            throw new InvalidInputException(
                    PERIOD_INVALID,
                    "from",
                    "from must not be after to, and the period at most " + TimeBank.PERIOD_MAX_DAYS + " days");
        }
        Org scope = parties.organization(organizationId);
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
            Org x = TimeBankParties.communityOf(g.orgPath(), orgs);
            Org y = TimeBankParties.communityOf(memberOrgs.get(g.memberOrgId()).path(), orgs);
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
}
