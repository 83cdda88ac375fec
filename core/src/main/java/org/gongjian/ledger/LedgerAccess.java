package org.gongjian.ledger;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.MemberScope;
import org.gongjian.access.MemberScopes;
import org.gongjian.access.NotFoundException;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;

/**
 * The ledger on behalf of a {@link Caller}: which accounts they may read and post to, manual
 * postings by staff and administrators, and statements. An account outside the caller's subtree
 * answers exactly like one that does not exist. A member account belongs to the member's
 * organization (it follows the member when they move); an organization's accounts to it.
 */
@Singleton
@AuditsDenials
public class LedgerAccess {

    /** The most transfers one request through the API may carry. */
    public static final int API_MAX_TRANSFERS = 100;

    static final String POSTED = "LEDGER_POSTED";

    private final Ledger ledger;
    private final Members members;
    private final Organizations organizations;
    private final AuditLog audit;
    private final MemberScopes scopes;
    private final Reconciliation reconciliation;

    LedgerAccess(
            Ledger ledger,
            Members members,
            Organizations organizations,
            AuditLog audit,
            MemberScopes scopes,
            Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
        this.ledger = ledger;
        this.members = members;
        this.organizations = organizations;
        this.audit = audit;
        this.scopes = scopes;
    }

    /**
     * Posts a manual request (awards, deductions, corrections) as staff or an administrator of the
     * organization and of every account involved, in one transaction with its audit row (a replay
     * is not audited again: its first answer was).
     *
     * @throws NotFoundException for an organization or account outside the caller's subtree
     * @throws LedgerRefusal for an asset defined outside the organization; what this channel may
     *     not post at all (time, points above the approval threshold) is refused by the ledger's
     *     {@link PostingRules} and stored as the key's result
     */
    public PostingResult post(Caller caller, String idempotencyKey, long organizationId, List<TransferSpec> transfers) {
        Organization org = organizations.get(caller, organizationId);
        if (!caller.mayEdit(org.path())) {
            throw new ForbiddenException("Only staff and administrators of the organization post to the ledger");
        }
        if (transfers.size() > API_MAX_TRANSFERS) {
            throw new org.gongjian.errors.InvalidInputException(
                    LedgerErrors.TOO_MANY_TRANSFERS, "transfers", "一次最多 " + API_MAX_TRANSFERS + " 笔转账");
        }
        Posting posting =
                new Posting(caller.userId(), idempotencyKey, org.id(), caller.userId(), transfers, Channel.MANUAL);
        posting.validate();
        for (TransferSpec t : transfers) {
            Account debit = writable(caller, t.debitAccountId());
            writable(caller, t.creditAccountId());
            Asset asset = ledger.asset(debit.assetId()).orElseThrow();
            if (!org.path().startsWith(asset.orgPath())) {
                throw new LedgerRefusal("ASSET_NOT_AVAILABLE", "积分类型不属于该组织");
            }
        }
        return ledger.inTransaction(status -> {
            PostingResult result = ledger.post(posting);
            if (result.ok() && !result.replayed()) {
                audit.append(
                        caller,
                        POSTED,
                        "LEDGER_REQUEST",
                        result.requestId(),
                        org.id(),
                        org.path(),
                        "transfers=" + result.transfers().size() + " key=" + idempotencyKey);
            }
            return result;
        });
    }

    /** Reconciles the ledger now (platform administrators). */
    public ReconciliationResult reconcile(Caller caller) {
        requirePlatformAdmin(caller);
        return reconciliation.run(caller.username());
    }

    /** The last reconciliation result (platform administrators). */
    public Optional<ReconciliationResult> lastReconciliation(Caller caller) {
        requirePlatformAdmin(caller);
        return reconciliation.last();
    }

    private static void requirePlatformAdmin(Caller caller) {
        if (!caller.isPlatformAdmin()) {
            throw new ForbiddenException("Only platform administrators reconcile the ledger");
        }
    }

    /** The caller's view of an account they may read. */
    public AccountView account(Caller caller, long accountId) {
        Account account = ledger.account(accountId).orElseThrow(() -> new NotFoundException("Account", accountId));
        if (!caller.mayRead(scopePath(account).orElse("")) && !own(caller, account)) {
            throw new NotFoundException("Account", accountId);
        }
        return view(account);
    }

    /**
     * A member's accounts, for every asset (the member must be visible to the caller); the time-bank
     * account, which every member has, is opened on first sight.
     */
    public List<AccountView> memberAccounts(Caller caller, long memberId) {
        if (!(caller.memberId() != null && caller.memberId() == memberId)) {
            members.get(caller, memberId);
        }
        ledger.open(Asset.TIME_ID, OwnerType.MEMBER, memberId, "");
        List<AccountView> views = new ArrayList<>();
        for (Account a : ledger.accountsOf(OwnerType.MEMBER, memberId)) {
            views.add(view(a));
        }
        return views;
    }

    /**
     * An organization's own accounts for an asset (pool, issuance, redemption, expiry), opened on
     * first sight, for staff and administrators who read the organization.
     */
    public List<AccountView> organizationAccounts(Caller caller, long organizationId, long assetId) {
        Organization org = organizations.get(caller, organizationId);
        Asset asset = ledger.asset(assetId).orElseThrow(() -> new NotFoundException("Asset", assetId));
        if (!org.path().startsWith(asset.orgPath())) {
            throw new NotFoundException("Asset", assetId);
        }
        List<AccountView> views = new ArrayList<>();
        for (OwnerType type : OwnerType.values()) {
            if (type.perOrganization()) {
                views.add(view(ledger.open(assetId, type, org.id(), org.path())));
            }
        }
        return views;
    }

    /**
     * A member's statement for one asset, newest first.
     *
     * @param beforeSeq continue below this entry number (the previous page's last)
     */
    public List<StatementLine> memberStatement(
            Caller caller, long memberId, long assetId, @Nullable Long beforeSeq, int limit) {
        if (!(caller.memberId() != null && caller.memberId() == memberId)) {
            members.get(caller, memberId);
        }
        Optional<Account> account = ledger.find(assetId, OwnerType.MEMBER, memberId);
        return account.map(a -> ledger.statement(a.id(), beforeSeq, limit)).orElse(List.of());
    }

    AccountView view(Account account) {
        Asset asset = ledger.asset(account.assetId()).orElseThrow();
        return new AccountView(
                account.id(),
                asset.id(),
                asset.type(),
                asset.code(),
                asset.name(),
                asset.unitScale(),
                account.ownerType(),
                account.ownerId(),
                account.balance(),
                account.entries(),
                account.closed());
    }

    private Account writable(Caller caller, long accountId) {
        Account account = ledger.account(accountId).orElseThrow(() -> new NotFoundException("Account", accountId));
        Optional<String> path = scopePath(account);
        if (path.isEmpty() || !caller.mayEdit(path.get())) {
            throw new NotFoundException("Account", accountId);
        }
        return account;
    }

    private static boolean own(Caller caller, Account account) {
        return account.ownerType() == OwnerType.MEMBER
                && caller.memberId() != null
                && caller.memberId() == account.ownerId();
    }

    /** The organization path that scopes an account: the member's for member accounts. */
    private Optional<String> scopePath(Account account) {
        if (account.ownerType().organizational()) {
            return Optional.of(account.orgPath());
        }
        return scopes.of(account.ownerId()).map(MemberScope::orgPath);
    }
}
