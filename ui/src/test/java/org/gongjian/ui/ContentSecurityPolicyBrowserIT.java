package org.gongjian.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gongjian.access.Role;
import org.gongjian.security.Accounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages' Content-Security-Policy is one Vaadin works under: in a real headless Chromium an
 * administrator signs in and opens the main pages, and the console holds no policy violation.
 */
@MicronautTest(transactional = false)
class ContentSecurityPolicyBrowserIT {

    private static WebDriver driver;

    @Inject
    EmbeddedServer server;

    @Inject
    Accounts accounts;

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
    void an_administrator_signs_in_and_uses_the_pages_without_a_single_policy_violation() throws Exception {
        String base = server.getURI().toString();
        var page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .get()
                .asString()
                .contains("default-src 'self'", "object-src 'none'", "frame-ancestors 'self'");

        accounts.createUser("csp-admin", "csp-admin-password", false, Set.of(Role.PLATFORM_ADMIN));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        Chromium.signIn(driver, base, wait, "csp-admin", "csp-admin-password");
        List<String> violations = new ArrayList<>(violations());
        for (String path : List.of("organizations", "members", "users", "points/rules", "audit", "plugins")) {
            driver.get(base + "/" + path);
            Chromium.acrossNavigation(driver)
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-app-layout")));
            // Let the page finish its round trips (grids fetch their rows after the first render).
            Thread.sleep(700);
            violations.addAll(violations());
        }
        Chromium.screenshot(driver, "csp-last-page");

        assertThat(violations).isEmpty();

        // The check sees a violation when there is one: an image from another origin is refused
        // by the policy before any request leaves the browser.
        ((JavascriptExecutor) driver)
                .executeScript("var i = document.createElement('img'); i.src = 'http://example.invalid/x.png';"
                        + " document.body.appendChild(i);");
        Thread.sleep(300);
        assertThat(violations()).isNotEmpty();
    }

    /** Console lines about the Content-Security-Policy since the last call. */
    private static List<String> violations() {
        List<String> found = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            String message = entry.getMessage();
            if (message.contains("Content Security Policy") || message.contains("Refused to")) {
                found.add(message);
            }
        }
        return found;
    }
}
