package org.gongjian.plugins.leifengmarket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gongjian.access.Role;
import org.gongjian.ledger.Asset;
import org.gongjian.organizations.Organization;
import org.gongjian.plugins.PluginInfo;
import org.gongjian.testkit.PluginTestHost;
import org.gongjian.testkit.PluginTestHost.Person;
import org.junit.jupiter.api.Test;

/**
 * The market's first version (the jar as built, without its V2 migration) runs with data; the
 * version as built is then uploaded on the running host: V2 (reservations, a new column) applies,
 * the data of version 1 is intact, and what V2 adds works.
 */
class MarketUpgradeIT {

    @Test
    void version_1_is_upgraded_at_runtime_with_its_data_intact() throws Exception {
        Path built = PluginTestHost.builtJar();
        Path v1 = PluginTestHost.otherVersion(
                built,
                "0.0.1",
                name -> name.endsWith("V2__reservations.sql"),
                Files.createTempDirectory("market-v1").resolve("leifeng-market-0.0.1.jar"));
        try (PluginTestHost host = PluginTestHost.start()) {
            PluginInfo first = host.install(v1);
            assertThat(first.version()).isEqualTo("0.0.1");
            Organization community = host.community("升级社区");
            Asset vol = host.pointKind(community, "VOL", "志愿积分");
            Person secretary = host.person(Role.ORG_ADMIN, community);
            long member = host.member(community, "老会员");
            host.award(vol, community, member, 100);
            String base = "/api/plugins/leifeng-market/x/";
            long market = id(
                    host,
                    host.post(
                            secretary,
                            base + "orgs/" + community.id() + "/markets",
                            "{\"name\":\"老超市\",\"assetCode\":\"VOL\"}"));
            long item = id(
                    host,
                    host.post(
                            secretary,
                            base + "markets/" + market + "/items",
                            "{\"name\":\"毛巾\",\"category\":\"日用品\",\"unit\":\"条\",\"price\":2}"));
            host.post(
                    secretary,
                    base + "markets/" + market + "/donations",
                    "{\"donor\":\"老街坊\",\"lines\":[{\"itemId\":" + item + ",\"quantity\":4}]}");
            var redeemed = host.post(
                    secretary,
                    base + "markets/" + market + "/redemptions",
                    "{\"memberId\":" + member + ",\"lines\":[{\"itemId\":" + item + ",\"quantity\":1}]}",
                    Map.of("Idempotency-Key", "upgrade-test-1"));
            assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(201);

            PluginInfo second = host.install(built);

            assertThat(second.version()).isNotEqualTo("0.0.1");
            assertThat(host.get(secretary, base + "markets/" + market + "/items")
                            .body())
                    .contains("\"onHand\":3");
            var statement = host.get(secretary, base + "markets/" + market + "/statement");
            assertThat(host.json(statement.body()))
                    .containsEntry("balanced", true)
                    .containsEntry("pointsTotal", "2");
            Person volunteer = host.person(Role.VOLUNTEER, community, member);
            var reserved = host.post(
                    volunteer,
                    base + "markets/" + market + "/reservations",
                    "{\"lines\":[{\"itemId\":" + item + ",\"quantity\":1}]}",
                    Map.of("Idempotency-Key", "upgrade-test-2"));
            assertThat(reserved.statusCode())
                    .as("version 2's reservations: %s", reserved.body())
                    .isEqualTo(201);
            assertThat(host.balance(vol, member)).isEqualTo(60);
        }
    }

    private static long id(PluginTestHost host, java.net.http.HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return ((Number) host.json(answer.body()).get("id")).longValue();
    }
}
