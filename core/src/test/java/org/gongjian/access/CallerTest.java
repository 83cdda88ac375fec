package org.gongjian.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CallerTest {

    private final Caller secretary = new Caller(7, "sec", null, List.of(new Grant(Role.ORG_ADMIN, 10L, "/1/10/")));
    private final Caller staff = new Caller(8, "staff", null, List.of(new Grant(Role.ORG_STAFF, 10L, "/1/10/")));

    @Test
    void a_role_covers_its_organization_and_the_subtree_but_not_siblings_or_parents() {
        assertThat(secretary.mayRead("/1/10/")).isTrue();
        assertThat(secretary.mayRead("/1/10/55/")).isTrue();
        assertThat(secretary.mayRead("/1/11/")).isFalse();
        assertThat(secretary.mayRead("/1/")).isFalse();
        assertThat(secretary.mayRead("/1/100/"))
                .as("a prefix of digits is not a subtree")
                .isFalse();
    }

    @Test
    void staff_read_and_edit_but_do_not_manage() {
        assertThat(staff.mayEdit("/1/10/55/")).isTrue();
        assertThat(staff.mayManage("/1/10/55/")).isFalse();
        assertThat(secretary.mayManage("/1/10/55/")).isTrue();
    }

    @Test
    void volunteers_read_no_subtree_and_the_platform_admin_reads_everything() {
        Caller volunteer = new Caller(9, "vol", 99L, List.of(new Grant(Role.VOLUNTEER, 10L, "/1/10/")));
        assertThat(volunteer.mayRead("/1/10/")).isFalse();
        assertThat(volunteer.readablePaths()).isEmpty();
        assertThat(Caller.system().readablePaths()).containsExactly("/");
        assertThat(Caller.system().mayManage("/anything/")).isTrue();
    }

    @Test
    void nested_grants_collapse_to_the_outer_subtree() {
        Caller both = new Caller(
                1,
                "x",
                null,
                List.of(
                        new Grant(Role.ORG_STAFF, 55L, "/1/10/55/"),
                        new Grant(Role.ORG_ADMIN, 10L, "/1/10/"),
                        new Grant(Role.ORG_ADMIN, 20L, "/1/20/")));
        assertThat(both.readablePaths()).containsExactly("/1/10/", "/1/20/");
    }
}
