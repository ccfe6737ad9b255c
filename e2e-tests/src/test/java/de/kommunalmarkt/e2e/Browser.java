package de.kommunalmarkt.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's browser on the web front end: Debian's chromium, headless, driven through chromedriver
 * (paths from {@code -Dchromium.path} / {@code -Dchromedriver.path}, which {@code ./kommunalmarkt test}
 * passes; else /usr/bin). Logs in at Keycloak's real form, keeps a screenshot of every page it is asked
 * to, and runs axe-core ({@code -Daxe.script}) on a page: serious and critical violations are collected.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final AtomicInteger SHOTS = new AtomicInteger();

    private final ChromeDriver driver;
    private final String web;
    private final Path profile;
    final List<String> visited = new ArrayList<>();

    Browser(LocalStack stack) {
        this.web = stack.url("web", "");
        Path chromium = tool("chromium.path", "/usr/bin/chromium", "chromium");
        Path chromedriver = tool("chromedriver.path", "/usr/bin/chromedriver", "chromium-driver");
        try {
            profile = Files.createTempDirectory("km-browser");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // the flags this machine's closed network needs (no background connections), a fresh profile, German
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,1000", "--lang=de-DE", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    private static Path tool(String property, String fallback, String debianPackage) {
        Path path = Path.of(System.getProperty(property, fallback));
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(path + " not found: the browser tests need Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver; ./kommunalmarkt test installs them when it runs as root), or -D"
                    + property + "=... (package " + debianPackage + ")");
        }
        return path;
    }

    String web() {
        return web;
    }

    /** Opens a page of the web front end (path from its root). */
    Browser open(String path) {
        driver.get(web + path);
        visited.add(driver.getCurrentUrl());
        return this;
    }

    /** Logs in as a realm user (password demo) through Keycloak's log-in form; returns on the user's first page. */
    Browser login(String user) {
        driver.get(web + "/anmelden");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        visited.add(driver.getCurrentUrl());
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(LocalStack.DEMO_PASSWORD);
        driver.findElement(By.id("kc-login")).click();
        wait.until(d -> d.getCurrentUrl().startsWith(web) && !d.getCurrentUrl().contains("/anmelden"));
        visited.add(driver.getCurrentUrl());
        return this;
    }

    String url() {
        return driver.getCurrentUrl();
    }

    String title() {
        return driver.getTitle();
    }

    WebElement find(String id) {
        return driver.findElement(By.id(id));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean has(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    String text(String id) {
        return find(id).getText();
    }

    /** Waits (up to the timeout) until an element with this id is on the page as it is now (no reload). */
    WebElement await(String id, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    /** Waits until the element's text satisfies the condition, without reloading. */
    void awaitText(String id, Duration timeout, java.util.function.Predicate<String> condition) {
        new WebDriverWait(driver, timeout).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> !d.findElements(By.id(id)).isEmpty() && condition.test(d.findElement(By.id(id)).getText()));
    }

    void type(String id, String text) {
        WebElement field = find(id);
        field.clear();
        field.sendKeys(text);
    }

    /** Sets a field by script (date and month inputs take keyboard input in the browser's locale format). */
    void set(String id, String value) {
        ((JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    /** Clicks and waits for the page the click loads (a form submit, a link). */
    void clickAndLoad(String id) {
        clickAndLoad(find(id));
    }

    /** Clicks an element found on the page and waits for the page the click loads. */
    void clickAndLoad(WebElement element) {
        WebElement old = driver.findElement(By.tagName("html"));
        element.click();
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.stalenessOf(old));
        visited.add(driver.getCurrentUrl());
    }

    /**
     * Fills one field of a form and submits it in one step of the page's script, so a live part of the page
     * (the operator's board reloading its table) cannot replace the form in between; waits for the answer page.
     */
    void submitWith(String formId, String name, String value) {
        WebElement old = driver.findElement(By.tagName("html"));
        ((JavascriptExecutor) driver).executeScript("""
                const form = document.getElementById(arguments[0]);
                form.querySelector('[name="' + arguments[1] + '"]').value = arguments[2];
                form.requestSubmit();""", formId, name, value);
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.stalenessOf(old));
        visited.add(driver.getCurrentUrl());
    }

    /** Submits the form with this id (its first submit button) and waits for the answer page. */
    void submit(String formId) {
        WebElement old = driver.findElement(By.tagName("html"));
        find(formId).findElement(By.cssSelector("button[type=submit], button:not([type])")).click();
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.stalenessOf(old));
        visited.add(driver.getCurrentUrl());
    }

    /** The HTTP status the front end answers this browser (its session cookie) for a page, without following redirects. */
    int status(String path) {
        Object status = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {redirect: 'manual', credentials: 'same-origin'})
                  .then(r => done(r.type === 'opaqueredirect' ? 302 : r.status)).catch(e => done(-1));""", web + path);
        return ((Number) status).intValue();
    }

    /** A request the page's own script could make (same origin, with the session cookie): status and body. */
    Map<String, Object> fetch(String method, String path, String formBody) {
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const init = {method: arguments[1], redirect: 'manual', credentials: 'same-origin'};
                if (arguments[2] !== null) {
                  init.body = arguments[2];
                  init.headers = {'Content-Type': 'application/x-www-form-urlencoded'};
                }
                fetch(arguments[0], init).then(r => r.text().then(t => done({status: r.status, body: t})))
                  .catch(e => done({status: -1, body: String(e)}));""", web + path, method, formBody);
        return answer;
    }

    /** Keeps a screenshot of the page as it is now: target/screenshots/NN-name.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(String.format("%02d-%s.png", SHOTS.incrementAndGet(), name));
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A full-page screenshot at a given width (the README's picture, a phone-sized view). */
    Path screenshotAt(String name, int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
        try {
            return screenshot(name);
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }
    }

    /**
     * axe-core (WCAG 2.0/2.1 A and AA rules) over the page as it is now: the serious and critical
     * violations, each as "rule (impact): help — first target", empty when there are none.
     */
    List<String> accessibilityViolations() {
        JavascriptExecutor js = driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe !== 'undefined';"))) {
            js.executeScript(axeScript());
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                  .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => ({id: v.id, impact: v.impact, help: v.help,
                                 target: v.nodes.length ? String(v.nodes[0].target) : ''}))))
                  .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), target: ''}]));""");
        List<String> found = new ArrayList<>();
        for (Map<String, Object> v : violations) {
            found.add(v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " — " + v.get("target"));
        }
        return found;
    }

    private static String axeSource;

    private static synchronized String axeScript() {
        if (axeSource == null) {
            String configured = System.getProperty("axe.script", "");
            Path path = configured.isBlank() ? null : Path.of(configured);
            if (path == null || !Files.isReadable(path)) {
                throw new IllegalStateException("axe-core not found (" + configured + "): ./kommunalmarkt test installs it from npm "
                        + "and passes -Daxe.script=.../node_modules/axe-core/axe.min.js");
            }
            try {
                axeSource = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axeSource;
    }

    /** Visits a page and records its axe violations (and a screenshot) under the page's name. */
    void audit(String name, Map<String, List<String>> report) {
        screenshot(name);
        List<String> violations = accessibilityViolations();
        if (!violations.isEmpty()) {
            report.computeIfAbsent(name + " (" + driver.getCurrentUrl().replace(web, "") + ")", k -> new ArrayList<>()).addAll(violations);
        }
    }

    static Map<String, List<String>> newReport() {
        return new LinkedHashMap<>();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
