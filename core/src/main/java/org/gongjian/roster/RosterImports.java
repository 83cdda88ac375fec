package org.gongjian.roster;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.members.MemberBulkWriter;
import org.gongjian.members.MemberInput;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.organizations.Organizations;
import org.gongjian.time.ApplicationTime;

/**
 * Imports a roster on behalf of a {@link Caller}: {@link #check} reads and validates the file
 * against the organizations the caller may manage and reports every problem without changing
 * anything; {@link #commit} stores the valid rows in one transaction with one audit row.
 *
 * <p>Matching: a row whose ID number is already recorded updates that member (data, not its
 * organization: moving is a transfer), so importing the same file twice never duplicates anyone.
 * Decided in {@link #check}, so the preview tells it: an ID number recorded in an organization the
 * caller does not manage is a problem ({@code ID_NUMBER_IN_OTHER_ORGANIZATION}, nothing of that
 * member is revealed or touched), and so is one recorded in another organization of the caller's
 * ({@code MEMBER_IN_OTHER_ORGANIZATION}: use a transfer).
 */
@Singleton
@AuditsDenials
public class RosterImports {

    /** Audit action of a stored import (target type {@value #AUDIT_TARGET}). */
    public static final String IMPORTED = "ROSTER_IMPORTED";

    public static final String AUDIT_TARGET = "ROSTER";
    public static final String HAS_PROBLEMS = "ROSTER_HAS_PROBLEMS";

    private final Organizations organizations;
    private final MemberBulkWriter writer;
    private final AuditLog audit;
    private final Clock clock;

    RosterImports(Organizations organizations, MemberBulkWriter writer, AuditLog audit, Clock clock) {
        this.organizations = organizations;
        this.writer = writer;
        this.audit = audit;
        this.clock = clock;
    }

    /** What {@link #commit} stored; {@code skipped} counts the rows with problems. */
    public record Imported(int created, int updated, int skipped) {}

    /**
     * The number of data rows the first sheet of an .xlsx file declares (its {@code <dimension>}),
     * for a progress bar before the rows are read; -1 when the file does not say.
     */
    public static int estimatedRows(byte[] xlsx) {
        return RosterReader.declaredRows(xlsx);
    }

    /**
     * Whether the caller may import rosters at all: an administrator (of the platform or of an
     * organization). Staff record members one by one; volunteers see only their own record.
     */
    public static boolean mayImport(Caller caller) {
        return caller.isPlatformAdmin() || caller.has(Role.ORG_ADMIN);
    }

    /**
     * Refuses a caller who may not import, before anything of the file is read (a file is a
     * parser's work: only those who may import get it done). {@link #check} calls it first too.
     *
     * @throws ForbiddenException {@code FORBIDDEN} (audited) unless {@link #mayImport}
     */
    public void authorize(Caller caller) {
        if (!mayImport(caller)) {
            throw new ForbiddenException("Only an administrator may import a roster");
        }
    }

    /**
     * Reads and checks a roster; changes nothing.
     *
     * @param progress told the number of rows read so far (every 1,000 rows and at the end)
     * @throws ForbiddenException unless the caller {@linkplain #mayImport may import}; the file is
     *     not read
     */
    public RosterCheck check(Caller caller, InputStream xlsx, IntConsumer progress) throws IOException {
        return check(caller, xlsx, (stage, done, total) -> {
            if (stage == ImportProgress.Stage.READ) {
                progress.accept(done);
            }
        });
    }

    /**
     * Reads and checks a roster; changes nothing.
     *
     * @param progress told the rows read (every 1,000 and at the end), then the rows validated
     */
    public RosterCheck check(Caller caller, InputStream xlsx, ImportProgress progress) throws IOException {
        authorize(caller);
        RosterCheck read = new RosterReader(
                        new ManagedNames(manageable(caller)),
                        today(),
                        n -> progress.at(ImportProgress.Stage.READ, n, -1))
                .read(xlsx);
        if (read.validRows().isEmpty()) {
            return read;
        }
        List<RowProblem> problems = new ArrayList<>(read.problems());
        Set<Integer> refused = new HashSet<>();
        List<RosterRow> rows = read.validRows();
        List<MemberInput> inputs = rows.stream().map(RosterImports::input).toList();
        int count = inputs.size();
        progress.at(ImportProgress.Stage.VALIDATE, 0, count);
        MemberBulkWriter.Preparation preparation =
                writer.prepare(caller, inputs, n -> progress.at(ImportProgress.Stage.VALIDATE, n, count));
        for (MemberBulkWriter.Rejection r : preparation.rejections()) {
            RosterRow row = rows.get(r.index());
            refused.add(row.row());
            problems.add(RosterMessages.problem(row.row(), column(r.field()), r));
        }
        Map<String, MemberBulkWriter.Holder> holders =
                writer.holders(rows.stream().map(RosterRow::idNumber).toList(), preparation.prepared());
        for (RosterRow row : rows) {
            MemberBulkWriter.Holder holder = holders.get(row.idNumber());
            if (holder == null) {
                continue;
            }
            if (!caller.mayManage(holder.orgPath())) {
                refused.add(row.row());
                problems.add(new RowProblem(
                        row.row(),
                        RosterColumn.ID_NUMBER.header(),
                        "ID_NUMBER_IN_OTHER_ORGANIZATION",
                        "该身份证号已登记在其他组织，不能由您导入或修改"));
            } else if (holder.organizationId() != row.organizationId()) {
                refused.add(row.row());
                problems.add(new RowProblem(
                        row.row(),
                        RosterColumn.ORGANIZATION.header(),
                        "MEMBER_IN_OTHER_ORGANIZATION",
                        "该人员已登记在您管理的另一个组织；调整所属组织请使用组织关系转接"));
            }
        }
        List<Integer> kept = IntStream.range(0, rows.size())
                .filter(i -> !refused.contains(rows.get(i).row()))
                .boxed()
                .toList();
        MemberBulkWriter.Prepared prepared = preparation
                .prepared()
                .only(kept, i -> holders.containsKey(rows.get(i).idNumber()));
        if (refused.isEmpty()) {
            return new RosterCheck(read.totalRows(), rows, read.problems(), prepared);
        }
        problems.sort(Comparator.comparingInt(RowProblem::row));
        List<RosterRow> valid = kept.stream().map(rows::get).toList();
        return new RosterCheck(read.totalRows(), valid, problems, prepared);
    }

    /**
     * Stores the valid rows of a check in one transaction, with one {@value #IMPORTED} audit row.
     *
     * @param validOnly store the valid rows even though the file has problems
     * @throws InvalidInputException {@value #HAS_PROBLEMS} when the check has problems and {@code
     *     validOnly} is false: nothing changes
     */
    @Transactional
    public Imported commit(Caller caller, RosterCheck check, boolean validOnly) {
        return commit(caller, check, validOnly, ImportProgress.NONE);
    }

    /**
     * As {@link #commit(Caller, RosterCheck, boolean)}, telling the rows stored so far (stage
     * {@code STORE}; the rows are visible to others only when all are stored).
     */
    @Transactional
    public Imported commit(Caller caller, RosterCheck check, boolean validOnly, ImportProgress progress) {
        authorize(caller);
        if (check.hasProblems() && !validOnly) {
            throw new InvalidInputException(
                    HAS_PROBLEMS, "file", "The roster has problems: fix them, or import the valid rows only");
        }
        List<RosterRow> rows = check.validRows();
        Map<Long, Organization> orgs = new HashMap<>();
        for (RosterRow row : rows) {
            Organization org = orgs.computeIfAbsent(row.organizationId(), id -> organizations
                    .find(id)
                    .filter(o -> o.archivedAt() == null && caller.mayManage(o.path()))
                    .orElseThrow(() -> new InvalidInputException(
                            "ORGANIZATION_UNKNOWN", "file", "An organization of the roster is no longer yours")));
            orgs.putIfAbsent(org.id(), org);
        }
        int count = rows.size();
        progress.at(ImportProgress.Stage.STORE, 0, count);
        MemberBulkWriter.Written written = writer.write(
                caller,
                rows.stream().map(RosterImports::input).toList(),
                check.prepared(),
                n -> progress.at(ImportProgress.Stage.STORE, n, count));
        int skipped = (int) check.invalidRowCount();
        String common =
                commonPath(orgs.values().stream().map(Organization::path).toList());
        audit.append(
                caller,
                IMPORTED,
                AUDIT_TARGET,
                null,
                lastId(common),
                common,
                "created " + written.created() + ", updated " + written.updated() + ", skipped " + skipped + " of "
                        + check.totalRows() + " rows");
        progress.at(ImportProgress.Stage.STORE, count, count);
        return new Imported(written.created(), written.updated(), skipped);
    }

    static MemberInput input(RosterRow r) {
        return MemberInput.builder()
                .organizationId(r.organizationId())
                .name(r.name())
                .idNumber(r.idNumber())
                .gender(r.gender())
                .birthDate(r.birthDate())
                .phone(r.phone())
                .gridId(r.gridId())
                .address(r.address())
                .status(r.status())
                .partyStatus(r.partyStatus())
                .partyJoinedOn(r.partyJoinedOn())
                .branchId(r.branchId())
                .volunteer(r.volunteer())
                .volunteerSince(r.volunteerSince())
                .skills(r.skills())
                .tags(r.tags())
                .build();
    }

    private static String column(String field) {
        if (field == null) {
            return "";
        }
        return switch (field) {
            case "name" -> RosterColumn.NAME.header();
            case "idNumber" -> RosterColumn.ID_NUMBER.header();
            case "gender" -> RosterColumn.GENDER.header();
            case "birthDate" -> RosterColumn.BIRTH_DATE.header();
            case "phone" -> RosterColumn.PHONE.header();
            case "organizationId" -> RosterColumn.ORGANIZATION.header();
            case "gridId" -> RosterColumn.GRID.header();
            case "address" -> RosterColumn.ADDRESS.header();
            case "status" -> RosterColumn.STATUS.header();
            case "partyStatus" -> RosterColumn.PARTY_STATUS.header();
            case "partyJoinedOn" -> RosterColumn.PARTY_JOINED_ON.header();
            case "branchId" -> RosterColumn.BRANCH.header();
            case "volunteer" -> RosterColumn.VOLUNTEER.header();
            case "volunteerSince" -> RosterColumn.VOLUNTEER_SINCE.header();
            case "skills" -> RosterColumn.SKILLS.header();
            case "tags" -> RosterColumn.TAGS.header();
            default -> "";
        };
    }

    /** The non-archived organizations the caller may manage. */
    private List<OrganizationNode> manageable(Caller caller) {
        List<OrganizationNode> found = new ArrayList<>();
        Deque<OrganizationNode> todo = new ArrayDeque<>(organizations.tree(caller));
        while (!todo.isEmpty()) {
            OrganizationNode node = todo.pop();
            if (caller.mayManage(node.path())) {
                found.add(node);
            }
            todo.addAll(node.children());
        }
        return found;
    }

    /** The deepest path all of {@code paths} lie in ({@code /} when they share no organization). */
    static String commonPath(List<String> paths) {
        if (paths.isEmpty()) {
            return "/";
        }
        String common = paths.getFirst();
        for (String path : paths) {
            while (!path.startsWith(common)) {
                common = common.substring(0, common.lastIndexOf('/', common.length() - 2) + 1);
            }
        }
        return common;
    }

    private static Long lastId(String path) {
        if (path.equals("/")) {
            return null;
        }
        String trimmed = path.substring(0, path.length() - 1);
        return Long.parseLong(trimmed.substring(trimmed.lastIndexOf('/') + 1));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ApplicationTime.ZONE));
    }

    /** Names of the organizations the importer manages; the others do not exist for the import. */
    private static final class ManagedNames implements OrganizationNames {

        private final Map<String, List<OrganizationNode>> byName = new HashMap<>();

        ManagedNames(List<OrganizationNode> manageable) {
            for (OrganizationNode node : manageable) {
                byName.computeIfAbsent(node.name(), n -> new ArrayList<>()).add(node);
            }
        }

        @Override
        public Resolution resolve(String name, String kinds) {
            List<OrganizationNode> found = byName.getOrDefault(name, List.of());
            if (found.isEmpty()) {
                return Resolution.problem("系统中没有名为“" + name + "”的组织", "ORGANIZATION_NOT_FOUND", name);
            }
            if (found.size() > 1) {
                return Resolution.problem(
                        "组织名称“" + name + "”不唯一：您管理的组织中有 " + found.size() + " 个同名组织，请先在组织管理中改名",
                        "ORGANIZATION_NOT_UNIQUE",
                        name,
                        found.size());
            }
            OrganizationNode org = found.getFirst();
            return switch (kinds) {
                case "grid" ->
                    org.kind() == OrganizationKind.GRID
                            ? Resolution.found(org.id())
                            : Resolution.problem("“" + name + "”不是网格", "ORGANIZATION_NOT_A_GRID", name);
                case "branch" ->
                    org.kind() == OrganizationKind.BRANCH || org.kind() == OrganizationKind.GENERAL_BRANCH
                            ? Resolution.found(org.id())
                            : Resolution.problem("“" + name + "”不是党支部或党总支", "ORGANIZATION_NOT_A_BRANCH", name);
                default -> Resolution.found(org.id());
            };
        }
    }
}
