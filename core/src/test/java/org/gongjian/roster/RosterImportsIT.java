package org.gongjian.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.access.Grant;
import org.gongjian.access.Role;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.members.MemberInput;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.personaldata.IdNumbers;
import org.junit.jupiter.api.Test;

/**
 * {@link RosterImports} directly: progress of the check and the commit, and an ID number recorded
 * between the check and the commit ({@code ID_NUMBER_TAKEN}, nothing of the import stored).
 */
@MicronautTest(transactional = false)
class RosterImportsIT {

    @Inject
    RosterImports imports;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Inject
    DataSource dataSource;

    @Test
    void check_and_commit_tell_their_progress_up_to_every_row() throws Exception {
        Organization community = community("进展社区");
        Caller admin = admin(community);
        int rows = 2_300;
        String[][] roster = new String[rows][];
        for (int i = 0; i < rows; i++) {
            roster[i] = new String[] {"进展" + i, idNumber(1, i), "进展社区"};
        }
        List<String> told = new CopyOnWriteArrayList<>();

        RosterCheck check = imports.check(
                admin,
                new ByteArrayInputStream(file(roster)),
                (stage, done, total) -> told.add(stage + " " + done + "/" + total));
        assertThat(check.hasProblems()).as("%s", check.problems()).isFalse();
        assertThat(told).contains("READ 1000/-1", "READ 2300/-1", "VALIDATE 0/2300", "VALIDATE 1000/2300");
        assertThat(told.getLast()).isEqualTo("VALIDATE 2300/2300");
        // fastexcel streams and cannot declare the range (ref="A1"); Excel and WPS do
        assertThat(RosterImports.estimatedRows(file(roster))).isEqualTo(-1);
        assertThat(RosterImports.estimatedRows(sheetDeclaring("A1:P2301"))).isEqualTo(rows);

        told.clear();
        RosterImports.Imported imported =
                imports.commit(admin, check, false, (stage, done, total) -> told.add(stage + " " + done + "/" + total));

        assertThat(imported.created()).isEqualTo(rows);
        assertThat(told.getFirst()).isEqualTo("STORE 0/2300");
        assertThat(told).contains("STORE 1024/2300");
        assertThat(told.getLast()).isEqualTo("STORE 2300/2300");
        assertThat(count("SELECT COUNT(*) FROM member WHERE org_path = '" + community.path() + "'"))
                .isEqualTo(rows);
    }

    @Test
    void an_id_number_recorded_between_check_and_commit_is_taken_and_nothing_is_stored() throws Exception {
        Organization community = community("抢先社区");
        Caller admin = admin(community);
        String first = idNumber(2, 1);
        String second = idNumber(2, 2);
        RosterCheck check = imports.check(
                admin,
                new ByteArrayInputStream(file(new String[][] {{"甲先", first, "抢先社区"}, {"乙后", second, "抢先社区"}})),
                ImportProgress.NONE);
        assertThat(check.hasProblems()).isFalse();
        members.create(
                admin,
                MemberInput.builder()
                        .organizationId(community.id())
                        .name("丙抢")
                        .idNumber(second)
                        .build());
        long auditBefore = count("SELECT COUNT(*) FROM audit_log");

        assertThatThrownBy(() -> imports.commit(admin, check, false))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("ID_NUMBER_TAKEN"));

        assertThat(count("SELECT COUNT(*) FROM member WHERE org_path = '" + community.path() + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_log")).isEqualTo(auditBefore);
    }

    private Organization community(String name) {
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, name + "街道");
        return organizations.createChild(street, OrganizationKind.COMMUNITY, name);
    }

    private static Caller admin(Organization org) {
        return new Caller(9, "admin-" + org.id(), null, List.of(new Grant(Role.ORG_ADMIN, org.id(), org.path())));
    }

    /** A valid ID number, distinct for each (series, i): Hangzhou Shangcheng, a birth date from both. */
    private static String idNumber(int series, int i) {
        LocalDate birth = LocalDate.of(1950 + series, 1, 1).plusDays(i / 900);
        String first17 = "330102" + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", i % 900 + 1);
        return first17 + IdNumbers.checkCharacter(first17);
    }

    /** A roster of name, ID number and organization. */
    private static byte[] file(String[][] rows) throws Exception {
        String[][] wide = new String[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            wide[r] = new String[] {rows[r][0], rows[r][1], "", rows[r][2]};
        }
        return RosterApiIT.roster(wide);
    }

    /** The start of an .xlsx whose first sheet declares this range, as Excel writes it. */
    private static byte[] sheetDeclaring(String range) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(("<?xml version=\"1.0\"?><worksheet><dimension ref=\"" + range + "\"/><sheetData/></worksheet>")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private long count(String sql) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
