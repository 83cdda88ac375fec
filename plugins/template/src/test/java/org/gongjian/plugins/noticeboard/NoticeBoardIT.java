package org.gongjian.plugins.noticeboard;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import java.util.Map;
import org.gongjian.access.Role;
import org.gongjian.organizations.Organization;
import org.gongjian.plugins.PluginInfo;
import org.gongjian.testkit.PluginTestHost;
import org.gongjian.testkit.PluginTestHost.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notice board as built ({@code target/*.jar}), installed on a real host by the plugin test kit:
 * its endpoints, its settings and its page, for a community's secretary and a stranger.
 */
class NoticeBoardIT {

    static PluginTestHost host;
    static PluginInfo plugin;
    static Organization community;
    static Organization elsewhere;
    static Person secretary;
    static Person stranger;

    @BeforeAll
    static void install_the_built_jar() {
        host = PluginTestHost.start();
        plugin = host.install(PluginTestHost.builtJar());
        community = host.community("公告社区");
        elsewhere = host.community("别的社区");
        secretary = host.person(Role.ORG_ADMIN, community);
        stranger = host.person(Role.ORG_ADMIN, elsewhere);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void the_jar_starts_with_its_id_and_version() {
        assertThat(plugin.id()).isEqualTo("notice-board");
        assertThat(plugin.state()).isEqualTo("STARTED");
    }

    @Test
    void a_secretary_posts_a_notice_and_reads_it_back_and_a_stranger_sees_nothing() {
        var posted = host.post(secretary, notices(community), "{\"title\":\"周六上午义诊\"}");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);

        var read = host.get(secretary, notices(community));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(titles(read.body())).contains("周六上午义诊");

        assertThat(host.get(stranger, notices(community)).statusCode()).isEqualTo(404);
        assertThat(host.post(stranger, notices(community), "{\"title\":\"x\"}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void bad_input_is_refused_with_a_code_and_stores_nothing() {
        var empty = host.post(secretary, notices(community), "{\"title\":\"   \"}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(host.json(empty.body())).containsEntry("code", "NOTICE_TITLE_EMPTY");
        var unknown = host.post(secretary, notices(community), "{\"title\":\"x\",\"pinned\":true}");
        assertThat(host.json(unknown.body())).containsEntry("code", "UNKNOWN_FIELD");
        var fraction = host.post(secretary, notices(community), "{\"title\":\"x\",\"memberId\":1.5}");
        assertThat(host.json(fraction.body())).containsEntry("code", "INVALID_NUMBER");
    }

    @Test
    void the_communitys_setting_limits_the_length_of_a_notice() {
        Organization strict = host.community("严格社区");
        Person admin = host.person(Role.ORG_ADMIN, strict);
        var set = host.put(
                admin, "/api/plugin-settings/notice-board/" + strict.id(), "{\"values\":{\"maxTitleLength\":10}}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

        var tooLong = host.post(admin, notices(strict), "{\"title\":\"这是一条超过十个字的很长的公告\"}");

        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(host.json(tooLong.body()))
                .containsEntry("code", "NOTICE_TITLE_TOO_LONG")
                .containsEntry("message", "公告最多 10 个字");
        assertThat(host.post(admin, notices(strict), "{\"title\":\"十字以内\"}").statusCode())
                .isEqualTo(201);
    }

    @Test
    void the_page_checks_the_length_as_you_type_posts_and_lists() {
        Component page = host.page(NoticeBoardView.class, secretary);
        TextField title = _get(page, TextField.class, s -> s.withId("notice-board-title"));

        _setValue(title, "x".repeat(61));
        assertThat(title.isInvalid()).as("over the default of 60").isTrue();
        assertThat(title.getErrorMessage()).isEqualTo("公告最多 60 个字");

        _setValue(title, "楼道灯已修好");
        assertThat(title.isInvalid()).isFalse();
        host.as(secretary, () -> _click(_get(page, Button.class, s -> s.withId("notice-board-post"))));

        assertThat(_find(page, Paragraph.class, s -> s.withClasses("notice-board-notice")))
                .anySatisfy(p -> assertThat(p.getText()).endsWith("楼道灯已修好"));
    }

    private static String notices(Organization org) {
        return "/api/plugins/notice-board/x/orgs/" + org.id() + "/notices";
    }

    @SuppressWarnings("unchecked")
    private static List<String> titles(String body) {
        List<Map<String, Object>> notices =
                (List<Map<String, Object>>) host.json(body).get("notices");
        return notices.stream().map(n -> (String) n.get("title")).toList();
    }
}
