package io.hedgestream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.engine.EngineConfig;
import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.schemas.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./hedge bench-scale}: the engine scaled out on one machine. A single-node broker, the gateway and every
 * engine instance run as processes of their own ({@link ScaleProcess}); this JVM produces the input and measures.
 * <ol>
 *   <li><b>Throughput</b> of 1, 2 and 3 instances (one application id, {@code engine.standby.replicas=1} from two
 *       instances on), with the paper gateway: the engine benchmark's backlog (books, then ticks at 0.164
 *       decisions per tick), ticks committed per second, and the CPU seconds per second of every process.</li>
 *   <li><b>Fail-over</b>: three instances, without the gateway (so that the orders depend on the input alone),
 *       the books' client trades first, then ticks as fast as the engines take them. At {@code --kill-at} of the
 *       ticks one instance gets SIGKILL. A read_committed reader of {@code pnl.events} gives, per partition, how
 *       long its decisions stopped across the kill: the killed instance's partitions stop until the group notices
 *       (the session timeout) and another instance has their state (a standby's, or restored from the changelog).
 *       Run with and without standbys. Then every order on {@code orders.hedge} (read_committed) is compared, by
 *       order id and content, with a run of the same input without the kill: none may be missing, extra,
 *       different or duplicated.</li>
 * </ol>
 */
@Command(name = "scale-benchmark", mixinStandardHelpOptions = true,
    description = "Engine scale-out: throughput of 1-3 instances and fail-over of a killed one, services as processes.")
public final class ScaleBenchmark implements Callable<Integer> {

  private static final String APP = "bench-scale";
  private static final Duration SAMPLE = Duration.ofMillis(100);
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  /**
   * A partition whose decisions stopped at least this long across the kill counts in the fail-over: the killed
   * instance's, and any other whose task moved or paused in the rebalance that followed.
   */
  private static final Duration STALLED = Duration.ofSeconds(1);

  @Option(names = "--out", description = "JSON file (default: ${DEFAULT-VALUE})")
  Path out = Path.of("services", "bench", "results", "scale.json");

  @Option(names = "--instances", split = ",", description = "instance counts of the throughput runs (default: "
      + "${DEFAULT-VALUE})")
  List<Integer> instances = List.of(1, 2, 3);

  @Option(names = "--partitions", description = "partitions of every topic (default: ${DEFAULT-VALUE})")
  int partitions = 10;

  @Option(names = "--symbols", description = "underlyings, 10 books each: every partition gets some (10 symbols "
      + "hash to only 5 of 10 partitions) (default: ${DEFAULT-VALUE})")
  int symbols = 40;

  @Option(names = "--books-per-symbol", description = "books per underlying (default: ${DEFAULT-VALUE})")
  int booksPerSymbol = 10;

  @Option(names = "--ticks", description = "ticks of each throughput run (default: ${DEFAULT-VALUE})")
  int ticks = 1_000_000;

  @Option(names = "--failover-ticks", description = "ticks of each fail-over run (default: ${DEFAULT-VALUE})")
  int failoverTicks = 600_000;

  @Option(names = "--kill-at", description = "fraction of the fail-over ticks committed when one instance is "
      + "killed (default: ${DEFAULT-VALUE})")
  double killAt = 0.4;

  @Option(names = "--session-timeout-ms", description = "the engines' consumer session.timeout.ms: how long the "
      + "group waits for a silent member (default: ${DEFAULT-VALUE}; Kafka's own is 45000)")
  int sessionTimeoutMs = 10_000;

  @Option(names = "--guarantee", description = "processing guarantee of every engine (default: ${DEFAULT-VALUE})")
  String guarantee = EngineConfig.EXACTLY_ONCE_V2;

  @Option(names = "--engine-heap", description = "-Xmx of each engine process (default: ${DEFAULT-VALUE})")
  String engineHeap = "768m";

  @Option(names = "--skip-throughput", description = "only the fail-over runs")
  boolean skipThroughput;

  @Spec
  CommandSpec spec;

  private final PrintStream log = System.out;
  private Path work;

  /** Runs the benchmark from the command line. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ScaleBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    work = Files.createTempDirectory("hedgestream-bench-scale");
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", "scale");
    report.put("startedAt", Instant.now().toString());
    report.put("arguments", spec.commandLine().getParseResult().originalArgs());
    report.put("gitCommit", MachineInfo.gitCommit());
    report.put("machine", MachineInfo.describe());
    report.put("note", "broker, gateway and each engine instance are processes of their own on this one machine; "
        + "every process shares its cores, so more instances add no CPU: they show the distribution of the work, "
        + "its overhead and the fail-over, not a speed-up");
    report.put("settings", Map.of("partitions", partitions, "symbols", symbols, "books", symbols * booksPerSymbol,
        "guarantee", guarantee, "sessionTimeoutMs", sessionTimeoutMs, "engineHeap", engineHeap,
        "decisionInterval", "PT1M (0.164 decisions per tick)", "policy", "delta"));
    if (!skipThroughput) {
      List<Map<String, Object>> runs = new ArrayList<>();
      for (int n : instances) {
        log.printf("throughput, %d instance(s), %,d ticks%n", n, ticks);
        runs.add(throughput(n));
      }
      report.put("throughput", runs);
    }
    log.printf("fail-over: reference run, 3 instances, no kill, %,d ticks%n", failoverTicks);
    FailoverRun reference = failover(1, false);
    Map<String, Object> failover = new LinkedHashMap<>();
    failover.put("reference", reference.describe(null));
    for (int standby : List.of(1, 0)) {
      log.printf("fail-over: 3 instances, standby replicas %d, kill -9 one at %.0f%% of %,d ticks%n", standby,
          killAt * 100, failoverTicks);
      failover.put("standbyReplicas" + standby, failover(standby, true).describe(reference));
    }
    report.put("failover", failover);
    report.put("finishedAt", Instant.now().toString());
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
    log.println("wrote " + out);
    return 0;
  }

  // --- throughput ------------------------------------------------------------------------------------------

  private Map<String, Object> throughput(int n) throws Exception {
    Path dir = Files.createDirectories(work.resolve("throughput-" + n));
    try (ChildJvm broker = ChildJvm.start("broker", "1g", dir, List.of("broker", dir.resolve("kafka").toString()));
        BenchCluster cluster = BenchCluster.attach(broker.readyDetail(), partitions)) {
      List<ChildJvm> children = new ArrayList<>();
      try {
        children.add(ChildJvm.start("gateway", "512m", dir, gatewayArgs(cluster)));
        for (int i = 0; i < n; i++) {
          children.add(ChildJvm.start("engine-" + i, engineHeap, dir, engineArgs(cluster, dir, i, n > 1 ? 1 : 0)));
        }
        children.add(broker);
        // Every instance has joined before the input exists: the window holds no start-up rebalance. It opens
        // once every tick is produced (the producer then competes for the cores no more) and closes when the
        // engines have committed them all.
        Thread.sleep(5_000);
        BookSetup setup = new BookSetup(symbols, booksPerSymbol, 0.05, 42);
        try (KafkaProducer<byte[], byte[]> producer = cluster.producer(5)) {
          ThroughputRun.produceClientOrders(producer, setup);
          ThroughputRun.produceTicks(producer, setup, ticks);
        }
        long[] first = {System.nanoTime(), cluster.committed(APP, Topics.MD_TICKS.name())};
        Map<String, Double> cpuAtFirst = new LinkedHashMap<>();
        children.forEach(c -> cpuAtFirst.put(c.name(), c.cpuSeconds()));
        long target = cluster.endOffsets(Topics.MD_TICKS.name());
        long committed = first[1];
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (committed < target) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(n + " instance(s) committed only " + committed + " of " + target);
          }
          Thread.sleep(SAMPLE.toMillis());
          committed = cluster.committed(APP, Topics.MD_TICKS.name());
        }
        long end = System.nanoTime();
        double seconds = (end - first[0]) / 1e9;
        Map<String, Object> cpu = new LinkedHashMap<>();
        double total = 0;
        for (ChildJvm child : children) {
          double perSecond = (child.cpuSeconds() - cpuAtFirst.get(child.name())) / seconds;
          total += perSecond;
          cpu.put(child.name(), ThroughputRun.round(perSecond, 3));
        }
        cpu.put("all", ThroughputRun.round(total, 3));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("instances", n);
        result.put("standbyReplicas", n > 1 ? 1 : 0);
        result.put("ticks", ticks);
        result.put("measuredTicks", committed - first[1]);
        result.put("measuredSeconds", ThroughputRun.round(seconds, 3));
        result.put("ticksPerSecond", Math.round((committed - first[1]) / seconds));
        result.put("cpuSecondsPerSecond", cpu);
        result.put("loadAverage", MachineInfo.loadAverage());
        result.put("stateByStore", stateSizes(cluster));
        log.printf("  %d instance(s): %,.0f ticks/s, CPU s/s %s%n", n, (committed - first[1]) / seconds, cpu);
        return result;
      } finally {
        children.remove(broker);
        for (ChildJvm child : children) {
          child.close();
        }
      }
    }
  }

  // --- fail-over -------------------------------------------------------------------------------------------

  /** One fail-over run's observations. */
  private record FailoverRun(boolean killed, int standbyReplicas, double killedAtSeconds, Map<Integer, Long> stallMillis,
      Map<String, String> orders, long duplicateOrders, double seconds) {

    Map<String, Object> describe(FailoverRun reference) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("standbyReplicas", standbyReplicas);
      out.put("killed", killed);
      out.put("seconds", ThroughputRun.round(seconds, 1));
      out.put("orders", orders.size());
      out.put("duplicateOrderIds", duplicateOrders);
      if (killed) {
        out.put("killedAfterSeconds", ThroughputRun.round(killedAtSeconds, 1));
        Map<Integer, Long> stalled = new TreeMap<>();
        stallMillis.forEach((p, ms) -> {
          if (ms >= STALLED.toMillis()) {
            stalled.put(p, ms);
          }
        });
        out.put("partitionsStoppedOverOneSecond", stalled.keySet());
        out.put("decisionsStoppedMillisByPartition", new TreeMap<>(stallMillis));
        out.put("failoverMillis", stalled.values().stream().mapToLong(Long::longValue).max().orElse(0));
      }
      if (reference != null) {
        long missing = reference.orders.keySet().stream().filter(id -> !orders.containsKey(id)).count();
        long extra = orders.keySet().stream().filter(id -> !reference.orders.containsKey(id)).count();
        long different = orders.entrySet().stream().filter(e -> reference.orders.containsKey(e.getKey())
            && !reference.orders.get(e.getKey()).equals(e.getValue())).count();
        out.put("againstTheRunWithoutKill", Map.of("missing", missing, "extra", extra, "different", different));
      }
      return out;
    }
  }

  private FailoverRun failover(int standby, boolean kill) throws Exception {
    Path dir = Files.createDirectories(work.resolve("failover-" + (kill ? "kill-standby-" + standby : "reference")));
    try (ChildJvm broker = ChildJvm.start("broker", "1g", dir, List.of("broker", dir.resolve("kafka").toString()));
        BenchCluster cluster = BenchCluster.attach(broker.readyDetail(), partitions)) {
      List<ChildJvm> engines = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          engines.add(ChildJvm.start("engine-" + i, engineHeap, dir, engineArgs(cluster, dir, i, standby)));
        }
        BookSetup setup = new BookSetup(symbols, booksPerSymbol, 0.05, 42);
        // The books' trades first: with no tick yet they wait in the engine's state for the first tick of their
        // symbol, so every run books them at the same tick whatever the timing.
        try (KafkaProducer<byte[], byte[]> producer = cluster.producer(5)) {
          ThroughputRun.produceClientOrders(producer, setup);
          await(() -> cluster.committed(APP, Topics.ORDERS_CLIENT.name()) >= setup.books(), "client trades read");
          PnlStalls stalls = new PnlStalls(cluster);
          long start = System.nanoTime();
          Thread ticks = new Thread(() -> ThroughputRun.produceTicks(producer, setup, failoverTicks), "bench-ticks");
          ticks.start();
          double killedAt = Double.NaN;
          long deadline = start + TIMEOUT.toNanos();
          long committed = 0;
          while (committed < failoverTicks) {
            if (System.nanoTime() > deadline) {
              throw new IllegalStateException("committed only " + committed + " of " + failoverTicks + " ticks");
            }
            Thread.sleep(SAMPLE.toMillis());
            committed = cluster.committed(APP, Topics.MD_TICKS.name());
            if (kill && Double.isNaN(killedAt) && committed >= killAt * failoverTicks) {
              engines.get(0).killHard();
              stalls.killedNow();
              killedAt = (System.nanoTime() - start) / 1e9;
              log.printf("  killed engine-0 after %.1f s (%,d ticks committed)%n", killedAt, committed);
            }
          }
          ticks.join();
          double seconds = (System.nanoTime() - start) / 1e9;
          Thread.sleep(2_000);
          stalls.close();
          Map<String, String> orders = new HashMap<>();
          long duplicates = readOrders(cluster, orders);
          FailoverRun run = new FailoverRun(kill, standby, killedAt, stalls.stallMillis(), orders, duplicates, seconds);
          log.printf("  %s%n", run.describe(null));
          return run;
        }
      } finally {
        for (ChildJvm engine : engines) {
          engine.close();
        }
      }
    }
  }

  /** Every hedge order (read_committed) by id, its record as text; returns how many ids came more than once. */
  private static long readOrders(BenchCluster cluster, Map<String, String> orders) {
    Deserializer<HedgeOrder> serde = Topics.ORDERS_HEDGE.valueSerde().deserializer();
    long[] duplicates = {0};
    OutputCounter.readAll(cluster, Topics.ORDERS_HEDGE.name(), record -> {
      HedgeOrder order = serde.deserialize(record.topic(), record.value());
      if (orders.put(order.getOrderId(), order.toString()) != null) {
        duplicates[0]++;
      }
    });
    return duplicates[0];
  }

  /**
   * The engine's state as its changelog topics hold it once compacted: per store, the keys and the bytes of
   * their latest values (what a restore reads and a standby keeps), read with read_committed.
   */
  private Map<String, Object> stateSizes(BenchCluster cluster) {
    Map<String, Object> stores = new TreeMap<>();
    long allBytes = 0;
    for (String topic : cluster.topicNames()) {
      if (!topic.startsWith(APP + "-") || !topic.endsWith("-changelog")) {
        continue;
      }
      Map<String, Integer> latest = new HashMap<>();
      OutputCounter.readAll(cluster, topic, record -> {
        String key = new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
        if (record.value() == null) {
          latest.remove(key);
        } else {
          latest.put(key, record.key().length + record.value().length);
        }
      });
      long bytes = latest.values().stream().mapToLong(Integer::longValue).sum();
      allBytes += bytes;
      String store = topic.substring(APP.length() + 1, topic.length() - "-changelog".length());
      stores.put(store, Map.of("keys", latest.size(), "bytes", bytes,
          "bytesPerKey", latest.isEmpty() ? 0 : bytes / latest.size()));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("stores", stores);
    out.put("bytes", allBytes);
    out.put("books", symbols * booksPerSymbol);
    out.put("symbols", symbols);
    return out;
  }

  private List<String> engineArgs(BenchCluster cluster, Path dir, int index, int standby) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("engine.bootstrap.servers", cluster.bootstrapServers());
    settings.put("engine.application.id", APP);
    settings.put("engine.state.dir", dir.resolve("engine-" + index).toString());
    settings.put("engine.processing.guarantee", guarantee);
    settings.put("engine.decision.interval", "PT1M");
    settings.put("engine.policy", "delta");
    settings.put("engine.standby.replicas", Integer.toString(standby));
    settings.put("kafka.session.timeout.ms", Integer.toString(sessionTimeoutMs));
    List<String> args = new ArrayList<>(List.of("engine"));
    args.addAll(List.of(ScaleProcess.arguments(settings)));
    return args;
  }

  private static List<String> gatewayArgs(BenchCluster cluster) {
    return List.of("gateway", "gateway.bootstrap.servers=" + cluster.bootstrapServers(),
        "gateway.group-id=bench-scale-gateway");
  }

  private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting until " + what);
      }
      Thread.sleep(SAMPLE.toMillis());
    }
  }

  /**
   * A read_committed reader of {@code pnl.events}: per partition, how long its decisions stopped across the kill
   * (from the last event received before the kill to the first after it).
   */
  private static final class PnlStalls implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<Integer, Long> lastNanos = new HashMap<>();
    private final Map<Integer, Long> stallNanos = new HashMap<>();
    private final Thread thread;
    private volatile long killNanos = Long.MAX_VALUE;
    private volatile boolean running = true;

    PnlStalls(BenchCluster cluster) {
      consumer = new KafkaConsumer<>(KafkaClients.consumer(cluster.bootstrapServers(), "bench-scale-pnl", Map.of()));
      List<TopicPartition> all = cluster.partitionsOf(Topics.PNL_EVENTS.name());
      consumer.assign(all);
      consumer.seekToEnd(all);
      all.forEach(consumer::position);
      thread = new Thread(this::run, "bench-scale-pnl");
      thread.start();
    }

    void killedNow() {
      killNanos = System.nanoTime();
    }

    private void run() {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
          long now = System.nanoTime();
          synchronized (this) {
            Long last = lastNanos.put(record.partition(), now);
            if (last != null && last <= killNanos && now >= killNanos) {
              stallNanos.merge(record.partition(), now - last, Math::max);
            }
          }
        }
      }
    }

    /** Per partition, the stop across the kill in milliseconds (0 for a partition that did not stop). */
    synchronized Map<Integer, Long> stallMillis() {
      Map<Integer, Long> out = new TreeMap<>();
      lastNanos.keySet().forEach(p -> out.put(p, stallNanos.getOrDefault(p, 0L) / 1_000_000));
      return out;
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join();
      consumer.close();
    }
  }
}
