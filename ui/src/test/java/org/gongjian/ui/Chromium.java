package org.gongjian.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The headless Chromium of the browser journeys (Debian's chromium and chromedriver, installed by
 * {@code ./gongjian test}), in Chinese, with the steps every journey takes. Screenshots go to
 * {@code ui/target/screenshots}.
 */
public final class Chromium {

    public static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private Chromium() {}

    /** A new browser whose window is {@code width} × {@code height}. */
    public static WebDriver start(int width, int height) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(find("/usr/bin/chromium", "chromium"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--lang=zh-CN",
                "--window-size=" + width + "," + height);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        // The console is kept, so that a journey can check it (ContentSecurityPolicyBrowserIT).
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(find("/usr/bin/chromedriver", "chromedriver")))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** Signs in on the sign-in page as a user who needs no password change, and waits for the dashboard. */
    public static void signIn(WebDriver driver, String base, WebDriverWait wait, String username, String password) {
        driver.get(base + "/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#login-username input")));
        type(driver, By.cssSelector("#login-username input"), username);
        type(driver, By.cssSelector("#login-password input"), password);
        driver.findElement(By.id("login-submit")).click();
        acrossNavigation(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard")));
    }

    /**
     * A wait across a page load that the last action started: a command that the navigation
     * aborts ("aborted by navigation", a stale element) is tried again until the 30 s are up, when
     * the last problem is reported.
     */
    public static FluentWait<WebDriver> acrossNavigation(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
    }

    /** Replaces the text of a field and leaves it, as a person would. */
    public static void type(WebDriver driver, By field, String text) {
        WebElement input = driver.findElement(field);
        input.clear();
        input.sendKeys(text);
        input.sendKeys(Keys.TAB);
    }

    /** The window sizes the journeys look at: a desktop and a phone. */
    public static final Dimension DESKTOP = new Dimension(1280, 900);

    public static final Dimension PHONE = new Dimension(390, 844);

    /** Scrolls the element with this id into view (for a screenshot of it). */
    public static void scrollTo(WebDriver driver, String id) {
        ((JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    public static void screenshot(WebDriver driver, String name) throws IOException {
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String find(String path, String name) {
        if (Files.isExecutable(Paths.get(path))) {
            return path;
        }
        throw new IllegalStateException(
                name + " is not installed at " + path + ": run ./gongjian test, which installs it");
    }
}
