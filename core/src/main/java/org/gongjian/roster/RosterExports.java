package org.gongjian.roster;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gongjian.access.Caller;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.members.MemberSearch;
import org.gongjian.members.MemberView;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.organizations.Organizations;
import org.gongjian.spreadsheets.SafeWorkbook;

/**
 * Exports the members a search finds (all pages) to an .xlsx in the template's column order, so
 * that an export edited in Excel can be imported again. The ID number and phone are masked unless
 * the caller asks to unmask and manages every exported member's organization (otherwise nothing is
 * written: 403 {@code UNMASK_NOT_ALLOWED}). Every export is audited ({@value #EXPORTED}). Texts that
 * a spreadsheet would take for formulas are neutralised ({@link SafeWorkbook}); an import restores them.
 */
@Singleton
@AuditsDenials
public class RosterExports {

    public static final String EXPORTED = "ROSTER_EXPORTED";

    private final Members members;
    private final Organizations organizations;
    private final AuditLog audit;

    RosterExports(Members members, Organizations organizations, AuditLog audit) {
        this.members = members;
        this.organizations = organizations;
        this.audit = audit;
    }

    /** Writes the workbook to {@code out}; returns the number of members written. */
    @Transactional
    public long export(Caller caller, MemberSearch filter, boolean unmask, OutputStream out) throws IOException {
        SafeWorkbook workbook = new SafeWorkbook(out);
        SafeWorkbook.Sheet sheet = workbook.sheet("花名册");
        RosterColumn[] columns = RosterColumn.values();
        for (int c = 0; c < columns.length; c++) {
            sheet.header(c, columns[c].header(), null);
            sheet.width(c, columns[c].width());
        }
        // Loaded before the members are streamed: the stream holds the connection until its end.
        Map<Long, String> names = new HashMap<>();
        Deque<OrganizationNode> todo = new ArrayDeque<>(organizations.tree(caller));
        while (!todo.isEmpty()) {
            OrganizationNode node = todo.pop();
            names.put(node.id(), node.name());
            todo.addAll(node.children());
        }
        int[] r = {0};
        long count;
        try {
            count = members.forEachMatching(caller, filter, unmask, m -> {
                int row = ++r[0];
                String[] cells = cells(m, names);
                for (int c = 0; c < cells.length; c++) {
                    sheet.text(row, c, cells[c]);
                }
                if (row % 10_000 == 0) {
                    try {
                        sheet.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        workbook.finish();
        audit.append(
                caller,
                EXPORTED,
                RosterImports.AUDIT_TARGET,
                null,
                filter.organizationId(),
                filter.organizationId() == null
                        ? commonReadable(caller)
                        : organizations
                                .find(filter.organizationId())
                                .map(Organization::path)
                                .orElse("/"),
                "exported " + count + " members, " + (unmask ? "unmasked" : "masked"));
        return count;
    }

    private String[] cells(MemberView m, Map<Long, String> names) {
        String[] cells = new String[RosterColumn.values().length];
        cells[RosterColumn.NAME.ordinal()] = m.name();
        cells[RosterColumn.ID_NUMBER.ordinal()] = m.idNumberMasked();
        cells[RosterColumn.GENDER.ordinal()] =
                m.gender() == null ? null : m.gender().name().equals("MALE") ? "男" : "女";
        cells[RosterColumn.BIRTH_DATE.ordinal()] =
                m.birthDate() == null ? null : m.birthDate().toString();
        cells[RosterColumn.PHONE.ordinal()] = m.phoneMasked();
        cells[RosterColumn.ORGANIZATION.ordinal()] = name(m.organizationId(), names);
        cells[RosterColumn.GRID.ordinal()] = name(m.gridId(), names);
        cells[RosterColumn.ADDRESS.ordinal()] = m.address();
        cells[RosterColumn.STATUS.ordinal()] = switch (m.status().name()) {
            case "MOVED_OUT" -> "迁出";
            case "DECEASED" -> "去世";
            default -> "在册";
        };
        MemberView.Party party = m.party();
        cells[RosterColumn.PARTY_STATUS.ordinal()] = party == null
                ? "群众"
                : switch (party.status().name()) {
                    case "FULL" -> "中共党员";
                    case "PROBATIONARY" -> "中共预备党员";
                    case "ACTIVIST" -> "入党积极分子";
                    default -> "发展对象";
                };
        if (party != null) {
            cells[RosterColumn.PARTY_JOINED_ON.ordinal()] =
                    party.joinedOn() == null ? null : party.joinedOn().toString();
            cells[RosterColumn.BRANCH.ordinal()] = name(party.branchId(), names);
        }
        cells[RosterColumn.VOLUNTEER.ordinal()] = m.volunteer() ? "是" : "否";
        cells[RosterColumn.VOLUNTEER_SINCE.ordinal()] =
                m.volunteerSince() == null ? null : m.volunteerSince().toString();
        cells[RosterColumn.SKILLS.ordinal()] = m.skills();
        cells[RosterColumn.TAGS.ordinal()] = m.tags().isEmpty() ? null : String.join("、", m.tags());
        return cells;
    }

    private String name(Long id, Map<Long, String> names) {
        if (id == null) {
            return null;
        }
        return names.get(id);
    }

    private static String commonReadable(Caller caller) {
        List<String> paths = caller.readablePaths();
        return RosterImports.commonPath(paths);
    }
}
