package org.gongjian.ui.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.Role;
import org.gongjian.ledger.Asset;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.points.Adjustments;
import org.gongjian.points.PointKinds;
import org.gongjian.security.UserAdmin;
import org.gongjian.timebank.TimeBank;
import org.gongjian.timebank.TimeBankRequests;
import org.gongjian.ui.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In a real headless Chromium: staff award points on a member's page and see the line in the
 * statement; a resident reads the red and black lists; a second administrator opens the approvals
 * inbox. Screenshots at desktop and phone width go to {@code ui/target/screenshots}.
 */
@MicronautTest(transactional = false)
class PointsBrowserIT {

    private static final String PASSWORD = "points-browser-password";
    private static WebDriver driver;

    @Inject
    EmbeddedServer server;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Inject
    PointKinds kinds;

    @Inject
    Adjustments adjustments;

    @Inject
    UserAdmin users;

    @Inject
    Callers callers;

    @Inject
    TimeBank timeBank;

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
    void staff_award_points_and_the_member_page_shows_the_line_then_the_board_and_the_inbox() throws Exception {
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "新华街道党工委");
        Organization community = organizations.createChild(street, OrganizationKind.COMMUNITY, "新华社区");
        // Negative allowed, like 信用积分: someone ends on the black list.
        Asset party = kinds.create(Caller.system(), community.id(), "PARTY", "党员积分", 10, true, "NEVER", null, null);
        long member = members.add(community.id(), "李秀英").id();
        String[] names = {"王建国", "张桂兰", "刘德明", "陈淑芬"};
        long[] points = {320, 185, 90, -50};
        for (int i = 0; i < names.length; i++) {
            long id = members.add(community.id(), names[i]).id();
            var seeded = adjustments.adjust(
                    Caller.system(),
                    "browser-seed-" + i,
                    new Adjustments.Request(
                            id, party.id(), null, points[i], null, points[i] > 0 ? "VOLUNTEER" : "CONDUCT", "社区志愿服务"));
            assertThat(seeded.status()).isEqualTo("POSTED");
        }
        long staff = user("points-staff", Role.ORG_STAFF, community, null);
        user("points-secretary", Role.ORG_ADMIN, community, null);
        user("points-resident", Role.VOLUNTEER, community, member);

        String base = server.getURI().toString();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        try {
            signIn(base, wait, "points-staff");
            driver.get(base + "/members/" + member);
            wait.until(ExpectedConditions.elementToBeClickable(By.id("points-adjust")))
                    .click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#adjust-amount input")));
            type(By.cssSelector("#adjust-amount input"), "1.25");
            wait.until(d -> d.findElement(By.id("adjust-amount")).getDomAttribute("invalid") != null);
            type(By.cssSelector("#adjust-amount input"), "12.5");
            type(By.cssSelector("#adjust-memo textarea"), "帮助独居老人买菜");
            screenshot("points-01-adjust-dialog");
            driver.findElement(By.id("adjust-save")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("points-statement-PARTY"), "帮助独居老人买菜"));
            assertThat(driver.findElement(By.id("points-balance-PARTY")).getText())
                    .isEqualTo("12.5 分");
            Chromium.scrollTo(driver, "points-section");
            screenshot("points-02-statement-desktop");
            driver.manage().window().setSize(Chromium.PHONE);
            driver.navigate().refresh();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("points-statement-PARTY"), "帮助独居老人买菜"));
            Chromium.scrollTo(driver, "points-statement-PARTY");
            screenshot("points-03-statement-phone");
            driver.manage().window().setSize(Chromium.DESKTOP);

            // The time bank on the same page: stars, and spending refused in words (no birth date).
            timeBank.deposit(
                    Caller.system(),
                    "browser-time",
                    new TimeBankRequests.Deposit(member, community.id(), 150L, "陪老人就医", "医院陪诊单", null, null));
            driver.navigate().refresh();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timebank-balance"), "2.5"));
            Chromium.scrollTo(driver, "timebank-card");
            screenshot("timebank-01-card-desktop");
            driver.findElement(By.id("timebank-move")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#move-minutes input")));
            type(By.cssSelector("#move-minutes input"), "30");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("move-save")));
            screenshot("timebank-02-move-dialog");
            driver.findElement(By.id("move-save")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.tagName("vaadin-notification-card"), "本人及配偶均未到可支取年龄"));
            screenshot("timebank-03-refused");
            driver.navigate().refresh();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timebank-balance"), "2.5"));

            // Above the threshold: waits for a second administrator.
            adjustments.adjust(
                    callers.forUser(staff),
                    "browser-large",
                    new Adjustments.Request(member, party.id(), null, 800, null, null, "抗洪抢险表现突出"));
            driver.manage().deleteAllCookies();
            signIn(base, wait, "points-secretary");
            driver.get(base + "/points/approvals");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("approvals-grid"), "抗洪抢险表现突出"));
            screenshot("points-04-approvals-desktop");
            driver.manage().window().setSize(Chromium.PHONE);
            driver.navigate().refresh();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("approvals-grid"), "抗洪抢险表现突出"));
            screenshot("points-05-approvals-phone");
            driver.manage().window().setSize(Chromium.DESKTOP);

            driver.manage().deleteAllCookies();
            signIn(base, wait, "points-resident");
            driver.get(base + "/points/rankings");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rankings-red"), "王建国"));
            assertThat(driver.findElement(By.id("rankings-black")).getText()).contains("陈淑芬", "-5 分");
            assertThat(driver.findElement(By.id("rankings-me")).getText()).contains("我的排名");
            screenshot("points-06-rankings-desktop");
            driver.manage().window().setSize(Chromium.PHONE);
            screenshot("points-07-rankings-phone");

            driver.get(base + "/points/mine");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("points-statement-PARTY"), "帮助独居老人买菜"));
            screenshot("points-08-my-points-phone");
        } finally {
            driver.manage().window().setSize(Chromium.DESKTOP);
            driver.manage().deleteAllCookies();
        }
    }

    private long user(String username, Role role, Organization org, Long memberId) {
        long id = users.createUser(Caller.system(), username, PASSWORD, memberId, false)
                .user()
                .id();
        users.grant(Caller.system(), id, role, org.id());
        return id;
    }

    private static void signIn(String base, WebDriverWait wait, String username) {
        Chromium.signIn(driver, base, wait, username, PASSWORD);
    }

    private static void type(By field, String text) {
        Chromium.type(driver, field, text);
    }

    private static void screenshot(String name) throws Exception {
        Chromium.screenshot(driver, name);
    }
}
