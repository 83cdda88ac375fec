package org.gongjian.members;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.stream.IntStream;
import org.gongjian.access.Caller;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ids.IdGenerator;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;
import org.gongjian.personaldata.IdNumbers;
import org.gongjian.personaldata.PersonalDataProtector;

/**
 * Stores many members at once (a roster import): the same rules ({@link MemberRules}), pinyin and
 * encryption ({@link Members}) as one member at a time, but written with JDBC batches, with the
 * organizations loaded once instead of once per row. A member is matched by its ID number: a
 * stored one is updated (its data, not its organization), any other input is inserted. Nothing is
 * audited here: the caller writes one audit row for the whole batch, in the same transaction.
 */
@Singleton
public class MemberBulkWriter {

    private final Members members;
    private final MemberRules rules;
    private final MemberStore store;
    private final Organizations organizations;
    private final PersonalDataProtector protector;
    private final IdGenerator ids;

    MemberBulkWriter(
            Members members,
            MemberRules rules,
            MemberStore store,
            Organizations organizations,
            PersonalDataProtector protector,
            IdGenerator ids) {
        this.members = members;
        this.rules = rules;
        this.store = store;
        this.organizations = organizations;
        this.protector = protector;
        this.ids = ids;
    }

    /** A member already stored under an ID number. */
    public record Holder(long memberId, long organizationId, String orgPath) {}

    /** An input refused by a rule of the members feature, by its position in the list. */
    public record Rejection(int index, String code, String field, String message) {}

    /** What {@link #write} did. */
    public record Written(int created, int updated) {}

    /** The members already holding these (normalized) ID numbers, by ID number. */
    @Transactional(readOnly = true)
    public Map<String, Holder> holders(List<String> idNumbers) {
        List<byte[]> hashes = new ArrayList<>(idNumbers.size());
        Map<ByteBuffer, String> byHash = new HashMap<>();
        for (String idNumber : idNumbers) {
            byte[] hash = protector.lookupHash(IdNumbers.normalize(idNumber));
            hashes.add(hash);
            byHash.put(ByteBuffer.wrap(hash), idNumber);
        }
        Map<String, Holder> found = new HashMap<>();
        store.holdersOf(hashes)
                .forEach((hash, h) -> found.put(byHash.get(hash), new Holder(h.id(), h.organizationId(), h.orgPath())));
        return found;
    }

    /** Applies the rules of a new member to each input; the refused ones, in input order. */
    @Transactional(readOnly = true)
    public List<Rejection> check(Caller caller, List<MemberInput> inputs) {
        LocalDate today = members.today();
        LongFunction<Optional<Organization>> orgs = loaded(inputs);
        // The rules are pure once the organizations are loaded: both cores check rows.
        return IntStream.range(0, inputs.size())
                .parallel()
                .mapToObj(i -> {
                    try {
                        rules.check(caller, inputs.get(i), null, today, orgs);
                        return null;
                    } catch (InvalidInputException e) {
                        return new Rejection(i, e.code(), e.field(), e.getMessage());
                    }
                })
                .filter(Objects::nonNull)
                .toList();
    }

    /**
     * Inserts or updates every input, in the caller's transaction; the caller must have checked
     * that each input's organization and each matched member's organization are in its scope.
     *
     * @throws InvalidInputException the first input refused by a rule (the transaction then rolls
     *     back: check first with {@link #check})
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Written write(Caller caller, List<MemberInput> inputs) {
        LocalDate today = members.today();
        Instant now = members.now();
        LongFunction<Optional<Organization>> orgs = loaded(inputs);
        // Rules, pinyin and encryption are pure once the organizations are loaded: both cores work.
        List<MemberRow> prepared = inputs.parallelStream()
                .map(input -> {
                    MemberRules.Checked checked = rules.check(caller, input, null, today, orgs);
                    if (checked.idNumber() == null || input.organizationId() == null) {
                        throw new IllegalArgumentException(
                                "A bulk import needs an ID number and an organization per row");
                    }
                    return members.row(checked);
                })
                .toList();
        Map<ByteBuffer, MemberRow> rows = new LinkedHashMap<>();
        Map<ByteBuffer, Organization> orgOf = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            MemberInput input = inputs.get(i);
            Organization org = orgs.apply(input.organizationId())
                    .filter(o -> o.archivedAt() == null && caller.mayEdit(o.path()))
                    .orElseThrow(() -> new InvalidInputException(
                            MemberErrors.ORGANIZATION_UNKNOWN, "organizationId", "No such organization"));
            MemberRow row = prepared.get(i);
            ByteBuffer key = ByteBuffer.wrap(row.idNumberHash());
            rows.put(key, row);
            orgOf.put(key, org);
        }
        Map<ByteBuffer, MemberStore.Holder> holders = store.holdersOf(
                rows.values().stream().map(MemberRow::idNumberHash).toList());
        List<MemberStore.NewMember> created = new ArrayList<>();
        List<MemberStore.NewMember> updated = new ArrayList<>();
        rows.forEach((hash, row) -> {
            MemberStore.Holder holder = holders.get(hash);
            if (holder == null) {
                Organization org = orgOf.get(hash);
                created.add(new MemberStore.NewMember(ids.next(), org.id(), org.path(), row));
            } else {
                if (!caller.mayEdit(holder.orgPath())
                        || holder.organizationId() != orgOf.get(hash).id()) {
                    throw new InvalidInputException(
                            MemberErrors.ID_NUMBER_TAKEN,
                            "idNumber",
                            "A member with this ID number is recorded elsewhere");
                }
                updated.add(new MemberStore.NewMember(holder.id(), holder.organizationId(), holder.orgPath(), row));
            }
        });
        store.insertAll(created, now);
        store.updateAll(updated, now);
        return new Written(created.size(), updated.size());
    }

    /**
     * The organizations the inputs name (organization, grid, branch), loaded once in the calling
     * thread and transaction; an id not among them is looked up on demand.
     */
    private LongFunction<Optional<Organization>> loaded(List<MemberInput> inputs) {
        Map<Long, Optional<Organization>> cache = new ConcurrentHashMap<>();
        for (MemberInput input : inputs) {
            for (Long id : new Long[] {input.organizationId(), input.gridId(), input.branchId()}) {
                if (id != null && !cache.containsKey(id)) {
                    cache.put(id, organizations.find(id));
                }
            }
        }
        return id -> cache.computeIfAbsent(id, organizations::find);
    }
}
