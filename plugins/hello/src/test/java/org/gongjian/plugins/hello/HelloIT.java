package org.gongjian.plugins.hello;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import java.time.Instant;
import java.util.List;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.plugins.PluginInfo;
import org.gongjian.plugins.PluginJobs;
import org.gongjian.testkit.PluginTestHost;
import org.gongjian.testkit.PluginTestHost.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hello plugin as built, on a real host (the plugin test kit): its phone page with a setting,
 * the event it publishes, its listener on a core event, its scheduled job and its endpoint.
 */
class HelloIT {

    static PluginTestHost host;
    static PluginInfo plugin;
    static Organization community;

    @BeforeAll
    static void install_the_built_jar() {
        host = PluginTestHost.start();
        plugin = host.install(PluginTestHost.builtJar());
        community = host.community("问候社区");
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void the_jar_starts_with_its_migrations() {
        assertThat(plugin.id()).isEqualTo("hello");
        assertThat(plugin.state()).isEqualTo("STARTED");
    }

    @Test
    void a_volunteer_leaves_a_greeting_on_the_phone_which_publishes_the_event_and_is_audited() throws Exception {
        long member = host.member(community, "李大爷");
        Person volunteer = host.person(Role.VOLUNTEER, community, member);
        Component phone = host.page(HelloPhoneView.class, volunteer);
        TextArea message = _get(phone, TextArea.class, s -> s.withId("hello-phone-message"));

        _setValue(message, "好".repeat(201));
        assertThat(message.isInvalid()).as("checked as it is typed").isTrue();
        _setValue(message, "大家早上好");
        host.as(volunteer, () -> _click(_get(phone, Button.class, s -> s.withId("hello-phone-leave"))));

        assertThat(texts(phone)).contains("大家早上好");
        assertThat(count(
                        "SELECT COUNT(*) FROM domain_event WHERE type = 'HELLO_GREETING_LEFT' AND member_id = ?",
                        member))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'PLUGIN_HELLO_GREETING_LEFT'"))
                .isGreaterThanOrEqualTo(1);
        var answer = host.get(volunteer, "/api/plugins/hello/x/greetings");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("大家早上好");
    }

    @Test
    void the_phone_page_shows_as_many_greetings_as_the_community_set() {
        Organization small = host.community("小社区");
        Person admin = host.person(Role.ORG_ADMIN, small);
        var set = host.put(admin, "/api/plugin-settings/hello/" + small.id(), "{\"values\":{\"phoneShown\":1}}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        Person volunteer = host.person(Role.VOLUNTEER, small, host.member(small, "王阿姨"));
        host.as(volunteer, () -> {
            Component first = host.page(HelloPhoneView.class, volunteer);
            _setValue(_get(first, TextArea.class, s -> s.withId("hello-phone-message")), "第一条");
            _click(_get(first, Button.class, s -> s.withId("hello-phone-leave")));
            _setValue(_get(first, TextArea.class, s -> s.withId("hello-phone-message")), "第二条");
            _click(_get(first, Button.class, s -> s.withId("hello-phone-leave")));
        });

        Component phone = host.page(HelloPhoneView.class, volunteer);
        assertThat(texts(phone)).containsExactly("第二条");
    }

    @Test
    void a_member_who_moves_here_is_welcomed_once_by_the_listener() throws Exception {
        Organization other = host.community("原来的社区");
        long member = host.member(other, "新来的张三");

        host.context().getBean(Members.class).transfer(Caller.system(), member, community.id(), "搬家");

        Instant deadline = Instant.now().plusSeconds(20);
        while (count(
                        "SELECT COUNT(*) FROM gjp_hello.hello_greeting WHERE member_id = ? AND event_id IS NOT NULL",
                        member)
                == 0) {
            assertThat(Instant.now()).as("welcomed in time").isBefore(deadline);
            Thread.sleep(50);
        }
        assertThat(count("SELECT COUNT(*) FROM gjp_hello.hello_greeting WHERE member_id = ?", member))
                .isEqualTo(1);
    }

    @Test
    void the_daily_job_counts_the_greetings_once_per_period() throws Exception {
        host.context().getBean(PluginJobs.class).tick();

        assertThat(count("SELECT COUNT(*) FROM plugin_job_run WHERE plugin_id = 'hello' AND job_key = 'daily-count'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM gjp_hello.hello_daily")).isEqualTo(1);
        host.context().getBean(PluginJobs.class).tick();
        assertThat(count("SELECT COUNT(*) FROM plugin_job_run WHERE plugin_id = 'hello' AND job_key = 'daily-count'"))
                .as("the same period is not run twice")
                .isEqualTo(1);
    }

    private static List<String> texts(Component page) {
        return _find(_get(page, Component.class, s -> s.withId("hello-phone-wall")), Paragraph.class).stream()
                .map(Paragraph::getText)
                .toList();
    }

    private static long count(String sql, Object... arguments) {
        return host.count(sql, arguments);
    }
}
