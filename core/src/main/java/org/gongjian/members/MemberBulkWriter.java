package org.gongjian.members;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
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

    /** Rows between two progress reports. */
    static final int PROGRESS_STEP = 1000;

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
        return holders(idNumbers, null);
    }

    /**
     * As {@link #holders(List)} for the inputs of a {@link #prepare preparation}, in the same order:
     * the hashes it computed are used (the ID numbers of refused inputs are hashed here).
     */
    @Transactional(readOnly = true)
    public Map<String, Holder> holders(List<String> idNumbers, @Nullable Prepared prepared) {
        List<byte[]> hashes = IntStream.range(0, idNumbers.size())
                .parallel()
                .mapToObj(i -> {
                    byte[] known = prepared == null ? null : prepared.idNumberHash(i);
                    return known != null ? known : protector.lookupHash(IdNumbers.normalize(idNumbers.get(i)));
                })
                .toList();
        Map<ByteBuffer, String> byHash = new HashMap<>();
        for (int i = 0; i < idNumbers.size(); i++) {
            byHash.put(ByteBuffer.wrap(hashes.get(i)), idNumbers.get(i));
        }
        Map<String, Holder> found = new HashMap<>();
        store.holdersOf(hashes)
                .forEach((hash, h) -> found.put(byHash.get(hash), new Holder(h.id(), h.organizationId(), h.orgPath())));
        return found;
    }

    /** Applies the rules of a new member to each input; the refused ones, in input order. */
    @Transactional(readOnly = true)
    public List<Rejection> check(Caller caller, List<MemberInput> inputs) {
        return prepare(caller, inputs).rejections();
    }

    /**
     * The rows of a {@link #check}, ready to store (rules applied, pinyin, encryption, lookup
     * hashes): {@link #write(Caller, List, Prepared)} stores them without preparing them again, for
     * the same caller and inputs on the same day only (anything else is prepared again).
     */
    public static final class Prepared {

        private final Caller caller;
        private final LocalDate today;
        private final List<MemberInput> inputs;
        private final List<MemberRow> rows;

        /** Per input: true when the check found no member holding its ID number. */
        private final boolean[] free;

        private Prepared(
                Caller caller, LocalDate today, List<MemberInput> inputs, List<MemberRow> rows, boolean[] free) {
            this.caller = caller;
            this.today = today;
            this.inputs = inputs;
            this.rows = rows;
            this.free = free;
        }

        /**
         * The prepared rows of the inputs at these positions, in this order; {@code held} tells, per
         * input of this preparation, whether the check found a member holding its ID number (a row
         * whose ID number was free is inserted without looking again: the unique index refuses it
         * if a member was recorded meanwhile).
         */
        public Prepared only(List<Integer> positions, IntPredicate held) {
            List<MemberInput> in = new ArrayList<>(positions.size());
            List<MemberRow> out = new ArrayList<>(positions.size());
            boolean[] isFree = new boolean[positions.size()];
            int n = 0;
            for (int i : positions) {
                in.add(inputs.get(i));
                out.add(rows.get(i));
                isFree[n++] = !held.test(i);
            }
            return new Prepared(caller, today, in, out, isFree);
        }

        /** The lookup hash of the ID number of the input at {@code i}, null when that input was refused. */
        @Nullable
        byte[] idNumberHash(int i) {
            MemberRow row = rows.get(i);
            return row == null ? null : row.idNumberHash();
        }

        /** Whether the check found the ID number of the input at {@code i} free. */
        boolean free(int i) {
            return free[i];
        }

        /** The prepared row of the input at {@code i} if it may be stored as is, else null. */
        @Nullable
        MemberRow row(Caller by, List<MemberInput> of, LocalDate on, int i) {
            if (!caller.equals(by) || !today.equals(on) || inputs.size() != of.size()) {
                return null;
            }
            return inputs.get(i).equals(of.get(i)) ? rows.get(i) : null;
        }
    }

    /** What {@link #prepare} found: the refused inputs and the rows of the others. */
    public record Preparation(List<Rejection> rejections, Prepared prepared) {}

    /**
     * Applies the rules of a new member to each input and prepares the rows of the accepted ones
     * (pinyin, encryption, lookup hashes) for {@link #write(Caller, List, Prepared)}.
     */
    @Transactional(readOnly = true)
    public Preparation prepare(Caller caller, List<MemberInput> inputs) {
        return prepare(caller, inputs, n -> {});
    }

    /**
     * As {@link #prepare(Caller, List)}, telling the number of inputs done so far (every
     * {@value #PROGRESS_STEP} and at the end, from any of the threads working).
     */
    @Transactional(readOnly = true)
    public Preparation prepare(Caller caller, List<MemberInput> inputs, IntConsumer progress) {
        LocalDate today = members.today();
        AtomicInteger done = new AtomicInteger();
        LongFunction<Optional<Organization>> orgs = loaded(inputs);
        Rejection[] rejected = new Rejection[inputs.size()];
        MemberRow[] rows = new MemberRow[inputs.size()];
        // The rules, pinyin and encryption are pure once the organizations are loaded: both cores work.
        IntStream.range(0, inputs.size()).parallel().forEach(i -> {
            MemberInput input = inputs.get(i);
            try {
                MemberRules.Checked checked = rules.check(caller, input, null, today, orgs);
                if (checked.idNumber() != null && input.organizationId() != null) {
                    rows[i] = members.row(checked);
                }
            } catch (InvalidInputException e) {
                rejected[i] = new Rejection(i, e.code(), e.field(), e.getMessage());
            }
            int n = done.incrementAndGet();
            if (n % PROGRESS_STEP == 0 && n < inputs.size()) {
                progress.accept(n);
            }
        });
        progress.accept(inputs.size());
        List<Rejection> rejections =
                Arrays.stream(rejected).filter(Objects::nonNull).toList();
        return new Preparation(
                rejections,
                new Prepared(
                        caller,
                        today,
                        List.copyOf(inputs),
                        Collections.unmodifiableList(Arrays.asList(rows)),
                        new boolean[inputs.size()]));
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
        return write(caller, inputs, null);
    }

    /**
     * As {@link #write(Caller, List)}, reusing the rows {@link #prepare} prepared for the same
     * caller and inputs (the others are checked and prepared again). A member recorded meanwhile
     * under one of the ID numbers is refused by the unique index: {@code ID_NUMBER_TAKEN}.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Written write(Caller caller, List<MemberInput> inputs, @Nullable Prepared ready) {
        return write(caller, inputs, ready, n -> {});
    }

    /**
     * As {@link #write(Caller, List, Prepared)}, telling the number of members stored so far
     * (about every {@value #PROGRESS_STEP}; tags follow in a moment).
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Written write(Caller caller, List<MemberInput> inputs, @Nullable Prepared ready, IntConsumer progress) {
        LocalDate today = members.today();
        Instant now = members.now();
        LongFunction<Optional<Organization>> orgs = loaded(inputs);
        // Rules, pinyin and encryption are pure once the organizations are loaded: both cores work.
        List<MemberRow> prepared = IntStream.range(0, inputs.size())
                .parallel()
                .mapToObj(i -> {
                    MemberRow done = ready == null ? null : ready.row(caller, inputs, today, i);
                    if (done != null) {
                        return done;
                    }
                    MemberInput input = inputs.get(i);
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
        // A row the check prepared and found free is inserted without looking again: the unique
        // index on the ID number hash refuses it if a member was recorded meanwhile.
        List<byte[]> toLook = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (ready == null || ready.row(caller, inputs, today, i) == null || !ready.free(i)) {
                toLook.add(prepared.get(i).idNumberHash());
            }
        }
        Map<ByteBuffer, MemberStore.Holder> holders = store.holdersOf(toLook);
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
        store.insertAll(created, now, progress);
        store.updateAll(updated, now, n -> progress.accept(created.size() + n));
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
