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
 * The market's first version (the jar as built, without its V2 and V3 migrations) runs with data;
 * the version as built is then uploaded on the running host: V2 (reservations) and V3 (eligibility,
 * photos, purchases) apply, the data of version 1 is intact, and what they add works. The rows of
 * version 1's goods are written as version 1 wrote them (its schema), since the code in the jar is
 * today's.
 */
class MarketUpgradeIT {

    @Test
    void version_1_is_upgraded_at_runtime_with_its_data_intact() throws Exception {
        Path built = PluginTestHost.builtJar();
        Path v1 = PluginTestHost.otherVersion(
                built,
                "0.0.1",
                name -> name.endsWith("V2__reservations.sql") || name.endsWith("V3__catalogue.sql"),
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
            // Version 1's goods, donation and movement, in version 1's columns.
            long item = 910_000_000_001L;
            String schema = "gjp_leifeng_market.";
            host.execute("INSERT INTO " + schema + "leifeng_market_item (id, market_id, name, category, unit,"
                    + " price_tenths, monthly_cap, active, on_hand) VALUES (" + item + ", " + market
                    + ", '毛巾', '日用品', '条', 20, NULL, TRUE, 4)");
            host.execute("INSERT INTO " + schema + "leifeng_market_donation (id, market_id, donor, donor_member_id,"
                    + " receipt_no, at, by_user) VALUES (910000000002, " + market + ", '老街坊', NULL, NULL, NOW(6), 0)");
            host.execute("INSERT INTO " + schema + "leifeng_market_movement (id, item_id, kind, quantity,"
                    + " redemption_id, donation_id, reason, at, by_user) VALUES (910000000003, " + item
                    + ", 'IN', 4, NULL, 910000000002, NULL, NOW(6), 0)");

            PluginInfo second = host.install(built);

            assertThat(second.version()).isNotEqualTo("0.0.1");
            assertThat(host.get(secretary, base + "markets/" + market + "/items")
                            .body())
                    .contains("\"onHand\":4", "\"eligibility\":\"EVERYONE\"", "\"hasPhoto\":false");
            var redeemed = host.post(
                    secretary,
                    base + "markets/" + market + "/redemptions",
                    "{\"memberId\":" + member + ",\"lines\":[{\"itemId\":" + item + ",\"quantity\":1}]}",
                    Map.of("Idempotency-Key", "upgrade-test-1"));
            assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(201);
            var donations = host.get(secretary, base + "markets/" + market + "/donations");
            assertThat(donations.body()).contains("\"donorKind\":\"MERCHANT\"", "老街坊");
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
