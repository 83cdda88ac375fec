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

    @AfterEach
    void uninstall() {
        if (host.find("notice-board").isPresent()) {
            installer.uninstall(Caller.system(), "notice-board", false);
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

    /** The file input inside the upload component's shadow root, as a user's file chooser fills it. */
    private static WebElement fileInput(WebElement upload) {
        return upload.getShadowRoot().findElement(By.cssSelector("input[type=file]"));
    }
}
