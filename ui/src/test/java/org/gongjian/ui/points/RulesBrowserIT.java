package org.gongjian.ui.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.ledger.Asset;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.points.PointKinds;
import org.gongjian.points.PointsRule;
import org.gongjian.points.PointsRules;
import org.gongjian.points.PointsSettings;
import org.gongjian.points.RuleInput;
import org.gongjian.security.UserAdmin;
import org.gongjian.ui.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In a real headless Chromium: a community secretary edits a rule (a week cap refused as she
 * types, then a new version in the list) and gives her community its own points settings instead
 * of the street's. Screenshots go to {@code ui/target/screenshots} (rules-*.png).
 */
@MicronautTest(transactional = false)
class RulesBrowserIT {

    private static final String PASSWORD = "rules-browser-password";
    private static WebDriver driver;

    @Inject
    EmbeddedServer server;

    @Inject
    Organizations organizations;

    @Inject
    PointKinds kinds;

    @Inject
    PointsRules rules;

    @Inject
    PointsSettings settings;

    @Inject
    UserAdmin users;

    @BeforeAll
    static void startBrowser() throws Exception {
        driver = Chromium.start(Chromium.DESKTOP.width, Chromium.DESKTOP.height);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void a_secretary_edits_a_rule_and_sets_her_communitys_own_settings() throws Exception {
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "红星街道党工委");
        Organization community = organizations.createChild(street, OrganizationKind.COMMUNITY, "红星社区");
        Asset party = kinds.create(Caller.system(), community.id(), "PARTY", "党员积分", 10, false, "NEVER", null, null);
        PointsRule rule = rules.create(
                Caller.system(),
                new RuleInput(
                        party.id(),
                        community.id(),
                        "每日学习签到",
                        "STUDY_ACTION",
                        null,
                        null,
                        null,
                        "FIXED",
                        5,
                        null,
                        20L,
                        null,
                        null,
                        null,
                        "STUDY",
                        null,
                        null));
        settings.set(Caller.system(), street.id(), 30, List.of(100, 200, 500, 800, 1000));
        long secretary = users.createUser(Caller.system(), "rules-secretary", PASSWORD, null, false)
                .user()
                .id();
        users.grant(Caller.system(), secretary, Role.ORG_ADMIN, community.id());

        String base = server.getURI().toString();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        try {
            Chromium.signIn(driver, base, wait, "rules-secretary", PASSWORD);
            driver.get(base + "/points/rules");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("rules-edit-" + rule.id())))
                    .click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#rule-cap-week input")));
            assertThat(driver.findElement(By.id("rule-edit-note")).getText()).startsWith("保存后生成第 2 版");
            screenshot("rules-00-edit-form-prefilled");
            type("#rule-points input", "1");
            type("#rule-cap-week input", "1.25");
            wait.until(d -> d.findElement(By.id("rule-cap-week")).getDomAttribute("invalid") != null);
            screenshot("rules-01-edit-form-refused");
            type("#rule-cap-week input", "10");
            type("#rule-cap-month input", "30");
            wait.until(d -> d.findElement(By.id("rule-cap-week")).getDomAttribute("invalid") == null);
            screenshot("rules-02-edit-form");
            driver.findElement(By.id("rule-save")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules-grid"), "第 2 版"));
            assertThat(driver.findElement(By.id("rules-grid")).getText()).contains("每周上限 10 分", "每月上限 30 分");
            screenshot("rules-03-list-after-edit");
            driver.findElement(By.cssSelector("[id^='rules-history-']")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules-history-grid"), "已被新版本替代"));
            screenshot("rules-03b-history");
            driver.findElement(By.id("rules-history-close")).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("rules-history-grid")));

            Chromium.scrollTo(driver, "points-settings");
            assertThat(driver.findElement(By.id("points-settings-source")).getText())
                    .contains("红星街道党工委");
            screenshot("rules-04-settings-inherited");
            type("#points-settings-star-3 input", "150");
            wait.until(d -> d.findElement(By.id("points-settings-star-3")).getDomAttribute("invalid") != null);
            screenshot("rules-05-settings-refused");
            type("#points-settings-star-3 input", "600");
            type("#points-settings-threshold input", "80");
            driver.findElement(By.id("points-settings-save")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("points-settings-source"), "本组织自己的设置"));
            screenshot("rules-06-settings-saved");
            assertThat(settings.effective(Caller.system(), community.id()).approvalThreshold())
                    .isEqualTo(80);

            driver.manage().window().setSize(Chromium.PHONE);
            driver.navigate().refresh();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("points-settings")));
            Chromium.scrollTo(driver, "points-settings");
            screenshot("rules-07-settings-phone");
        } finally {
            driver.manage().window().setSize(Chromium.DESKTOP);
            driver.manage().deleteAllCookies();
        }
    }

    private static void type(String css, String text) {
        Chromium.type(driver, By.cssSelector(css), text);
    }

    private static void screenshot(String name) throws Exception {
        Chromium.screenshot(driver, name);
    }
}
