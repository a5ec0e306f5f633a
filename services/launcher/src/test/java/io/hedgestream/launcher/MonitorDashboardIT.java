package io.hedgestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.monitor.MonitorConfig;
import io.hedgestream.monitor.MonitorService;
import io.hedgestream.schemas.Topics;
import io.hedgestream.testkit.KafkaFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The monitor as a person sees it: {@code hedge demo} (feed, engine, paper gateway and monitor) on the test
 * run's shared broker, its dashboard opened in headless Chromium. The feed stops after a fixed number of ticks,
 * so the pipeline comes to rest while the dashboard keeps serving, and what the page shows can be compared
 * with what the topics hold.
 */
@ExtendWith(KafkaFixture.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitorDashboardIT {

  private static final String SYMBOL = "MONA";
  private static final Path TARGET = Path.of("target");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final StringWriter PRINTED = new StringWriter();
  private static StopSignal stop;
  private static CompletableFuture<Void> demo;
  private static ChromeDriver browser;
  private static String url;
  private static MonitorService before;
  private static Map<String, Long> totalsBeforeRestart;

  @BeforeAll
  static void startTheDemoAndOpenTheDashboard() throws Exception {
    KafkaFixture.createTopics(1, Topics.allNames());
    // Another test's kill switch for every symbol ("*") may be on this shared broker; the engine would honour it.
    assertThat(runHedge("control", "resume", "--operator", "monitor-it", "--bootstrap-servers",
        KafkaFixture.bootstrapServers())).startsWith("0|");
    Properties props = new Properties();
    props.putAll(DemoConfig.serviceDefaults());
    // Over FIX to the paper venue: the gateway then exports its FIX session's metrics too.
    props.putAll(DemoCommand.routeOptions("fix"));
    props.putAll(Map.of(
        "demo.duration", "240s",
        "demo.bootstrap.servers", KafkaFixture.bootstrapServers(),
        "engine.application.id", "monitor-it",
        "gateway.group-id", "monitor-it-gateway",
        "feed.run-id", "monitor-it",
        "feed.symbols", SYMBOL + ",MONB",
        "feed.max-ticks", "4000",
        "monitor.http.port", "0"));
    stop = StopSignal.install();
    DemoRunner runner = new DemoRunner(DemoConfig.from(props), props, new PrintWriter(PRINTED, true));
    demo = CompletableFuture.runAsync(() -> {
      try {
        runner.run(stop);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    await("the demo's first line", Duration.ofSeconds(60), () -> PRINTED.toString().contains("monitor at "));
    String first = PRINTED.toString().lines().findFirst().orElseThrow();
    Matcher m = Pattern.compile("monitor at (http://\\S+/)").matcher(first);
    assertThat(m.find()).as("the dashboard's address on the demo's first line: " + first).isTrue();
    url = m.group(1);
    before = MonitorService.start(MonitorConfig.from(props(Map.of("monitor.http.port", "0",
        "monitor.bootstrap.servers", KafkaFixture.bootstrapServers())), Map.of()));
    browser = HeadlessChromium.start(1600, 2600);
    browser.get(url);
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (before != null) {
      before.close();
    }
    if (stop != null) {
      stop.requestStop();
      demo.get(90, TimeUnit.SECONDS);
      stop.close();
    }
  }

  @Test
  @Order(1)
  void theBooksAppearAndTheirChartsDrawPoints() {
    await("a " + SYMBOL + " book on the page", Duration.ofSeconds(90),
        () -> browser.findElement(By.id("books")).getText().contains(SYMBOL));
    await("a click on a " + SYMBOL + " book", Duration.ofSeconds(30), () -> {
      browser.findElement(By.xpath("//table[@id='books']//tr[td[2][text()='" + SYMBOL + "']]")).click();
      return browser.findElement(By.id("book-name")).getText().contains(SYMBOL);
    });
    await("the selected book's charts", Duration.ofSeconds(30), () -> {
      List<?> points = (List<?>) js("const c = window.monitor.charts; return ['pnl','holdings','greeks','hist']"
          + ".map(k => c[k] ? c[k].data[0].length : 0);");
      return points.stream().allMatch(n -> ((Number) n).intValue() > 2);
    });
    long linePixels = ((Number) js("const u = window.monitor.charts.pnl; const c = u.ctx.canvas;"
        + "const d = u.ctx.getImageData(0, 0, c.width, c.height).data; let n = 0;"
        + "for (let i = 0; i < d.length; i += 4) { if (Math.abs(d[i]-31) < 40 && Math.abs(d[i+1]-95) < 40"
        + " && Math.abs(d[i+2]-191) < 40 && d[i+3] > 200) n++; } return n;")).longValue();
    assertThat(linePixels).as("pixels of the cumulative PnL line on its canvas").isGreaterThan(50);
  }

  @Test
  @Order(2)
  void aDeadLetterShowsWithItsReasonAndOneClickOpensItsRecord() throws Exception {
    RecordMetadata sent;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaFixture.producerProps())) {
      sent = producer.send(new ProducerRecord<>(Topics.MD_TICKS.name(), SYMBOL.getBytes(StandardCharsets.UTF_8),
          new byte[] {1, 2, 3, 4})).get(30, TimeUnit.SECONDS);
    }
    String source = Topics.MD_TICKS.name() + "/" + sent.partition() + "/" + sent.offset();
    // The engine dead-letters it; the page lists the newest dead letters: find ours by opening each md.ticks one.
    await("a dead letter of md.ticks on the page", Duration.ofSeconds(30), () -> browser
        .findElements(By.cssSelector("#recent-dead-letters li.dlq-row")).stream()
        .anyMatch(li -> li.getAttribute("data-id").startsWith(Topics.MD_TICKS.name() + ".dlq/")));
    await("our dead letter's record, one click away", Duration.ofSeconds(30), () -> {
      for (WebElement li : browser.findElements(By.cssSelector("#recent-dead-letters li.dlq-row"))) {
        if (li.getAttribute("data-id").startsWith(Topics.MD_TICKS.name() + ".dlq/")) {
          li.click();
          String shown = browser.findElement(By.id("record-body")).getText();
          if (shown.contains("\"source\": \"" + source + "\"")) {
            return shown.contains("\"code\": ") && shown.contains("\"error\": ");
          }
        }
      }
      return false;
    });
    String record = browser.findElement(By.id("record-body")).getText();
    assertThat(record).contains("\"topic\": \"md.ticks.dlq\"", "\"valueHex\": \"01020304\"");
    assertThat(browser.findElement(By.id("dead-letters")).getText()).contains("md.ticks.dlq");
  }

  @Test
  @Order(3)
  void aKillSwitchSentWithHedgeControlShowsWithinASecond() {
    assertThat(runHedge("control", "kill", "--symbol", SYMBOL, "--operator", "monitor-it", "--bootstrap-servers",
        KafkaFixture.bootstrapServers())).startsWith("0|");
    long sentAt = System.nanoTime();
    await("KILL SWITCH on " + SYMBOL, Duration.ofSeconds(10),
        () -> browser.findElement(By.id("state-" + SYMBOL)).getText().contains("KILL SWITCH"));
    long shownAfterMillis = (System.nanoTime() - sentAt) / 1_000_000;
    PRINTED.append("kill switch shown after ").append(String.valueOf(shownAfterMillis)).append(" ms\n");
    assertThat(shownAfterMillis).as("ms from the command's acknowledgement to the page").isLessThan(1_000);
    assertThat(runHedge("control", "resume", "--symbol", SYMBOL, "--operator", "monitor-it", "--bootstrap-servers",
        KafkaFixture.bootstrapServers())).startsWith("0|");
    await("the kill switch off again", Duration.ofSeconds(10),
        () -> !browser.findElement(By.id("state-" + SYMBOL)).getText().contains("KILL SWITCH"));
  }

  @Test
  @Order(4)
  void ordersOfAHaltedSymbolAreRejectedAndCountedByCode() {
    assertThat(runHedge("control", "trading", "HALTED", "--symbol", "MONB", "--operator", "monitor-it",
        "--bootstrap-servers", KafkaFixture.bootstrapServers())).startsWith("0|");
    await("HALTED on MONB", Duration.ofSeconds(10),
        () -> browser.findElement(By.id("state-MONB")).getText().contains("HALTED"));
    await("a rejected order counted by its code", Duration.ofSeconds(60),
        () -> browser.findElement(By.id("rejects")).getText().contains("RISK_HALTED"));
    assertThat(runHedge("control", "trading", "ACTIVE", "--symbol", "MONB", "--operator", "monitor-it",
        "--bootstrap-servers", KafkaFixture.bootstrapServers())).startsWith("0|");
  }

  @Test
  @Order(5)
  void aMonitorRestartedMidRunShowsTheSameTotals() throws Exception {
    totalsBeforeRestart = totals(before.view().overview());
    before.close();
    before = MonitorService.start(MonitorConfig.from(props(Map.of("monitor.http.port", "0",
        "monitor.bootstrap.servers", KafkaFixture.bootstrapServers())), Map.of()));
    awaitRest();
    Map<String, Long> restarted = totals(before.view().overview());
    Map<String, Long> uninterrupted = totals(fetch(url + "api/overview"));
    assertThat(restarted).as("the restarted monitor's totals").isEqualTo(uninterrupted);
    assertThat(restarted.get("decisions")).as("it rebuilt more than it saw before its restart")
        .isGreaterThanOrEqualTo(totalsBeforeRestart.get("decisions"));
  }

  @Test
  @Order(6)
  void theCumulativePnlShownIsTheBooksLastPnlEvent() throws Exception {
    awaitRest();
    Map<String, PnlEvent> last = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : readAll(Topics.PNL_EVENTS.name())) {
      try {
        PnlEvent e = Topics.PNL_EVENTS.valueSerde().deserializer().deserialize(r.topic(), r.value());
        if (e.getSymbol().equals(SYMBOL)) {
          last.put(e.getBook(), e);
        }
      } catch (RuntimeException notOurs) {
        // Another test's bad record on the shared topic.
      }
    }
    assertThat(last).as(SYMBOL + " books on pnl.events").isNotEmpty();
    for (PnlEvent e : last.values()) {
      await("book " + e.getBook() + " selected", Duration.ofSeconds(10), () -> {
        browser.findElement(By.cssSelector("#books tr[data-book='" + e.getBook() + "']")).click();
        return browser.findElement(By.id("book-name")).getText().startsWith(e.getBook() + " ");
      });
      await("its cumulative PnL " + e.getCumulativePnl(), Duration.ofSeconds(10), () -> {
        String shown = browser.findElement(By.cssSelector("#book-cumpnl span")).getAttribute("data-value");
        return Double.parseDouble(shown) == e.getCumulativePnl();
      });
    }
    Files.createDirectories(TARGET);
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, TARGET.resolve("monitor-dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  @Order(7)
  void thePageLoadsUnderOneMegabyte() throws Exception {
    browser.navigate().refresh();
    await("the page drew its book again", Duration.ofSeconds(30),
        () -> ((Number) js("return window.monitor.charts.pnl ? window.monitor.charts.pnl.data[0].length : 0"))
            .intValue() > 2);
    // Resources the refresh found in the browser's cache transfer (almost) nothing: the page's weight is the
    // sum of the bodies, as a first visit would fetch them.
    Number transferred = (Number) js("return performance.getEntriesByType('navigation')"
        + ".concat(performance.getEntriesByType('resource')).reduce((s, e) => s + e.transferSize, 0);");
    Number bodies = (Number) js("return performance.getEntriesByType('navigation')"
        + ".concat(performance.getEntriesByType('resource')).reduce((s, e) => s + e.encodedBodySize, 0);");
    Files.writeString(TARGET.resolve("monitor-page.json"), "{\"bytesOfBodies\": " + bodies
        + ", \"bytesTransferredOnRefresh\": " + transferred + "}\n");
    assertThat(bodies.longValue()).as("bytes of the page, its scripts and one book's data").isLessThan(1_000_000);
  }

  @Test
  @Order(8)
  void prometheusCountersEqualWhatTheTopicsHold() throws Exception {
    awaitRest();
    String exposition = HTTP.send(HttpRequest.newBuilder(URI.create(url + "metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Map<String, Double> samples = PrometheusText.parse(exposition);
    long orders = 0;
    List<ConsumerRecord<byte[], byte[]>> hedgeOrders = readAll(Topics.ORDERS_HEDGE.name());
    for (ConsumerRecord<byte[], byte[]> r : hedgeOrders) {
      try {
        HedgeOrder o = Topics.ORDERS_HEDGE.valueSerde().deserializer().deserialize(r.topic(), r.value());
        orders += o == null ? 0 : 1;
      } catch (RuntimeException notAnOrder) {
        // Counted as a record, not as an order.
      }
    }
    assertThat(samples.get("hedgestream_monitor_records_total{service=monitor,topic=orders.hedge}"))
        .isEqualTo((double) hedgeOrders.size());
    assertThat(samples.get("hedgestream_hedge_orders_total{service=monitor}")).isEqualTo((double) orders);
    assertThat(samples.get("hedgestream_monitor_records_total{service=monitor,topic=fills.hedge}"))
        .isEqualTo((double) readAll(Topics.FILLS_HEDGE.name()).size());
    long deadLetters = 0;
    for (var topic : Topics.ALL) {
      String dlq = Topics.deadLetterOf(topic).name();
      long n = readAll(dlq).size();
      deadLetters += n;
      assertThat(samples.getOrDefault("hedgestream_monitor_records_total{service=monitor,topic=" + dlq + "}", 0.0))
          .as(dlq).isEqualTo((double) n);
    }
    assertThat(deadLetters).as("dead letters on the shared broker, ours included").isPositive();
    assertThat(samples.get("hedgestream_dead_letters_all_total{service=monitor}")).isEqualTo((double) deadLetters);
    assertThat(samples).containsKey("hedgestream_symbol_pnl{service=monitor,symbol=" + SYMBOL + "}");
  }

  @Test
  @Order(9)
  void everyMetricTheAlertRulesAndTheGrafanaDashboardReadIsExportedByAService() throws Exception {
    Matcher banner = Pattern.compile("metrics: engine (\\S+), gateway (\\S+), feed (\\S+)").matcher(PRINTED.toString());
    assertThat(banner.find()).as("the demo's metrics line").isTrue();
    java.util.Set<String> exported = new java.util.TreeSet<>();
    for (String endpoint : List.of(banner.group(1), banner.group(2), banner.group(3), url + "metrics")) {
      String exposition = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      PrometheusText.parse(exposition).keySet().forEach(sample -> exported.add(sample.replaceAll("\\{.*", "")));
    }
    exported.add("up"); // Prometheus's own, per scrape target.
    Path deploy = Path.of("..", "..", "deploy");
    String rules = Files.readString(deploy.resolve("prometheus/alerts.yml"));
    StringBuilder expressions = new StringBuilder();
    Matcher expr = Pattern.compile("(?m)^\\s*expr:\\s*(.+)$").matcher(rules);
    while (expr.find()) {
      expressions.append(expr.group(1)).append('\n');
    }
    JSON.readTree(deploy.resolve("grafana/hedgestream-dashboard.json").toFile()).get("panels")
        .forEach(panel -> panel.get("targets").forEach(t -> expressions.append(t.get("expr").asText()).append('\n')));
    java.util.Set<String> referenced = new java.util.TreeSet<>();
    Matcher name = Pattern.compile("\\b(hedgestream_\\w+|kafka_\\w+|jvm_\\w+|process_\\w+|up)\\b")
        .matcher(expressions.toString().replaceAll("\\{[^}]*}", "").replaceAll("by \\([^)]*\\)", ""));
    while (name.find()) {
      referenced.add(name.group(1));
    }
    assertThat(referenced).as("metrics the rules and the dashboard read").hasSizeGreaterThan(20);
    assertThat(exported).as("metrics the engine, gateway, feed and monitor export").containsAll(referenced);
  }

  @Test
  @Order(10)
  void everyServiceAnswersItsProbesBesideItsMetrics() throws Exception {
    Matcher banner = Pattern.compile("metrics: engine (\\S+), gateway (\\S+), feed (\\S+)").matcher(PRINTED.toString());
    assertThat(banner.find()).as("the demo's metrics line").isTrue();
    String engine = banner.group(1).replace("/metrics", "");
    String gateway = banner.group(2).replace("/metrics", "");
    String feed = banner.group(3).replace("/metrics", "");
    assertThat(probe(engine + "/health/ready")).isEqualTo("200 {\"service\":\"engine\",\"status\":\"UP\",\"detail\":\"RUNNING\"}");
    assertThat(probe(engine + "/health/live")).startsWith("200 ");
    assertThat(probe(gateway + "/health/ready")).isEqualTo(
        "200 {\"service\":\"gateway\",\"status\":\"UP\",\"detail\":\"fix route, FIX session up\"}");
    assertThat(probe(gateway + "/health/live")).startsWith("200 ");
    assertThat(probe(feed + "/health/live")).startsWith("200 ");
    // The demo's feed stops after its ticks: then it is alive but no longer ready.
    String feedReady = probe(feed + "/health/ready");
    assertThat(feedReady).isIn("200 {\"service\":\"feed\",\"status\":\"UP\",\"detail\":\"producing\"}",
        "503 {\"service\":\"feed\",\"status\":\"DOWN\",\"detail\":\"finished\"}");
    assertThat(probe(url + "health/ready")).startsWith("200 ").contains("\"service\":\"monitor\"");
  }

  private static String probe(String url) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  private static Map<String, Long> totals(Map<String, Object> overview) {
    Map<String, Long> out = new HashMap<>();
    ((Map<?, ?>) overview.get("totals")).forEach((k, v) -> {
      if (!k.equals("pnl")) {
        out.put((String) k, ((Number) v).longValue());
      }
    });
    return out;
  }

  private static Map<String, Object> fetch(String address) throws Exception {
    String body = HTTP.send(HttpRequest.newBuilder(URI.create(address)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    @SuppressWarnings("unchecked")
    Map<String, Object> map = JSON.readValue(body, Map.class);
    return map;
  }

  /** Waits until the feed has stopped and the dashboard's totals have not moved for 5 s. */
  private static void awaitRest() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    JsonNode previous = null;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      JsonNode totals = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url + "api/overview")).build(),
          HttpResponse.BodyHandlers.ofString()).body()).get("totals");
      if (!totals.equals(previous)) {
        previous = totals;
        stableSince = System.nanoTime();
      } else if (System.nanoTime() - stableSince > Duration.ofSeconds(5).toNanos()
          && PRINTED.toString().contains("books")) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the pipeline did not come to rest; demo printed:\n" + PRINTED);
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    Map<String, Object> props = new HashMap<>(KafkaFixture.consumerProps("unused"));
    props.remove("group.id");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  private static Properties props(Map<String, String> values) {
    Properties p = new Properties();
    p.putAll(values);
    return p;
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException stale) {
        // The page re-rendered the element under us (stale reference); look again.
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("timed out waiting for " + what + "; demo printed:\n" + PRINTED);
  }

  private static String runHedge(String... args) {
    return HedgeRun.of(args).toString();
  }
}
