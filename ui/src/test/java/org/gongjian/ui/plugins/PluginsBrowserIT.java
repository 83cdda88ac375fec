package org.gongjian.ui.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.plugins.PluginHost;
import org.gongjian.plugins.PluginInstaller;
import org.gongjian.security.Accounts;
import org.gongjian.security.UserAdmin;
import org.gongjian.ui.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In a real headless Chromium: a platform administrator uploads the template plugin's jar on the
 * plugins page (the browser's own file upload), sees it running, uploads it again and reads why it
 * is refused; a secretary opens its page. Screenshots (desktop and 390×844) go to {@code
 * ui/target/screenshots} (plugins-*.png).
 */
@MicronautTest(transactional = false)
class PluginsBrowserIT {

    private static final String PASSWORD = "plugins-browser-password";
    private static final Path BUILT = Path.of("target/test-plugins/notice-board.jar");
    private static WebDriver driver;

    @Inject
    EmbeddedServer server;

    @Inject
    Accounts accounts;

    @Inject
    Organizations organizations;

    @Inject
    PluginHost host;

    @Inject
    PluginInstaller installer;

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

    @Inject
    io.micronaut.json.JsonMapper json;

    @Inject
    org.gongjian.points.PointKinds kinds;

    @Inject
    org.gongjian.members.Members members;

    @Inject
    org.gongjian.ledger.Ledger ledger;

    @AfterEach
    void uninstall() {
        for (String plugin : java.util.List.of("notice-board", "leifeng-market")) {
            if (host.find(plugin).isPresent()) {
                installer.uninstall(Caller.system(), plugin, false);
            }
        }
    }

    @Test
    void an_administrator_uploads_a_plugin_in_the_browser_and_a_secretary_opens_its_page() throws Exception {
        Organization community = organizations.createRoot(OrganizationKind.COMMUNITY, "幸福社区");
        accounts.createUser("plugins-platform", PASSWORD, false, Set.of(Role.PLATFORM_ADMIN));
        long secretary = users.createUser(Caller.system(), "plugins-secretary", PASSWORD, null, false)
                .user()
                .id();
        users.grant(Caller.system(), secretary, Role.ORG_ADMIN, community.id());

        String base = server.getURI().toString();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        Chromium.signIn(driver, base, wait, "plugins-platform", PASSWORD);
        driver.get(base + "/plugins");
        WebElement upload = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plugin-upload")));
        fileInput(upload).sendKeys(BUILT.toAbsolutePath().toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plugins-grid"), "notice-board"));
        assertThat(host.find("notice-board").orElseThrow().state()).isEqualTo("STARTED");
        Chromium.screenshot(driver, "plugins-01-installed");

        Path again =
                Files.copy(BUILT, Files.createTempDirectory("plugins-browser").resolve("notice-board-again.jar"));
        fileInput(upload).sendKeys(again.toAbsolutePath().toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("plugin-upload-error")));
        assertThat(driver.findElement(By.id("plugin-upload-error")).getText()).contains("已经在运行");
        Chromium.screenshot(driver, "plugins-02-refused");
        driver.manage().window().setSize(Chromium.PHONE);
        Chromium.screenshot(driver, "plugins-03-phone");
        driver.manage().window().setSize(Chromium.DESKTOP);

        driver.manage().deleteAllCookies();
        Chromium.signIn(driver, base, wait, "plugins-secretary", PASSWORD);
        driver.get(base + "/plugins/notice-board/notices");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice-board")));
        Chromium.type(driver, By.cssSelector("#notice-board-title input"), "周六上午九点社区卫生站义诊");
        driver.findElement(By.id("notice-board-post")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice-board-list"), "义诊"));
        Chromium.screenshot(driver, "plugins-04-notice-board");
        driver.manage().window().setSize(Chromium.PHONE);
        Chromium.screenshot(driver, "plugins-05-notice-board-phone");
        driver.manage().window().setSize(Chromium.DESKTOP);
    }

    @Test
    void staff_redeem_at_the_market_counter_on_a_tablet_and_a_phone() throws Exception {
        installer.install(Caller.system(), Files.newInputStream(Path.of("target/test-plugins/leifeng-market.jar")));
        Organization community = organizations.createRoot(OrganizationKind.COMMUNITY, "雷锋社区");
        Caller admin = new Caller(
                0,
                "counter-admin",
                null,
                java.util.List.of(new org.gongjian.access.Grant(Role.ORG_ADMIN, community.id(), community.path())));
        org.gongjian.ledger.Asset vol =
                kinds.create(admin, community.id(), "VOL", "志愿积分", 10, false, "NEVER", null, null);
        long resident = members.create(Caller.system(), org.gongjian.members.MemberInput.named(community.id(), "周大爷"))
                .id();
        var issuance = ledger.open(vol.id(), org.gongjian.ledger.OwnerType.ISSUANCE, community.id(), community.path());
        var account = ledger.open(vol.id(), org.gongjian.ledger.OwnerType.MEMBER, resident, "");
        ledger.post(new org.gongjian.ledger.Posting(
                0,
                "counter-award",
                community.id(),
                null,
                java.util.List.of(
                        org.gongjian.ledger.TransferSpec.of(issuance.id(), account.id(), 500, "TEST_AWARD", "TEST"))));
        org.gongjian.testing.Api api = new org.gongjian.testing.Api(server, json);
        org.gongjian.testing.TestUsers tokens = new org.gongjian.testing.TestUsers(users, api);
        String secretary = tokens.token("counter-secretary", Role.ORG_ADMIN, community, null);
        String market = "/api/plugins/leifeng-market/x/";
        var opened = api.post(
                market + "orgs/" + community.id() + "/markets",
                secretary,
                java.util.Map.of("name", "雷锋超市", "assetCode", "VOL"));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        Object marketId = api.object(opened).get("id");
        long oil = 0;
        for (var item : java.util.List.of(
                java.util.Map.of("name", "食用油", "category", "粮油", "unit", "瓶", "price", 15, "monthlyCap", 2),
                java.util.Map.of("name", "香皂", "category", "日用品", "unit", "块", "price", 3),
                java.util.Map.of("name", "挂面", "category", "粮油", "unit", "把", "price", 2.5))) {
            var added = api.post(market + "markets/" + marketId + "/items", secretary, item);
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            long id = ((Number) api.object(added).get("id")).longValue();
            oil = oil == 0 ? id : oil;
            api.post(
                    market + "markets/" + marketId + "/donations",
                    secretary,
                    java.util.Map.of(
                            "donor",
                            "幸福超市",
                            "lines",
                            java.util.List.of(java.util.Map.of("itemId", id, "quantity", 12))));
        }
        long staffId = users.createUser(Caller.system(), "counter-staff", PASSWORD, null, false)
                .user()
                .id();
        users.grant(Caller.system(), staffId, Role.ORG_STAFF, community.id());

        String base = server.getURI().toString();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.manage().deleteAllCookies();
        Chromium.signIn(driver, base, wait, "counter-staff", PASSWORD);
        driver.get(base + "/plugins/leifeng-market/counter");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("market-counter")));
        WebElement who = driver.findElement(By.cssSelector("#market-counter-member input"));
        who.sendKeys("周大爷");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-combo-box-item")));
        who.sendKeys(org.openqa.selenium.Keys.ARROW_DOWN, org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("market-counter-balance"), "50"));
        WebElement quantity = driver.findElement(By.cssSelector("#market-counter-quantity-" + oil + " input"));
        quantity.sendKeys(org.openqa.selenium.Keys.BACK_SPACE, "2", org.openqa.selenium.Keys.TAB);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("market-counter-total"), "30"));
        Chromium.screenshot(driver, "plugins-06-market-counter");
        Chromium.scrollTo(driver, "market-counter-redeem");
        driver.findElement(By.id("market-counter-redeem")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("market-counter-balance"), "20"));
        Chromium.screenshot(driver, "plugins-07-market-counter-redeemed");
        driver.manage().window().setSize(Chromium.PHONE);
        Chromium.screenshot(driver, "plugins-08-market-counter-phone");
        driver.manage().window().setSize(Chromium.DESKTOP);
        assertThat(ledger.find(vol.id(), org.gongjian.ledger.OwnerType.MEMBER, resident)
                        .orElseThrow()
                        .balance())
                .isEqualTo(200);

        // The resident reserves soap on the phone, the staff hand it out with the code, the books balance.
        long volunteer = users.createUser(Caller.system(), "counter-volunteer", PASSWORD, resident, false)
                .user()
                .id();
        users.grant(Caller.system(), volunteer, Role.VOLUNTEER, community.id());
        driver.manage().deleteAllCookies();
        driver.manage().window().setSize(Chromium.PHONE);
        Chromium.signIn(driver, base, wait, "counter-volunteer", PASSWORD);
        driver.get(base + "/me/plugins/leifeng-market/market");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("market-phone")));
        Chromium.screenshot(driver, "plugins-09-market-phone");
        WebElement reserve =
                wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[id^=market-phone-reserve-]")));
        reserve.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("market-phone-notice"), "取货码"));
        String notice = driver.findElement(By.id("market-phone-notice")).getText();
        String code = notice.substring(notice.length() - 8);
        Chromium.screenshot(driver, "plugins-10-market-phone-reserved");

        driver.manage().deleteAllCookies();
        driver.manage().window().setSize(Chromium.DESKTOP);
        Chromium.signIn(driver, base, wait, "counter-staff", PASSWORD);
        driver.get(base + "/plugins/leifeng-market/counter");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("market-counter")));
        // As a hand scanner does: the code typed into the scanner input, then Enter.
        driver.findElement(By.cssSelector("#market-counter-scan input"))
                .sendKeys(code.toLowerCase(java.util.Locale.ROOT), org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("market-counter-scanned"), "已核销"));
        Chromium.screenshot(driver, "plugins-11-market-counter-collected");
        var statement = api.get(market + "markets/" + marketId + "/statement", secretary);
        assertThat(api.object(statement)).containsEntry("balanced", true);
    }

    /** The file input inside the upload component's shadow root, as a user's file chooser fills it. */
    private static WebElement fileInput(WebElement upload) {
        return upload.getShadowRoot().findElement(By.cssSelector("input[type=file]"));
    }
}
