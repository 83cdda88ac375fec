package org.gongjian.ledger;

import io.micronaut.context.BeanProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gongjian.access.Caller;
import org.gongjian.access.MemberScope;
import org.gongjian.access.MemberScopes;
import org.gongjian.audit.AuditLog;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ids.IdGenerator;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;
import org.gongjian.plugin.api.Balance;
import org.gongjian.plugin.api.PluginAccount;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginTransaction;
import org.gongjian.plugin.api.PointsLedger;
import org.gongjian.plugin.api.TransferRequest;
import org.gongjian.plugin.api.TransferResult;
import org.gongjian.sdk.HostCaller;
import org.gongjian.sdk.HostTransaction;
import org.gongjian.sdk.SdkService;
import org.gongjian.sdk.UnitParticipant;
import org.gongjian.sdk.UnitSettlements;

/**
 * The SDK's {@link PointsLedger}: plugins move points between a member and their own accounts
 * ({@link OwnerType#PLUGIN}, registered in {@code ledger_plugin_account}) through the ledger's
 * {@link Channel#PLUGIN}, in the unit's host transaction, with the posting's audit row. Keys are
 * the plugin's own, stored as {@code plugin:<id>:<key>} with client 0, so that two plugins never
 * collide. Who may move whose points: a member pays from the own account when the actor is the
 * member or may record for the member's organization; the plugin pays a member the actor may
 * record for (the platform itself may record for everyone); the member must belong to the plugin
 * account's organization subtree. Reversals only of this plugin's transfers. A unit that is undone
 * has its transfers reversed here, newest first.
 */
@Singleton
final class PluginLedger implements SdkService<PointsLedger>, UnitParticipant {

    static final String UNDO_REASON = "PLUGIN_UNIT_UNDONE";

    /** How often a request may meet an undone earlier try of itself before its posting is answered as it is. */
    private static final int REDOS = 8;

    /** How long a replay waits for the earlier try's unit to settle before answering "try again shortly". */
    private static final java.time.Duration SETTLE_WAIT = java.time.Duration.ofSeconds(2);

    private static final Pattern ACCOUNT_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final int KEY_MAX = 128;

    private final Ledger ledger;
    private final TransactionOperations<Connection> transactions;
    private final MemberScopes scopes;
    private final Organizations organizations;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final BeanProvider<UnitSettlements> settlements;

    PluginLedger(
            Ledger ledger,
            TransactionOperations<Connection> transactions,
            MemberScopes scopes,
            Organizations organizations,
            AuditLog audit,
            IdGenerator ids,
            Clock clock,
            BeanProvider<UnitSettlements> settlements) {
        this.ledger = ledger;
        this.settlements = settlements;
        this.transactions = transactions;
        this.scopes = scopes;
        this.organizations = organizations;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Class<PointsLedger> type() {
        return PointsLedger.class;
    }

    @Override
    public PointsLedger forPlugin(String pluginId) {
        return new PointsLedger() {
            @Override
            public List<Balance> balances(PluginCaller caller, long memberId) {
                return PluginLedger.this.balances(HostCaller.of(caller).caller(), memberId);
            }

            @Override
            public PluginAccount account(PluginTransaction tx, String code, long organizationId, String assetCode) {
                return PluginLedger.this.account(
                        pluginId, HostTransaction.of(tx, pluginId), code, organizationId, assetCode);
            }

            @Override
            public Balance balance(PluginAccount account) {
                return PluginLedger.this.balance(pluginId, account);
            }

            @Override
            public TransferResult transfer(PluginTransaction tx, TransferRequest request) {
                return PluginLedger.this.transfer(pluginId, HostTransaction.of(tx, pluginId), request);
            }

            @Override
            public TransferResult reverse(
                    PluginTransaction tx, String idempotencyKey, long transferId, String reasonCode) {
                return PluginLedger.this.reverse(
                        pluginId, HostTransaction.of(tx, pluginId), idempotencyKey, transferId, reasonCode);
            }
        };
    }

    /** The member's balances, when the caller is the member or may read the member's organization. */
    List<Balance> balances(Caller caller, long memberId) {
        if (!own(caller, memberId)) {
            Optional<MemberScope> scope = scopes.of(memberId);
            if (scope.isEmpty() || !caller.mayRead(scope.get().orgPath())) {
                return List.of();
            }
        }
        List<Balance> balances = new ArrayList<>();
        for (Account account : ledger.accountsOf(OwnerType.MEMBER, memberId)) {
            balances.add(balance(account));
        }
        return balances;
    }

    private PluginAccount account(
            String pluginId, HostTransaction unit, String code, long organizationId, String assetCode) {
        if (code == null || !ACCOUNT_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("An account code is [A-Z][A-Z0-9_]{0,31}: " + code);
        }
        Organization org = organizations
                .find(organizationId)
                .orElseThrow(() -> new IllegalArgumentException("No organization " + organizationId));
        Asset asset = ledger.assetsUsableAt(AssetType.POINTS, org.path()).stream()
                .map(ledger::asset)
                .flatMap(Optional::stream)
                .filter(a -> a.code().equals(assetCode))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "No point kind " + assetCode + " is usable in organization " + organizationId));
        long ownerId =
                transactions.executeWrite(status -> register(status.getConnection(), pluginId, code, org, asset));
        Account account = ledger.open(asset.id(), OwnerType.PLUGIN, ownerId, org.path());
        return new PluginAccount(account.id(), code, org.id(), asset.code());
    }

    private Balance balance(String pluginId, PluginAccount account) {
        if (owner(pluginId, account.accountId()).isEmpty()) {
            throw new IllegalArgumentException("Account " + account.accountId() + " is not an account of " + pluginId);
        }
        return balance(ledger.account(account.accountId()).orElseThrow());
    }

    private TransferResult transfer(String pluginId, HostTransaction unit, TransferRequest request) {
        String key = key(pluginId, request.idempotencyKey());
        Optional<Long> organizationId = owner(pluginId, request.account().accountId());
        if (organizationId.isEmpty()) {
            return refused(TransferResult.Outcome.ACCOUNT_NOT_FOUND);
        }
        Account pluginAccount = ledger.account(request.account().accountId()).orElseThrow();
        Caller actor = unit.hostActor().caller();
        Optional<MemberScope> member = scopes.of(request.memberId());
        boolean paysOut = request.direction() == TransferRequest.Direction.PLUGIN_TO_MEMBER;
        if (member.isEmpty()
                || !mayMove(actor, member.get(), !paysOut)
                || !member.get().orgPath().startsWith(pluginAccount.orgPath())) {
            return refused(TransferResult.Outcome.NOT_ALLOWED);
        }
        Account memberAccount = ledger.open(pluginAccount.assetId(), OwnerType.MEMBER, request.memberId(), "");
        long debit = paysOut ? pluginAccount.id() : memberAccount.id();
        long credit = paysOut ? memberAccount.id() : pluginAccount.id();
        String sourceRef = request.sourceRef().orElse(null);
        TransferSpec spec = new TransferSpec(
                debit,
                credit,
                request.amount(),
                request.reasonCode(),
                request.category(),
                request.memo().orElse(null),
                sourceRef == null ? null : "PLUGIN",
                sourceRef,
                null);
        return post(pluginId, unit, key, organizationId.get(), pluginAccount.orgPath(), spec);
    }

    private TransferResult reverse(
            String pluginId, HostTransaction unit, String idempotencyKey, long transferId, String reasonCode) {
        String key = key(pluginId, idempotencyKey);
        Optional<Transfer> original = transferOf(pluginId, transferId);
        if (original.isEmpty()) {
            return refused(TransferResult.Outcome.REVERSAL_MISMATCH);
        }
        Transfer t = original.get();
        Account debit = ledger.account(t.debitAccountId()).orElseThrow();
        Account credit = ledger.account(t.creditAccountId()).orElseThrow();
        Account memberAccount = debit.ownerType() == OwnerType.MEMBER ? debit : credit;
        Optional<MemberScope> member = scopes.of(memberAccount.ownerId());
        if (member.isEmpty() || !mayMove(unit.hostActor().caller(), member.get(), true)) {
            return refused(TransferResult.Outcome.NOT_ALLOWED);
        }
        String orgPath = debit.ownerType() == OwnerType.PLUGIN ? debit.orgPath() : credit.orgPath();
        TransferSpec spec = new TransferSpec(
                t.creditAccountId(),
                t.debitAccountId(),
                t.amount(),
                reasonCode,
                t.category(),
                null,
                t.sourceType(),
                t.sourceRef(),
                t.id());
        return post(pluginId, unit, key, t.organizationId(), orgPath, spec);
    }

    private TransferResult post(
            String pluginId, HostTransaction unit, String key, long organizationId, String orgPath, TransferSpec spec) {
        Caller actor = unit.hostActor().caller();
        String attempt = key;
        for (int redo = 0; ; redo++) {
            Posting posting = new Posting(
                    0,
                    attempt,
                    organizationId,
                    actor.userId() == 0 ? null : actor.userId(),
                    List.of(spec),
                    Channel.PLUGIN);
            try {
                posting.validate();
            } catch (InvalidInputException e) {
                throw new IllegalArgumentException(e.code() + " " + e.field() + ": " + e.getMessage(), e);
            }
            PostingResult result = ledger.post(posting);
            if (result.ok() && !result.replayed()) {
                transactions.executeWrite(status -> {
                    remember(status.getConnection(), result.transfers(), pluginId, unit.unitId());
                    return null;
                });
                audit.append(
                        actor,
                        LedgerAccess.POSTED,
                        "LEDGER_REQUEST",
                        result.requestId(),
                        organizationId,
                        orgPath,
                        "transfers=1 key=" + attempt);
            }
            Optional<Transfer> replayed = result.ok() && result.replayed()
                    ? result.transfers().stream().findFirst()
                    : Optional.empty();
            UnitSettlements.State earlier = replayed.isEmpty()
                    ? UnitSettlements.State.CONFIRMED
                    : settledUnitOf(replayed.get().id(), unit.unitId());
            if (earlier == UnitSettlements.State.UNSETTLED) {
                return refused(TransferResult.Outcome.RETRY_LATER);
            }
            if (earlier == UnitSettlements.State.UNDONE && redo < REDOS) {
                // The first try's unit lost its plugin side and was reversed: this retry is the
                // request's real posting, under a key derived from the undone transfer.
                attempt = "plugin:" + pluginId + ":redo:" + replayed.get().id();
                continue;
            }
            return new TransferResult(
                    TransferResult.Outcome.valueOf(result.result().name()),
                    result.code(),
                    result.transfers().stream().findFirst().map(Transfer::id),
                    result.replayed());
        }
    }

    /**
     * The state of the unit that posted a replayed transfer, as far as this unit cares: its own
     * transfer, or one of a unit that is not this plugin's, counts as confirmed. A unit still
     * unsettled is waited for a moment (a live unit settles right after its plugin's commit); one
     * whose server stopped stays unsettled until the recovery job decides.
     */
    private UnitSettlements.State settledUnitOf(long transferId, long currentUnit) {
        Optional<Long> owner = transactions.executeRead(status -> unitOf(status.getConnection(), transferId));
        if (owner.isEmpty() || owner.get() == currentUnit) {
            return UnitSettlements.State.CONFIRMED;
        }
        long deadline = System.nanoTime() + SETTLE_WAIT.toNanos();
        while (true) {
            UnitSettlements.State state = settlements.get().state(owner.get());
            if (state != UnitSettlements.State.UNSETTLED || System.nanoTime() > deadline) {
                return state;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return state;
            }
        }
    }

    @Override
    public void confirmed(String pluginId, long unitId) {}

    /** Reverses the unit's transfers, newest first, with the platform as the actor (idempotent by key). */
    @Override
    public void undo(String pluginId, long unitId) {
        List<Long> transfers = transactions.executeWrite(status -> transfersOfUnit(status.getConnection(), unitId));
        for (long transferId : transfers) {
            Transfer t = ledger.transfer(transferId).orElseThrow();
            TransferSpec spec = new TransferSpec(
                    t.creditAccountId(),
                    t.debitAccountId(),
                    t.amount(),
                    UNDO_REASON,
                    t.category(),
                    null,
                    t.sourceType(),
                    t.sourceRef(),
                    t.id());
            Posting posting = new Posting(
                    0,
                    "plugin:" + pluginId + ":undo:" + t.id(),
                    t.organizationId(),
                    null,
                    List.of(spec),
                    Channel.PLUGIN);
            PostingResult result = ledger.post(posting);
            if (result.ok() && !result.replayed()) {
                audit.append(
                        Caller.system(),
                        LedgerAccess.POSTED,
                        "LEDGER_REQUEST",
                        result.requestId(),
                        t.organizationId(),
                        organizations
                                .find(t.organizationId())
                                .map(Organization::path)
                                .orElse(null),
                        "transfers=1 undo unit=" + unitId + " plugin=" + pluginId);
            } else if (!result.ok() && result.result() != PostingResult.Result.ALREADY_REVERSED) {
                throw new IllegalStateException("Transfer " + t.id() + " of the undone unit " + unitId
                        + " cannot be reversed: " + result.code());
            }
        }
    }

    /** The plugin's stored key; refuses what the ledger would refuse, and keys too long with the prefix. */
    private static String key(String pluginId, String key) {
        String prefix = "plugin:" + pluginId + ":";
        try {
            Posting.checkKey(key);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(
                    "An idempotency key is 1-" + (KEY_MAX - prefix.length()) + " printable ASCII characters for plugin "
                            + pluginId,
                    e);
        }
        if (prefix.length() + key.length() > KEY_MAX) {
            throw new IllegalArgumentException("An idempotency key of plugin " + pluginId + " has at most "
                    + (KEY_MAX - prefix.length()) + " characters (the host prefixes it with " + prefix + ")");
        }
        return prefix + key;
    }

    /** Whether the actor may move points of the member: as the member itself (when {@code ownAllowed}) or as staff. */
    private static boolean mayMove(Caller actor, MemberScope member, boolean ownAllowed) {
        return (ownAllowed && own(actor, member.memberId())) || actor.mayEdit(member.orgPath());
    }

    private static boolean own(Caller caller, long memberId) {
        return caller.memberId() != null && caller.memberId() == memberId;
    }

    private static TransferResult refused(TransferResult.Outcome outcome) {
        return new TransferResult(outcome, outcome.name(), Optional.empty(), false);
    }

    private Balance balance(Account account) {
        Asset asset = ledger.asset(account.assetId()).orElseThrow();
        return new Balance(
                asset.code(), asset.name(), asset.type() == AssetType.TIME, account.balance(), asset.unitScale());
    }

    /** The organization of the plugin's account, if the account is this plugin's. */
    private Optional<Long> owner(String pluginId, long accountId) {
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT p.organization_id FROM ledger_plugin_account p JOIN ledger_account a"
                            + " ON a.owner_type = 'PLUGIN' AND a.owner_id = p.id WHERE a.id = ? AND p.plugin_id = ?")) {
                s.setLong(1, accountId);
                s.setString(2, pluginId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    /** A transfer this plugin posted. */
    private Optional<Transfer> transferOf(String pluginId, long transferId) {
        boolean posted = transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT 1 FROM ledger_plugin_transfer WHERE transfer_id = ? AND plugin_id = ?")) {
                s.setLong(1, transferId);
                s.setString(2, pluginId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
        return posted ? ledger.transfer(transferId) : Optional.empty();
    }

    /**
     * The id of the plugin's account row, inserted on first use. It is read first: an insert that
     * meets the existing row would lock it until the unit commits, and every redemption of a market
     * asks for the same account.
     */
    private long register(Connection c, String pluginId, String code, Organization org, Asset asset)
            throws SQLException {
        Optional<Long> existing = registered(c, pluginId, code, org, asset);
        if (existing.isPresent()) {
            return existing.get();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO ledger_plugin_account (id, plugin_id, code,"
                        + " organization_id, asset_id, created_at) VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE id = id")) {
            s.setLong(1, ids.next());
            s.setString(2, pluginId);
            s.setString(3, code);
            s.setLong(4, org.id());
            s.setLong(5, asset.id());
            s.setTimestamp(6, Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)));
            s.executeUpdate();
        }
        return registered(c, pluginId, code, org, asset).orElseThrow();
    }

    private static Optional<Long> registered(Connection c, String pluginId, String code, Organization org, Asset asset)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM ledger_plugin_account"
                + " WHERE plugin_id = ? AND code = ? AND organization_id = ? AND asset_id = ?")) {
            s.setString(1, pluginId);
            s.setString(2, code);
            s.setLong(3, org.id());
            s.setLong(4, asset.id());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static void remember(Connection c, List<Transfer> transfers, String pluginId, long unitId)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO ledger_plugin_transfer (transfer_id, plugin_id, unit_id) VALUES (?, ?, ?)")) {
            for (Transfer t : transfers) {
                s.setLong(1, t.id());
                s.setString(2, pluginId);
                s.setLong(3, unitId);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static Optional<Long> unitOf(Connection c, long transferId) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT unit_id FROM ledger_plugin_transfer WHERE transfer_id = ? FOR UPDATE")) {
            s.setLong(1, transferId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static List<Long> transfersOfUnit(Connection c, long unitId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT transfer_id FROM ledger_plugin_transfer WHERE unit_id = ? ORDER BY transfer_id DESC")) {
            s.setLong(1, unitId);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }
}
