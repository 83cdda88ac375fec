package org.gongjian.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Set;
import org.gongjian.access.Role;
import org.gongjian.home.GongjianHome;
import org.gongjian.security.Accounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The administrator's first visit in a real headless Chromium (Debian's chromium and
 * chromedriver, installed by {@code ./gongjian test}): sign in with the printed password, choose a
 * new one, see the dashboard, the plugins page and the hello plugin's page. Screenshots go to
 * {@code ui/target/screenshots}.
 */
@MicronautTest(transactional = false)
class BrowserJourneyIT {

    private static WebDriver driver;

    @Inject
    EmbeddedServer server;

    @Inject
    GongjianHome home;

    @Inject
    Accounts accounts;

    @Inject
    org.gongjian.security.UserAdmin users;

    @Inject
    org.gongjian.organizations.Organizations organizations;

    @Inject
    org.gongjian.ids.IdGenerator ids;

    @Inject
    javax.sql.DataSource dataSource;

    @BeforeAll
    static void startBrowser() throws Exception {
        driver = Chromium.start(1280, 860);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void the_administrator_signs_in_changes_the_password_and_sees_the_dashboard() throws Exception {
        String base = server.getURI().toString();
        String initial =
                Files.readString(home.root().resolve("initial-admin-password")).strip();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));

        driver.get(base + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#login-username input")));
        assertThat(driver.getCurrentUrl()).endsWith("/login");
        screenshot("01-login");

        type(By.cssSelector("#login-username input"), "admin");
        type(By.cssSelector("#login-password input"), initial);
        driver.findElement(By.id("login-submit")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#password-new input")));
        type(By.cssSelector("#password-old input"), initial);
        type(By.cssSelector("#password-new input"), "短");
        wait.until(d -> d.findElement(By.id("password-new")).getDomAttribute("invalid") != null);
        screenshot("02-change-password-invalid");
        type(By.cssSelector("#password-new input"), "社区-volunteer-2026");
        type(By.cssSelector("#password-confirm input"), "社区-volunteer-2026");
        driver.findElement(By.id("password-submit")).click();

        WebElement dashboard = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dashboard"), "欢迎，admin"));
        assertThat(driver.findElement(By.id("metric-plugins")).getText()).isEqualTo("1");
        assertThat(dashboard.getText()).contains("组织数", "成员数", "已启用插件", "问候数");
        screenshot("03-dashboard");

        driver.get(base + "/plugins");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plugins-grid"), "hello"));
        screenshot("04-plugins");

        driver.get(base + "/plugins/hello/greetings");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("hello-view")));
        screenshot("05-hello-plugin");

        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(base + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard")));
        screenshot("06-dashboard-phone");
        driver.manage().window().setSize(new Dimension(1280, 860));
    }

    @Test
    void a_user_disabled_while_signed_in_is_sent_to_the_sign_in_page_with_the_reason() throws Exception {
        accounts.createUser("browser-staff", "browser-staff-password", false, Set.of(Role.ORG_STAFF));
        String base = server.getURI().toString();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.manage().deleteAllCookies();
        try {
            signIn(base, wait, "browser-staff", "browser-staff-password");

            accounts.disable("browser-staff");
            // A navigation inside the page (no reload): the guard signs the user out.
            // (not a plugin page: this staff account holds its role on no organization, so no plugin is on for it)
            driver.findElement(By.id("nav-organizations")).click();

            Chromium.acrossNavigation(driver)
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "该账户已停用"));
            assertThat(driver.getCurrentUrl()).contains("/login?signed-out=disabled");
            screenshot("07-signed-out-disabled");
            type(By.cssSelector("#login-username input"), "browser-staff");
            type(By.cssSelector("#login-password input"), "browser-staff-password");
            driver.findElement(By.id("login-submit")).click();
            Chromium.acrossNavigation(driver)
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "该账户已停用"));
        } finally {
            driver.manage().deleteAllCookies();
        }
    }

    @Test
    void a_secretary_imports_a_roster_and_finds_the_member_by_pinyin_initials() throws Exception {
        org.gongjian.organizations.Organization street =
                organizations.createRoot(org.gongjian.organizations.OrganizationKind.PARTY_COMMITTEE, "花果山街道党工委");
        org.gongjian.organizations.Organization community =
                organizations.createChild(street, org.gongjian.organizations.OrganizationKind.COMMUNITY, "花果山社区");
        long userId = accounts.createUser("browser-secretary", "browser-secretary-password", false, Set.of())
                .id();
        try (java.sql.Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(
                                dataSource)
                        .getConnection();
                java.sql.PreparedStatement s = c.prepareStatement(
                        "INSERT INTO role_grant (id, user_id, role, organization_id, created_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, ids.next());
            s.setLong(2, userId);
            s.setString(3, Role.ORG_ADMIN.name());
            s.setLong(4, community.id());
            s.setTimestamp(5, java.sql.Timestamp.from(java.time.Instant.now()));
            s.executeUpdate();
        }
        String first17 = "44030519950512345";
        String idNumber = first17 + org.gongjian.personaldata.IdNumbers.checkCharacter(first17);
        Path roster = Files.createDirectories(Paths.get("target"))
                .resolve("journey-roster.xlsx")
                .toAbsolutePath();
        try (java.io.OutputStream out = Files.newOutputStream(roster)) {
            org.dhatim.fastexcel.Workbook workbook = new org.dhatim.fastexcel.Workbook(out, "test", "1.0");
            org.dhatim.fastexcel.Worksheet sheet = workbook.newWorksheet("花名册");
            String[][] cells = {{"姓名*", "身份证号*", "所属组织*"}, {"孙悟空", idNumber, "花果山社区"}};
            for (int r = 0; r < cells.length; r++) {
                for (int col = 0; col < cells[r].length; col++) {
                    sheet.value(r, col, cells[r][col]);
                }
            }
            workbook.finish();
        }
        String base = server.getURI().toString();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.manage().deleteAllCookies();
        try {
            signIn(base, wait, "browser-secretary", "browser-secretary-password");

            driver.get(base + "/members/import");
            WebElement upload = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-upload")));
            java.util.List<WebElement> inputs = driver.findElements(By.cssSelector("vaadin-upload input[type=file]"));
            WebElement file = inputs.isEmpty()
                    ? upload.getShadowRoot().findElement(By.cssSelector("input[type=file]"))
                    : inputs.getFirst();
            file.sendKeys(roster.toString());

            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("import-summary"), "共 1 行，可导入 1 行，有问题 0 行"));
            screenshot("08-import-checked");
            driver.findElement(By.id("import-commit")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-done"), "新增 1 人"));
            screenshot("09-import-done");

            driver.findElement(By.id("import-to-members")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#members-search input")));
            type(By.cssSelector("#members-search input"), "swk");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("members-grid"), "孙悟空"));
            screenshot("10-member-found-by-initials");
        } finally {
            driver.manage().deleteAllCookies();
        }
    }

    @Test
    void a_secretary_creates_a_user_and_opens_a_user_on_desktop_and_phone() throws Exception {
        org.gongjian.organizations.Organization street =
                organizations.createRoot(org.gongjian.organizations.OrganizationKind.PARTY_COMMITTEE, "水帘洞街道党工委");
        org.gongjian.organizations.Organization community =
                organizations.createChild(street, org.gongjian.organizations.OrganizationKind.COMMUNITY, "水帘洞社区");
        org.gongjian.organizations.Organization grid =
                organizations.createChild(community, org.gongjian.organizations.OrganizationKind.GRID, "水帘洞一网格");
        long secretary = accounts.createUser("browser-users-sec", "browser-users-password", false, Set.of())
                .id();
        users.grant(org.gongjian.access.Caller.system(), secretary, Role.ORG_ADMIN, community.id());
        for (String name : new String[] {"liu.laoshi", "wang.ayi", "zhao-xiaoqiang"}) {
            long id = accounts.createUser(name, "browser-users-password", false, Set.of())
                    .id();
            users.grant(org.gongjian.access.Caller.system(), id, Role.VOLUNTEER, grid.id());
        }
        String base = server.getURI().toString();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.manage().deleteAllCookies();
        try {
            signIn(base, wait, "browser-users-sec", "browser-users-password");

            driver.findElement(By.id("nav-users")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("users-grid"), "wang.ayi"));
            screenshot("11-users");

            driver.findElement(By.id("users-new")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#users-username input")));
            type(By.cssSelector("#users-username input"), "孙悟空");
            wait.until(d -> d.findElement(By.id("users-username")).getDomAttribute("invalid") != null);
            screenshot("12-users-new-invalid");
            type(By.cssSelector("#users-username input"), "Sun.Wukong");
            driver.findElement(By.id("users-save")).click();
            WebElement password =
                    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#users-password input")));
            assertThat(password.getDomProperty("value")).hasSize(16);
            screenshot("13-users-one-time-password");
            driver.findElement(By.id("users-done")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("users-grid"), "sun.wukong"));

            driver.findElements(By.cssSelector("#users-grid vaadin-grid-cell-content")).stream()
                    .filter(cell -> cell.getText().startsWith("wang.ayi"))
                    .findFirst()
                    .orElseThrow()
                    .click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("users-disable")));
            screenshot("14-user-dialog");
            driver.findElement(By.id("users-close")).click();

            driver.manage().window().setSize(new Dimension(390, 844));
            driver.get(base + "/users");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("users-grid"), "wang.ayi"));
            screenshot("15-users-phone");
            driver.findElements(By.cssSelector("#users-grid vaadin-grid-cell-content")).stream()
                    .filter(cell -> cell.getText().startsWith("wang.ayi"))
                    .findFirst()
                    .orElseThrow()
                    .click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("users-disable")));
            screenshot("16-user-dialog-phone");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 860));
            driver.manage().deleteAllCookies();
        }
    }

    private static void signIn(String base, WebDriverWait wait, String username, String password) {
        Chromium.signIn(driver, base, wait, username, password);
    }

    private static void type(By field, String text) {
        Chromium.type(driver, field, text);
    }

    private static void screenshot(String name) throws Exception {
        Chromium.screenshot(driver, name);
    }
}
