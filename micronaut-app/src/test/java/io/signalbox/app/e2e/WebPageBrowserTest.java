package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.JobsClient.json;
import static io.signalbox.app.e2e.JobsClient.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.opentest4j.AssertionFailedError;

/**
 * The web page in a real browser (headless Chromium) against the whole system: sign in, upload, follow, read the
 * summary and charts, download once, and the refusals a user meets. Needs Chromium and chromedriver (see
 * {@link Browser}); screenshots go to {@code target/screenshots/}.
 */
class WebPageBrowserTest {

    private static final Duration PROCESSING = Duration.ofSeconds(240);
    private static final long BIG_FILE_BYTES = 200L * 1024 * 1024;
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static Browser browser;
    private static RunningSignalbox signalbox;
    private static JobsClient jobs;
    private static Path files;

    @BeforeAll
    static void start() throws IOException {
        browser = Browser.start();
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(60)).start(Map.of(
                "signalbox.cleanup.interval-millis", 500,
                "signalbox.download.grace", "2s"));
        jobs = new JobsClient(signalbox);
        files = Files.createTempDirectory("signalbox-page");
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (signalbox != null) {
            signalbox.close();
        }
        if (files != null) {
            try (var all = Files.walk(files)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void signsInWithAKeyKeptInTheTabOnly() {
        ChromeDriver page = browser.driver();
        page.get(signalbox.uri("/").toString());
        js("sessionStorage.clear()");
        page.navigate().refresh();
        WebElement key = await("the sign-in form", () -> page.findElements(By.id("api-key")).stream().findFirst().orElse(null));
        key.sendKeys("sbx_not_a_key");
        page.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(await("the sign-in error", () -> text("#sign-in-error"))).contains("not valid");

        signIn();
        await("the job list", () -> page.findElements(By.id("jobs-title")).isEmpty() ? null : true);
        assertThat(js("return sessionStorage.getItem('signalbox.apiKey')")).isEqualTo(RunningSignalbox.API_KEY);
        assertThat(js("return document.cookie")).isEqualTo("");
        assertThat(js("return localStorage.length")).isEqualTo(0L);
        assertThat(page.getCurrentUrl()).doesNotContain(RunningSignalbox.API_KEY);
    }

    @Test
    void uploadsASampleAndA200MegabyteFileWithProgressAndFollowsThemToSucceeded() throws Exception {
        Path small = write("prices.csv", sample("prices.csv"));
        Path big = generatedPrices(files.resolve("big-prices.csv"), BIG_FILE_BYTES);
        signIn();
        js("""
                window.__progress = {};
                new MutationObserver((records) => {
                  for (const record of records) {
                    const item = record.target;
                    if (!item.classList || !item.classList.contains('upload')) continue;
                    const name = item.querySelector('.name').textContent;
                    (window.__progress[name] = window.__progress[name] || [])
                        .push([Number(item.dataset.sent), Number(item.dataset.total), item.dataset.state]);
                  }
                }).observe(document.getElementById('uploads'),
                    {attributes: true, subtree: true, attributeFilter: ['data-sent', 'data-state']});
                """);
        browser.driver().findElement(By.id("files")).sendKeys(small + "\n" + big);
        browser.driver().findElement(By.id("upload")).click();

        boolean shotDuringUpload = false;
        Instant deadline = Instant.now().plus(PROCESSING);
        while (!"done".equals(js("return document.querySelector('.upload[data-state=done] .name') && "
                + "[...document.querySelectorAll('.upload')].every(u => u.dataset.state === 'done') ? 'done' : null"))) {
            Object state = js("return [...document.querySelectorAll('.upload')].map(u => u.dataset.state).join(',')");
            assertThat(String.valueOf(state)).as(() -> "the uploads: "
                    + js("return [...document.querySelectorAll('.upload')].map(u => u.textContent).join(' | ')"))
                    .doesNotContain("failed");
            Long bigPercent = percentOf("big-prices.csv");
            if (!shotDuringUpload && bigPercent != null && bigPercent >= 40) {
                browser.screenshot(SCREENSHOTS.resolve("page-upload.png"));
                shotDuringUpload = true;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionFailedError("uploads did not finish: " + state);
            }
            JobsClient.pause(Duration.ofMillis(50));
        }
        if (!shotDuringUpload) {
            browser.screenshot(SCREENSHOTS.resolve("page-upload.png"));
        }

        @SuppressWarnings("unchecked")
        Map<String, List<List<Object>>> progress = (Map<String, List<List<Object>>>) js("return window.__progress");
        for (Path file : List.of(small, big)) {
            List<List<Object>> events = progress.get(file.getFileName().toString());
            assertThat(events).as("progress events of " + file.getFileName()).isNotEmpty();
            long total = ((Number) events.get(0).get(1)).longValue();
            assertThat(total).isEqualTo(Files.size(file));
            long previous = 0;
            for (List<Object> event : events) {
                long sent = ((Number) event.get(0)).longValue();
                assertThat(sent).as("bytes sent never go back").isGreaterThanOrEqualTo(previous);
                previous = sent;
            }
            assertThat(previous).as("the last event reaches 100 %").isEqualTo(total);
        }
        long bigEvents = progress.get("big-prices.csv").stream().map(e -> ((Number) e.get(0)).longValue()).distinct().count();
        assertThat(bigEvents).as("distinct progress values of the 200 MB upload").isGreaterThan(5);

        String smallId = jobIdOf("prices.csv");
        String bigId = jobIdOf("big-prices.csv");
        List<Long> percents = new ArrayList<>();
        boolean shotWhileProcessing = false;
        List<JsonNode> processing = new ArrayList<>();
        deadline = Instant.now().plus(PROCESSING);
        while (!"SUCCEEDED".equals(rowStatus(bigId)) || !"SUCCEEDED".equals(rowStatus(smallId))) {
            assertThat(rowStatus(bigId)).isNotEqualTo("FAILED");
            Object shown = js("const p = document.querySelector('tr[data-job=\"" + bigId + "\"] .job-progress');"
                    + " return p ? Number(p.dataset.percent) : null");
            if (shown != null) {
                if (!shotWhileProcessing && (Long) shown >= 10) {
                    js("document.getElementById('jobs-title').scrollIntoView()");
                    browser.screenshot(SCREENSHOTS.resolve("page-jobs.png"));
                    shotWhileProcessing = true;
                }
                percents.add((Long) shown);
            }
            JsonNode job = jobs.job(bigId);
            if (job.get("status").asText().equals("PROCESSING") && job.has("progress")
                    && job.get("progress").has("percent")) {
                processing.add(job);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionFailedError("jobs did not succeed: " + jobs.job(bigId));
            }
            JobsClient.pause(Duration.ofMillis(200));
        }
        assertThat(percents).as("percentages the list showed while the 200 MB job was processing").isNotEmpty()
                .allSatisfy(p -> assertThat(p).isBetween(0L, 99L));
        long rows = jobs.job(bigId).get("rows").asLong();
        assertThat(processing).as("the API's progress while processing").isNotEmpty().allSatisfy(job ->
                assertThat(job.get("progress").get("rowsExpected").asLong()).as("estimated rows of " + rows)
                        .isBetween((long) (rows * 0.9), (long) (rows * 1.1)));
    }

    @Test
    void showsTheSummaryDownloadsTheResultAndDeletesItOnAcknowledgement() throws Exception {
        String id = uploadedAndSucceeded("prices.csv");
        signIn();
        browser.driver().get(signalbox.uri("/#/jobs/" + id).toString());
        await("the figures table", () -> browser.driver().findElements(By.cssSelector("#figures tbody tr")).size() > 1 ? true : null);
        JsonNode summary = json(jobs.get("/v1/jobs/" + id + "/summary").body());
        for (String symbol : List.of("AAPL", "MSFT")) {
            assertThat(summary.get("symbols").has(symbol)).isTrue();
            String row = text("#figures tr[data-symbol=\"" + symbol + "\"]");
            assertThat(row).contains(String.format("%.2f", summary.get("symbols").get(symbol).get("sharpe").asDouble()));
            assertThat(row).contains(String.valueOf(summary.get("symbols").get(symbol).get("trades").asLong()));
        }
        assertThat(text("#once-warning")).contains("download this result once").contains("deleted");
        assertThat(browser.driver().findElements(By.id("conventions"))).hasSize(1);
        assertThat(summary.has("curves")).as("the summary's equity curves").isTrue();
        awaitChartsDrawn();
        browser.screenshot(SCREENSHOTS.resolve("page-job.png"));
        browser.driver().executeScript("document.getElementById('charts').scrollIntoView()");
        browser.screenshot(SCREENSHOTS.resolve("page-charts.png"));
        browser.driver().executeScript("window.scrollTo(0, 0)");

        long resultBytes = jobs.job(id).get("resultBytes").asLong();
        browser.driver().findElement(By.id("download")).click();
        assertThat(await("the download's outcome", () -> text("#downloaded"))).contains("Downloaded");
        Path saved = await("the downloaded file", () -> {
            try (var listing = Files.list(browser.downloads())) {
                return listing.filter(f -> f.getFileName().toString().endsWith(".result.csv"))
                        .filter(f -> sizeOf(f) == resultBytes).findFirst().orElse(null);
            }
        });
        assertThat(Files.readString(saved, StandardCharsets.UTF_8)).startsWith("date,symbol,open");

        assertThat(await("the grace window", () -> text("#grace"))).contains("downloaded again until");
        browser.driver().findElement(By.id("acknowledge")).click();
        String receipt = await("the deletion receipt", () -> text("#receipt"));
        assertThat(receipt).contains("Files deleted").contains("you confirmed that you have the result");
        JsonNode acknowledged = jobs.job(id);
        assertThat(acknowledged.get("deletedBecause").asText()).isEqualTo("acknowledged");
        assertThat(acknowledged.get("deletedKeys")).isNotEmpty();
        HttpResponse<String> again = jobs.get("/v1/jobs/" + id + "/result");
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(json(again.body()).get("error").asText()).isEqualTo("gone");
        assertThat(browser.driver().findElements(By.id("download"))).as("nothing left to download").isEmpty();
    }

    @Test
    void drawsAnEquityAndADrawdownChartPerSymbol() {
        String id = uploadedAndSucceeded("prices.csv");
        JsonNode summary = json(jobs.get("/v1/jobs/" + id + "/summary").body());
        Assumptions.assumeTrue(summary.has("curves"), "the summary has no curves yet: the engine does not write them");
        signIn();
        browser.driver().get(signalbox.uri("/#/jobs/" + id).toString());
        awaitChartsDrawn();
        assertThat(browser.driver().findElements(By.cssSelector("#charts figure")))
                .hasSize(2 * summary.get("curves").size());
    }

    @Test
    void showsTheLineAndColumnOfAFileThatCannotBeRead() {
        Path bad = write("prices-bad-number.csv", sample("prices-bad-number.csv"));
        signIn();
        browser.driver().findElement(By.id("files")).sendKeys(bad.toString());
        browser.driver().findElement(By.id("upload")).click();
        String id = await("the upload's job", () -> {
            for (WebElement link : browser.driver().findElements(By.cssSelector(".upload .outcome a"))) {
                String jobId = link.getAttribute("href").replaceAll(".*#/jobs/", "");
                if (jobs.job(jobId).get("inputName").asText().equals("prices-bad-number.csv")) {
                    return jobId;
                }
            }
            return null;
        });
        String failure = await("the failure in the job list",
                () -> text("tr[data-job=\"" + id + "\"][data-status=FAILED] .failure"));
        assertThat(failure).contains("prices-bad-number.csv line 3").contains("column \"close\"");
    }

    @Test
    void refusesAnInvalidRecipeBeforeUploadingAnything() throws Exception {
        Path file = write("never-sent.csv", sample("prices.csv"));
        signIn();
        long before = countJobs();
        ChromeDriver page = browser.driver();
        page.findElement(By.cssSelector("label[for=mode-custom]")).click();
        WebElement recipe = page.findElement(By.id("recipe"));
        recipe.sendKeys("{\"version\": 1, \"indicators\": [{\"type\": \"sma\", \"window\": -3}]}");
        page.findElement(By.id("files")).sendKeys(file.toString());
        page.findElement(By.id("upload")).click();
        String problem = await("the recipe's problem", () -> text("#upload-feedback .problem"));
        assertThat(problem).contains("nothing was uploaded").contains("$.indicators[0].window");
        assertThat(page.findElements(By.xpath("//li[contains(@class,'upload')][.//span[text()='never-sent.csv']]"))).isEmpty();
        assertThat(countJobs()).isEqualTo(before);
    }

    @Test
    void labelsEveryControlFetchesNothingFromElsewhereAndFitsAPhone() {
        signIn();
        Object unlabelled = js("return [...document.querySelectorAll('input, select, textarea, button')]"
                + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())"
                + ".map(e => e.id || e.outerHTML)");
        assertThat((List<?>) unlabelled).isEmpty();
        Object foreign = js("return performance.getEntriesByType('resource').map(r => r.name)"
                + ".filter(n => !n.startsWith(location.origin))");
        assertThat((List<?>) foreign).as("requests to other origins").isEmpty();
        // A desktop window cannot be narrower than 500 px: a phone's width is emulated.
        browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        try {
            browser.driver().navigate().refresh();
            await("the job list", () -> browser.driver().findElements(By.id("jobs-title")).isEmpty() ? null : true);
            assertThat(js("return window.innerWidth")).isEqualTo(390L);
            Object overflow = js("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(((Number) overflow).longValue()).as("horizontal overflow at 390 px").isLessThanOrEqualTo(0);
        } finally {
            browser.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private static void signIn() {
        ChromeDriver page = browser.driver();
        page.get(signalbox.uri("/").toString());
        await("the page", () -> page.findElements(By.id("api-key")).isEmpty()
                && page.findElements(By.id("jobs-title")).isEmpty() ? null : true);
        if (!page.findElements(By.id("api-key")).isEmpty()) {
            page.findElement(By.id("api-key")).sendKeys(RunningSignalbox.API_KEY);
            page.findElement(By.cssSelector("form button[type=submit]")).click();
        }
        await("the upload form", () -> page.findElements(By.id("upload-form")).isEmpty() ? null : true);
    }

    private static void awaitChartsDrawn() {
        await("charts with drawn pixels", () -> {
            Object drawn = js("const canvases = [...document.querySelectorAll('#charts canvas')];"
                    + " if (canvases.length === 0) return null;"
                    + " return canvases.every(c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                    + " for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) return true; } return false; });");
            return Boolean.TRUE.equals(drawn) ? true : null;
        });
    }

    private static String uploadedAndSucceeded(String name) {
        HttpResponse<String> accepted = jobs.upload(sample(name), "?name=" + name);
        String id = json(accepted.body()).get("id").asText();
        jobs.awaitStatus(id, PROCESSING, "SUCCEEDED");
        return id;
    }

    private static Long percentOf(String name) {
        Object value = js("const item = [...document.querySelectorAll('.upload')]"
                + ".find(u => u.querySelector('.name').textContent === '" + name + "');"
                + " return item && item.dataset.state === 'uploading' ? Number(item.dataset.percent) : null");
        return value == null ? null : ((Number) value).longValue();
    }

    private static String jobIdOf(String name) {
        return (String) js("const item = [...document.querySelectorAll('.upload')]"
                + ".find(u => u.querySelector('.name').textContent === '" + name + "');"
                + " return item.querySelector('.outcome a').getAttribute('href').replace('#/jobs/', '')");
    }

    private static String rowStatus(String id) {
        return (String) js("const row = document.querySelector('tr[data-job=\"" + id + "\"]'); return row ? row.dataset.status : null");
    }

    private static long countJobs() {
        return json(jobs.get("/v1/jobs?limit=200").body()).get("jobs").size();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script);
    }

    private static String text(String selector) {
        List<WebElement> found = browser.driver().findElements(By.cssSelector(selector));
        return found.isEmpty() ? null : found.get(0).getText();
    }

    /** Polls until the supplier answers something other than null. */
    private static <T> T await(String what, ThrowingSupplier<T> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        Throwable last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                T value = condition.get();
                if (value != null) {
                    return value;
                }
            } catch (Exception | AssertionError e) {
                last = e;
            }
            JobsClient.pause(Duration.ofMillis(100));
        }
        throw new AssertionFailedError("waited 90 s for " + what + (last == null ? "" : ": " + last), last);
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static Path write(String name, byte[] content) {
        try {
            return Files.write(files.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Prices of four symbols, minute by minute, until the file has at least the given size; written as it goes, in
     * whole cents from a table of waves so that writing 200 MB takes seconds, not minutes.
     */
    private static Path generatedPrices(Path file, long bytes) throws IOException {
        long[] wave = new long[4096];
        for (int k = 0; k < wave.length; k++) {
            wave[k] = 10_000 + Math.round(1_500 * Math.sin(k * 2 * Math.PI * 7 / wave.length)
                    + 400 * Math.sin(k * 2 * Math.PI * 61 / wave.length));
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write("timestamp,symbol,open,high,low,close,volume\n");
            StringBuilder line = new StringBuilder(96);
            long written = 0;
            for (long i = 0; written < bytes; i++) {
                long close = wave[(int) ((i / 4 + 97 * (i % 4)) % wave.length)];
                line.setLength(0);
                line.append(1_735_689_600L + (i / 4) * 60L).append(",SYM").append(i % 4).append(',');
                cents(line, close - 3).append(',');
                cents(line, close + 12).append(',');
                cents(line, close - 15).append(',');
                cents(line, close).append(',').append(1000 + i % 7919).append('\n');
                out.append(line);
                written += line.length();
            }
        }
        return file;
    }

    private static StringBuilder cents(StringBuilder line, long cents) {
        long fraction = cents % 100;
        return line.append(cents / 100).append('.').append(fraction < 10 ? "0" : "").append(fraction);
    }
}
