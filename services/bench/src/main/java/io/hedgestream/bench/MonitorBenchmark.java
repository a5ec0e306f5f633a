package io.hedgestream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code ./hedge bench-monitor}: can the monitor keep up with the engine, and does its memory stay bounded over
 * a day? The monitor runs in a JVM of its own ({@link MonitorProcess}, {@code -Xmx512m}); this JVM runs the
 * broker and writes what the engine and gateway would ({@link MonitorLoad}: five records per book decision).
 *
 * <ol>
 *   <li><b>Rebuild.</b> A backlog of {@code --backlog-seconds} of the engine benchmark's output rate is written
 *       first; the monitor starts and reads it all. Its records/s are set against a bare read_committed consumer
 *       reading the same records in this JVM (no decoding, no view): the reference of the same run.
 *   <li><b>Live.</b> Decisions are written at {@code --rate} per second (default 10,840: the engine benchmark's
 *       491,404 decisions in 45.3 s, results/engine.json) for {@code --live-seconds}. A server-sent-events
 *       client (the dashboard's feed, without a browser's rendering) measures, on each push, the time from the
 *       newest PnL event's write (its Kafka timestamp) to its arrival.
 *   <li><b>Day.</b> {@code --books} books (50) decide every {@code --day-step} simulated seconds (3) for 24
 *       simulated hours at x600 ({@code --day-seconds} 144 of wall time): 28,800 decisions per book, more than a
 *       book's chart keeps (20,000 rows), so its series compacts; every twelfth of the day the monitor's heap
 *       after a full GC and its RSS are sampled.
 * </ol>
 */
public final class MonitorBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private MonitorBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    Path out = Path.of(options.getOrDefault("--out", "services/bench/results/monitor.json"));
    int rate = Integer.parseInt(options.getOrDefault("--rate", "10840"));
    int backlogSeconds = Integer.parseInt(options.getOrDefault("--backlog-seconds", "20"));
    int liveSeconds = Integer.parseInt(options.getOrDefault("--live-seconds", "30"));
    int books = Integer.parseInt(options.getOrDefault("--books", "50"));
    int daySeconds = Integer.parseInt(options.getOrDefault("--day-seconds", "144"));
    int dayStep = Integer.parseInt(options.getOrDefault("--day-step", "3"));
    String heap = options.getOrDefault("--heap", "512m");

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "monitor: rebuild rate vs a bare consumer, live push delay at the engine's output rate, "
        + "memory over a simulated day");
    result.put("command", "./hedge bench-monitor " + String.join(" ", args));
    result.put("startedAt", Instant.now().toString());
    result.put("gitCommit", MachineInfo.gitCommit());
    result.put("machine", MachineInfo.describe());
    result.put("protocol", Map.of("recordsPerDecision", MonitorLoad.RECORDS_PER_DECISION, "books", books,
        "symbols", 10, "partitions", 4, "monitorHeap", heap, "monitorJvm", "separate process (MonitorProcess)"));

    try (BenchCluster cluster = BenchCluster.start(4)) {
      KafkaProducer<byte[], byte[]> producer = cluster.producer(5);
      awaitLeaders(producer);
      MonitorLoad load = new MonitorLoad(producer, books, 10);
      Instant t0 = Instant.parse("2026-01-05T14:30:00Z");
      long backlog = (long) rate * backlogSeconds;
      long written = System.nanoTime();
      for (long i = 0; i < backlog; i++) {
        load.decide((int) (i % books), t0.plusSeconds(i / books * 60));
      }
      load.flush();
      double writeSeconds = (System.nanoTime() - written) / 1e9;
      long backlogRecords = backlog * MonitorLoad.RECORDS_PER_DECISION;
      Map<String, Object> rebuild = new LinkedHashMap<>();
      rebuild.put("decisions", backlog);
      rebuild.put("records", backlogRecords);
      rebuild.put("writeSeconds", round(writeSeconds));
      double bare = bareConsumerSeconds(cluster.bootstrapServers(), backlogRecords);
      rebuild.put("bareConsumerSeconds", round(bare));
      rebuild.put("bareConsumerRecordsPerSecond", Math.round(backlogRecords / bare));

      Process monitor = startMonitor(cluster.bootstrapServers(), heap);
      try (PrintWriter toMonitor = new PrintWriter(monitor.getOutputStream(), true, StandardCharsets.UTF_8);
          BufferedReader fromMonitor = new BufferedReader(new InputStreamReader(monitor.getInputStream(),
              StandardCharsets.UTF_8))) {
        long launched = System.nanoTime();
        String url = readLine(fromMonitor, "url ").substring(4);
        long serving = System.nanoTime();
        waitForRecords(url, backlogRecords, Duration.ofMinutes(10));
        double rebuildSeconds = (System.nanoTime() - serving) / 1e9;
        rebuild.put("monitorJvmStartSeconds", round((serving - launched) / 1e9));
        rebuild.put("monitorSeconds", round(rebuildSeconds));
        rebuild.put("monitorRecordsPerSecond", Math.round(backlogRecords / rebuildSeconds));
        rebuild.put("monitorDecisionsPerSecond", Math.round(backlog / rebuildSeconds));
        rebuild.put("ratioMonitorToBare", round(bare / rebuildSeconds));
        rebuild.put("keepsUpWithEngineOutput", backlog / rebuildSeconds >= rate);
        rebuild.put("memoryAfter", sample(0, memory(toMonitor, fromMonitor)));
        result.put("rebuild", rebuild);
        System.out.println("rebuild: " + rebuild);

        result.put("live", live(url, load, rate, liveSeconds, t0.plusSeconds(backlog / books * 60 + 60)));
        System.out.println("live: " + result.get("live"));

        result.put("day", day(url, load, books, daySeconds, dayStep, toMonitor, fromMonitor));
        System.out.println("day: " + result.get("day"));
        toMonitor.println("quit");
      } finally {
        if (!monitor.waitFor(30, TimeUnit.SECONDS)) {
          monitor.destroyForcibly();
        }
      }
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    JSON.writeValue(out.toFile(), result);
    System.out.println("wrote " + out);
  }

  private static Map<String, Object> live(String url, MonitorLoad load, int rate, int seconds, Instant from)
      throws Exception {
    Histogram delays = new Histogram(60_000, 3);
    AtomicBoolean recording = new AtomicBoolean(true);
    AtomicLong pushes = new AtomicLong();
    // Only pushes that reflect a record written in this phase: the first push on connecting shows the backlog's.
    long phaseStart = System.currentTimeMillis();
    Thread sse = new Thread(() -> listen(url, delays, recording, pushes, phaseStart), "bench-sse");
    sse.setDaemon(true);
    sse.start();
    Thread.sleep(500);
    long before = records(url);
    long start = System.nanoTime();
    long sent = 0;
    long slice = 10_000_000L;
    while (System.nanoTime() - start < seconds * 1_000_000_000L) {
      long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
      for (; sent < due; sent++) {
        load.decide((int) (sent % load.books()), from.plusSeconds(sent / load.books() * 60));
      }
      load.flush();
      long next = start + ((System.nanoTime() - start) / slice + 1) * slice;
      TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
    }
    double offeredSeconds = (System.nanoTime() - start) / 1e9;
    long expected = before + sent * MonitorLoad.RECORDS_PER_DECISION;
    long caughtUpAt = waitForRecords(url, expected, Duration.ofMinutes(5));
    recording.set(false);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("offeredDecisionsPerSecond", rate);
    out.put("writtenDecisions", sent);
    out.put("writtenDecisionsPerSecond", Math.round(sent / offeredSeconds));
    out.put("secondsAfterLastWriteUntilAllShown", round((caughtUpAt - start) / 1e9 - offeredSeconds));
    out.put("pushesMeasured", delays.getTotalCount());
    out.put("pushDelayMs", Map.of("p50", delays.getValueAtPercentile(50), "p99", delays.getValueAtPercentile(99),
        "max", delays.getMaxValue()));
    out.put("note", "delay = arrival of a server-sent overview at the client - Kafka timestamp of the newest PnL "
        + "event it reflects; the page's rendering is not included");
    return out;
  }

  private static Map<String, Object> day(String url, MonitorLoad load, int books, int seconds, int stepSeconds,
      PrintWriter toMonitor, BufferedReader fromMonitor) throws Exception {
    long steps = 24L * 3600 / stepSeconds;
    Instant from = Instant.parse("2026-02-02T00:00:00Z");
    List<Map<String, Object>> samples = new ArrayList<>();
    samples.add(sample(0, memory(toMonitor, fromMonitor)));
    long start = System.nanoTime();
    long before = records(url);
    int nextSample = 1;
    for (long step = 0; step < steps; step++) {
      Instant time = from.plusSeconds(step * stepSeconds);
      for (int b = 0; b < books; b++) {
        load.decide(b, time);
      }
      long due = start + (long) ((step + 1) * (seconds * 1e9 / steps));
      long now = System.nanoTime();
      if (due > now) {
        load.flush();
        TimeUnit.NANOSECONDS.sleep(due - now);
      }
      if ((step + 1) * 12 >= steps * nextSample) {
        load.flush();
        samples.add(sample((step + 1) * stepSeconds / 3600.0, memory(toMonitor, fromMonitor)));
        nextSample++;
      }
    }
    load.flush();
    double wall = (System.nanoTime() - start) / 1e9;
    waitForRecords(url, before + steps * books * MonitorLoad.RECORDS_PER_DECISION, Duration.ofMinutes(5));
    samples.add(sample(24.0, memory(toMonitor, fromMonitor)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("simulatedHours", 24);
    out.put("speed", "x" + Math.round(24 * 3600 / wall));
    out.put("wallSeconds", round(wall));
    out.put("decisions", steps * books);
    out.put("records", steps * books * MonitorLoad.RECORDS_PER_DECISION);
    out.put("samples", samples);
    out.put("book", bookHeld(url, "SYM0-book-0"));
    return out;
  }

  private static Map<String, Object> sample(double simulatedHour, long[] memory) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("simulatedHour", round(simulatedHour));
    out.put("heapAfterGcMiB", round(memory[0] / 1048576.0));
    out.put("rssMiB", round(memory[1] / 1048576.0));
    return out;
  }

  private static Map<String, Object> bookHeld(String url, String book) throws Exception {
    JsonNode b = get(url + "api/book/" + book);
    String body = JSON.writeValueAsString(b);
    return Map.of("pointsSeen", b.get("pointsSeen").asLong(), "pointsHeld", b.get("pointsHeld").asLong(),
        "pointsSent", b.get("series").get("time").size(), "bookResponseBytes", body.length());
  }

  private static void listen(String url, Histogram delays, AtomicBoolean recording, AtomicLong pushes,
      long writtenSince) {
    try {
      HttpResponse<java.util.stream.Stream<String>> response = HTTP.send(
          HttpRequest.newBuilder(URI.create(url + "events")).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
      long[] previous = {0};
      response.body().forEach(line -> {
        if (recording.get() && line.startsWith("data:")) {
          long now = System.currentTimeMillis();
          try {
            long written = JSON.readTree(line.substring(5)).get("latestPnlWrittenAt").asLong();
            if (written > previous[0] && written >= writtenSince) {
              previous[0] = written;
              delays.recordValue(Math.min(Math.max(0, now - written), 60_000));
              pushes.incrementAndGet();
            }
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      });
    } catch (Exception e) {
      System.err.println("bench-monitor: the event stream stopped: " + e);
    }
  }

  private static Process startMonitor(String bootstrap, String heap) throws Exception {
    Path argfile = Files.createTempFile("hedge-bench-monitor", ".args");
    Files.writeString(argfile, "-cp \"" + System.getProperty("java.class.path") + "\"\n");
    argfile.toFile().deleteOnExit();
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap, "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.hedgestream.avro",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "@" + argfile, MonitorProcess.class.getName(), bootstrap);
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    return builder.start();
  }

  private static long[] memory(PrintWriter toMonitor, BufferedReader fromMonitor) throws Exception {
    toMonitor.println("measure");
    String[] parts = readLine(fromMonitor, "memory ").split(" ");
    return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
  }

  private static String readLine(BufferedReader in, String prefix) throws Exception {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IllegalStateException("the monitor process ended before printing " + prefix.strip());
  }

  /** Waits until the monitor has read {@code expected} records; returns when (System.nanoTime()). */
  private static long waitForRecords(String url, long expected, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (records(url) >= expected) {
        return System.nanoTime();
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the monitor did not read " + expected + " records in " + timeout);
  }

  private static long records(String url) throws Exception {
    long sum = 0;
    for (JsonNode n : get(url + "api/overview").get("records")) {
      sum += n.asLong();
    }
    return sum;
  }

  private static JsonNode get(String url) throws Exception {
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  private static double bareConsumerSeconds(String bootstrap, long expected) {
    Map<String, Object> props = new HashMap<>(io.hedgestream.kafka.KafkaClients.consumer(bootstrap, "unused",
        Map.of("max.poll.records", 2_000)));
    props.remove("group.id");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : List.of("pnl.events", "risk.metrics", "orders.hedge", "fills.hedge", "orders.status")) {
        consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long start = System.nanoTime();
      long read = 0;
      while (read < expected) {
        read += consumer.poll(Duration.ofMillis(100)).count();
      }
      return (System.nanoTime() - start) / 1e9;
    }
  }

  /**
   * Waits until every partition the load writes has a leader and takes a first record: producing into a broker
   * that is still electing leaders can leave an idempotent producer retrying out-of-order sequences for ever.
   */
  private static void awaitLeaders(KafkaProducer<byte[], byte[]> producer) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (String topic : List.of("pnl.events", "risk.metrics", "orders.hedge", "fills.hedge", "orders.status")) {
      while (producer.partitionsFor(topic).stream().anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(topic + " has partitions without a leader after 60 s");
        }
        Thread.sleep(100);
      }
    }
    Thread.sleep(2_000);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
