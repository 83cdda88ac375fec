package org.gongjian.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.Grant;
import org.gongjian.access.NotFoundException;
import org.gongjian.access.Role;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.junit.jupiter.api.Test;

/**
 * The members service against the embedded database: derived data, protection at rest, search,
 * versions, transfers and households. Every test builds its own organizations, so searches are
 * scoped to what the test created.
 */
@MicronautTest(transactional = false)
class MembersIT {

    @Inject
    Members members;

    @Inject
    Households households;

    @Inject
    Organizations organizations;

    @Inject
    DataSource dataSource;

    private Organization community(String name) {
        return organizations.createRoot(OrganizationKind.COMMUNITY, name);
    }

    private static Caller admin(Organization org) {
        return new Caller(7, "admin-" + org.id(), null, List.of(new Grant(Role.ORG_ADMIN, org.id(), org.path())));
    }

    private static Caller staff(Organization org) {
        return new Caller(8, "staff-" + org.id(), null, List.of(new Grant(Role.ORG_STAFF, org.id(), org.path())));
    }

    private MemberView create(Caller caller, Organization org, String name) {
        return members.create(caller, MemberInput.named(org.id(), name));
    }

    private List<String> names(MemberPage page) {
        return page.items().stream().map(MemberView::name).toList();
    }

    @Test
    void gender_and_birth_date_are_derived_from_the_id_number_and_it_is_shown_masked() {
        Organization org = community("阳光社区");
        String id = TestData.idNumber(LocalDate.of(1985, 6, 1), false);

        MemberView created = members.create(
                admin(org),
                MemberInput.builder()
                        .organizationId(org.id())
                        .name(" 李梅 ")
                        .idNumber(id.toLowerCase())
                        .phone("+86 138-1234-5678")
                        .build());

        assertThat(created.name()).isEqualTo("李梅");
        assertThat(created.namePinyin()).isEqualTo("limei");
        assertThat(created.gender()).isEqualTo(Gender.FEMALE);
        assertThat(created.birthDate()).isEqualTo(LocalDate.of(1985, 6, 1));
        assertThat(created.idNumberMasked()).isEqualTo("110***********" + id.substring(14));
        assertThat(created.phoneMasked()).isEqualTo("138****5678");
        assertThat(created.status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(created.version()).isZero();
    }

    @Test
    void a_given_gender_or_birth_date_that_contradicts_the_id_number_is_refused() {
        Organization org = community("矛盾社区");
        String male = TestData.idNumber(LocalDate.of(1970, 1, 2), true);

        assertThatThrownBy(() -> members.create(
                        admin(org),
                        MemberInput.builder()
                                .organizationId(org.id())
                                .name("王强")
                                .idNumber(male)
                                .gender("FEMALE")
                                .build()))
                .isInstanceOf(InvalidInputException.class)
                .extracting("code")
                .isEqualTo(MemberErrors.GENDER_CONTRADICTS_ID_NUMBER);
        assertThatThrownBy(() -> members.create(
                        admin(org),
                        MemberInput.builder()
                                .organizationId(org.id())
                                .name("王强")
                                .idNumber(male)
                                .birthDate(LocalDate.of(1970, 1, 3))
                                .build()))
                .extracting("code")
                .isEqualTo(MemberErrors.BIRTH_DATE_CONTRADICTS_ID_NUMBER);
        assertThat(members.search(admin(org), MemberSearch.of(null)).total()).isZero();
    }

    @Test
    void the_id_number_and_phone_are_not_stored_in_clear_anywhere_in_the_row() throws Exception {
        Organization org = community("保密社区");
        String id = TestData.idNumber(LocalDate.of(1991, 11, 23), true);
        String phone = "13912340000";
        MemberView created = members.create(
                admin(org),
                MemberInput.builder()
                        .organizationId(org.id())
                        .name("赵六")
                        .idNumber(id)
                        .phone(phone)
                        .build());

        List<String> columns = new ArrayList<>();
        try (Connection c = TestData.raw(dataSource).getConnection();
                PreparedStatement s = c.prepareStatement("SELECT * FROM member WHERE id = ?")) {
            s.setLong(1, created.id());
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    byte[] raw = rs.getBytes(i);
                    if (raw != null) {
                        columns.add(meta.getColumnName(i) + "=" + new String(raw, StandardCharsets.ISO_8859_1));
                    }
                }
                assertThat(rs.getBytes("id_number_hash"))
                        .as("the lookup hash is keyed, not a plain SHA-256 of the number")
                        .isNotEqualTo(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertThat(columns).hasSizeGreaterThan(10);
        assertThat(columns).noneMatch(v -> v.contains(id.substring(0, 14)) || v.contains(id));
        assertThat(columns).noneMatch(v -> v.contains(phone) || v.contains(phone.substring(0, 7)));
        assertThat(columns).contains("id_last4=" + id.substring(14), "phone_last4=0000");
        assertThat(TestData.count(
                        dataSource,
                        "SELECT COUNT(*) FROM audit_log WHERE detail LIKE ? OR detail LIKE ?",
                        "%" + id.substring(0, 14) + "%",
                        "%" + phone + "%"))
                .isZero();
    }

    @Test
    void an_id_number_is_unique_whatever_its_spelling() {
        Organization org = community("唯一社区");
        String id = TestData.idNumberEndingInX();
        members.create(
                admin(org),
                MemberInput.builder()
                        .organizationId(org.id())
                        .name("孙七")
                        .idNumber(id)
                        .build());

        String sameSpelledDifferently = id.substring(0, 6) + " " + id.substring(6, 17) + "x";

        assertThatThrownBy(() -> members.create(
                        admin(org),
                        MemberInput.builder()
                                .organizationId(org.id())
                                .name("孙七二")
                                .idNumber(sameSpelledDifferently)
                                .build()))
                .extracting("code")
                .isEqualTo(MemberErrors.ID_NUMBER_TAKEN);
    }

    @Test
    void add_sets_the_organization_path_and_the_pinyin() {
        Organization org = community("添加社区");
        Organization grid = organizations.createChild(org, OrganizationKind.GRID, "一网格");

        Member added = members.add(grid.id(), "曾国藩");

        assertThat(added.orgPath()).isEqualTo(grid.path());
        assertThat(added.namePinyin()).isEqualTo("zengguofan");
        assertThat(added.nameInitials()).isEqualTo("zgf");
        assertThat(members.search(admin(org), MemberSearch.of("zgf")).items())
                .extracting(MemberView::id)
                .containsExactly(added.id());
    }

    @Test
    void zhang_san_is_found_by_initials_pinyin_prefix_full_pinyin_and_name_prefix() {
        Organization org = community("拼音社区");
        Caller admin = admin(org);
        long zhangSan = create(admin, org, "张三").id();
        create(admin, org, "李四");
        create(admin, org, "王五");

        for (String q : List.of("zs", "zhang", "zhangsan", "张", "张三", "ZhangSan", "zhang san")) {
            assertThat(members.search(admin, MemberSearch.of(q)).items())
                    .as(q)
                    .extracting(MemberView::id)
                    .containsExactly(zhangSan);
        }
        assertThat(members.search(admin, MemberSearch.of("三")).items()).isEmpty();
        assertThat(members.search(admin, MemberSearch.of("zhangsi")).items()).isEmpty();
        assertThat(names(members.search(admin, MemberSearch.of("l")))).containsExactly("李四");
    }

    @Test
    void the_last_four_digits_of_phone_or_id_number_find_the_member() {
        Organization org = community("尾号社区");
        Caller admin = admin(org);
        String idWithX = TestData.idNumberEndingInX();
        long byPhone = members.create(
                        admin,
                        MemberInput.builder()
                                .organizationId(org.id())
                                .name("钱一")
                                .phone("13800004321")
                                .build())
                .id();
        long byId = members.create(
                        admin,
                        MemberInput.builder()
                                .organizationId(org.id())
                                .name("钱二")
                                .idNumber(idWithX)
                                .build())
                .id();
        create(admin, org, "钱三");

        assertThat(members.search(admin, MemberSearch.of("4321")).items())
                .extracting(MemberView::id)
                .containsExactly(byPhone);
        String last4 = idWithX.substring(14);
        assertThat(members.search(admin, MemberSearch.of(last4.toLowerCase())).items())
                .extracting(MemberView::id)
                .containsExactly(byId);
        assertThat(members.search(admin, MemberSearch.of("9999")).items()).isEmpty();
    }

    @Test
    void search_filters_by_subtree_status_tag_volunteer_and_party_status() {
        Organization org = community("筛选社区");
        Organization grid = organizations.createChild(org, OrganizationKind.GRID, "二网格");
        Caller admin = admin(org);
        members.create(
                admin,
                MemberInput.builder()
                        .organizationId(grid.id())
                        .name("甲")
                        .tags(List.of("低保户", "独居老人"))
                        .volunteer(true)
                        .build());
        members.create(
                admin,
                MemberInput.builder()
                        .organizationId(org.id())
                        .name("乙")
                        .status("MOVED_OUT")
                        .partyStatus("FULL")
                        .partyJoinedOn(LocalDate.of(2001, 7, 1))
                        .build());
        members.create(
                admin,
                MemberInput.builder()
                        .organizationId(org.id())
                        .name("丙")
                        .tags(List.of("低保户"))
                        .partyStatus("PROBATIONARY")
                        .build());

        assertThat(names(members.search(admin, MemberSearch.of(null).inOrganization(grid.id()))))
                .containsExactly("甲");
        assertThat(names(members.search(admin, MemberSearch.of(null).withStatus("MOVED_OUT"))))
                .containsExactly("乙");
        assertThat(names(members.search(admin, MemberSearch.of(null).withTag("低保户"))))
                .containsExactlyInAnyOrder("甲", "丙");
        assertThat(names(members.search(admin, MemberSearch.of(null).withVolunteer(true))))
                .containsExactly("甲");
        assertThat(names(members.search(admin, MemberSearch.of(null).withPartyStatus("full"))))
                .containsExactly("乙");
        MemberView yi = members.search(admin, MemberSearch.of("乙")).items().getFirst();
        assertThat(yi.party()).isEqualTo(new MemberView.Party(PartyStatus.FULL, LocalDate.of(2001, 7, 1), null));
    }

    @Test
    void search_is_sorted_by_pinyin_creation_or_id_and_paged_with_a_total() {
        Organization org = community("排序社区");
        Caller admin = admin(org);
        for (String name : List.of("王五", "李四", "张三", "阿明")) {
            create(admin, org, name);
        }

        assertThat(names(members.search(admin, MemberSearch.of(null)))).containsExactly("阿明", "李四", "王五", "张三");
        assertThat(names(members.search(admin, MemberSearch.of(null).sortedBy("-name"))))
                .containsExactly("张三", "王五", "李四", "阿明");
        assertThat(names(members.search(admin, MemberSearch.of(null).sortedBy("created"))))
                .containsExactly("王五", "李四", "张三", "阿明");
        assertThat(names(members.search(admin, MemberSearch.of(null).sortedBy("-id"))))
                .containsExactly("阿明", "张三", "李四", "王五");

        MemberPage second = members.search(admin, MemberSearch.of(null).page(1, 3));
        assertThat(names(second)).containsExactly("张三");
        assertThat(second.total()).isEqualTo(4);
        MemberPage first = members.search(admin, MemberSearch.of(null).page(0, 2));
        assertThat(names(first)).containsExactly("阿明", "李四");
        assertThat(first.total()).isEqualTo(4);
    }

    @Test
    void a_search_never_leaves_the_callers_subtrees() {
        Organization a = community("甲社区");
        Organization b = community("乙社区");
        create(admin(a), a, "张三");
        create(admin(b), b, "张三丰");

        assertThat(names(members.search(admin(a), MemberSearch.of("zhang")))).containsExactly("张三");
        assertThatThrownBy(() -> members.search(admin(a), MemberSearch.of(null).inOrganization(b.id())))
                .isInstanceOf(NotFoundException.class);
        Caller volunteer = new Caller(9, "vol", null, List.of(new Grant(Role.VOLUNTEER, a.id(), a.path())));
        assertThat(members.search(volunteer, MemberSearch.of(null)).items()).isEmpty();
    }

    @Test
    void a_member_signed_in_as_themself_sees_their_own_record_with_party_data_and_no_one_elses() {
        Organization org = community("本人社区");
        Caller admin = admin(org);
        MemberView self = members.create(
                admin,
                MemberInput.builder()
                        .organizationId(org.id())
                        .name("党员本人")
                        .partyStatus("ACTIVIST")
                        .build());
        MemberView neighbour = create(admin, org, "邻居");
        Caller volunteer = new Caller(11, "self", self.id(), List.of(new Grant(Role.VOLUNTEER, org.id(), org.path())));

        assertThat(members.get(volunteer, self.id()).party())
                .isEqualTo(new MemberView.Party(PartyStatus.ACTIVIST, null, null));
        assertThatThrownBy(() -> members.get(volunteer, neighbour.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> members.unmask(volunteer, self.id())).isInstanceOf(NotFoundException.class);
        assertThat(members.search(volunteer, MemberSearch.of(null)).items()).isEmpty();
    }

    @Test
    void an_update_with_an_old_version_is_refused_and_changes_nothing() {
        Organization org = community("版本社区");
        Caller admin = admin(org);
        MemberView read = create(admin, org, "周八");
        MemberInput change = MemberInput.builder()
                .name("周八")
                .address("幸福路1号")
                .version(read.version())
                .build();
        MemberView updated = members.update(admin, read.id(), change);
        assertThat(updated.version()).isEqualTo(read.version() + 1);

        assertThatThrownBy(() -> members.update(
                        admin, read.id(), change.toBuilder().address("幸福路2号").build()))
                .isInstanceOf(MemberChangedMeanwhileException.class);
        assertThat(members.get(admin, read.id()).address()).isEqualTo("幸福路1号");
    }

    @Test
    void an_update_sending_the_masked_id_number_and_phone_keeps_them_and_an_empty_one_clears_it() {
        Organization org = community("掩码社区");
        Caller admin = admin(org);
        String id = TestData.idNumber();
        MemberView read = members.create(
                admin,
                MemberInput.builder()
                        .organizationId(org.id())
                        .name("吴九")
                        .idNumber(id)
                        .phone("13700001111")
                        .build());

        MemberView kept = members.update(
                admin,
                read.id(),
                MemberInput.builder()
                        .name("吴九")
                        .idNumber(read.idNumberMasked())
                        .phone(read.phoneMasked())
                        .version(read.version())
                        .build());
        assertThat(members.unmask(admin, read.id())).isEqualTo(new UnmaskedMember(read.id(), id, "13700001111"));
        assertThat(kept.gender()).isEqualTo(read.gender());

        MemberView cleared = members.update(
                admin,
                read.id(),
                MemberInput.builder()
                        .name("吴九")
                        .phone("")
                        .version(kept.version())
                        .build());
        assertThat(cleared.phoneMasked()).isNull();
        assertThat(cleared.idNumberMasked()).isEqualTo(read.idNumberMasked());
    }

    @Test
    void staff_may_record_members_but_neither_unmask_nor_transfer() {
        Organization org = community("职员社区");
        Organization other = organizations.createChild(org, OrganizationKind.GRID, "三网格");
        MemberView m = create(staff(org), org, "郑十");

        assertThatThrownBy(() -> members.unmask(staff(org), m.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> members.transfer(staff(org), m.id(), other.id(), "搬家"))
                .isInstanceOf(ForbiddenException.class);
        assertThat(members.get(staff(org), m.id()).organizationId()).isEqualTo(org.id());
    }

    @Test
    void a_transfer_moves_the_member_keeps_history_and_clears_what_lies_outside_the_destination() {
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "幸福街道");
        Organization a = organizations.createChild(street, OrganizationKind.COMMUNITY, "东社区");
        Organization b = organizations.createChild(street, OrganizationKind.COMMUNITY, "西社区");
        Organization gridA = organizations.createChild(a, OrganizationKind.GRID, "东一网格");
        Caller streetAdmin = admin(street);
        MemberView m = members.create(
                streetAdmin,
                MemberInput.builder()
                        .organizationId(a.id())
                        .name("冯十一")
                        .gridId(gridA.id())
                        .build());
        Household home = households.create(streetAdmin, a.id(), "东路3号");
        households.setMembers(streetAdmin, home.id(), List.of(new HouseholdPlacement(m.id(), "HEAD")));

        MemberTransfer transfer = members.transfer(streetAdmin, m.id(), b.id(), "迁居西社区");

        assertThat(transfer.fromOrganizationId()).isEqualTo(a.id());
        assertThat(transfer.toOrganizationName()).isEqualTo("西社区");
        MemberView moved = members.get(streetAdmin, m.id());
        assertThat(moved.organizationId()).isEqualTo(b.id());
        assertThat(moved.gridId()).isNull();
        assertThat(moved.householdId()).isNull();
        assertThatThrownBy(() -> members.get(admin(a), m.id())).isInstanceOf(NotFoundException.class);
        assertThat(members.get(admin(b), m.id()).name()).isEqualTo("冯十一");

        members.transfer(admin(street), m.id(), a.id(), "回迁");
        MemberHistory history = members.history(admin(a), m.id());
        assertThat(history.transfers())
                .extracting(MemberTransfer::toOrganizationId)
                .containsExactly(b.id(), a.id());
        assertThat(history.audit())
                .extracting(e -> e.action())
                .containsSubsequence(
                        "MEMBER_CREATED",
                        "MEMBER_HOUSEHOLD_CHANGED",
                        "MEMBER_TRANSFERRED_OUT",
                        "MEMBER_TRANSFERRED_IN",
                        "MEMBER_TRANSFERRED_OUT",
                        "MEMBER_TRANSFERRED_IN");
    }

    @Test
    void a_member_belongs_to_one_household_with_one_head() {
        Organization org = community("家庭社区");
        Caller admin = admin(org);
        long father = create(admin, org, "陈父").id();
        long mother = create(admin, org, "陈母").id();
        long child = create(admin, org, "陈子").id();
        Household home = households.create(admin, org.id(), "和平里5号");
        Household other = households.create(admin, org.id(), "和平里6号");

        Household set = households.setMembers(
                admin,
                home.id(),
                List.of(
                        new HouseholdPlacement(father, "HEAD"),
                        new HouseholdPlacement(mother, "spouse"),
                        new HouseholdPlacement(child, "CHILD")));
        assertThat(set.members())
                .extracting(Household.HouseholdMember::relation)
                .containsExactlyInAnyOrder(HouseholdRelation.HEAD, HouseholdRelation.SPOUSE, HouseholdRelation.CHILD);
        assertThat(members.get(admin, child).householdRelation()).isEqualTo(HouseholdRelation.CHILD);

        assertThatThrownBy(
                        () -> households.setMembers(admin, other.id(), List.of(new HouseholdPlacement(child, "HEAD"))))
                .extracting("code")
                .isEqualTo(MemberErrors.MEMBER_IN_OTHER_HOUSEHOLD);
        assertThatThrownBy(() -> households.setMembers(
                        admin,
                        home.id(),
                        List.of(new HouseholdPlacement(father, "HEAD"), new HouseholdPlacement(mother, "HEAD"))))
                .extracting("code")
                .isEqualTo(MemberErrors.HOUSEHOLD_HEAD_TWICE);

        Household smaller = households.setMembers(
                admin,
                home.id(),
                List.of(new HouseholdPlacement(father, "HEAD"), new HouseholdPlacement(mother, "SPOUSE")));
        assertThat(smaller.members()).hasSize(2);
        assertThat(members.get(admin, child).householdId()).isNull();
        assertThat(households
                        .setMembers(admin, other.id(), List.of(new HouseholdPlacement(child, "HEAD")))
                        .members())
                .hasSize(1);
        long grandmother = create(admin, org, "陈祖母").id();
        assertThat(households.addMember(admin, home.id(), grandmother, "PARENT").members())
                .extracting(Household.HouseholdMember::memberId)
                .containsExactlyInAnyOrder(father, mother, grandmother);
    }
}
