package io.hedgestream.bench;

import io.hedgestream.engine.EngineService;
import io.hedgestream.gateway.GatewayService;
import io.hedgestream.schemas.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Throughput: the books are created, {@code ticks} ticks are produced into {@code md.ticks} before the engine
 * starts, then one engine instance (and the paper gateway, which fills its orders so that pending orders do
 * not pile up in the books) processes them as fast as it can. The floor scenario has {@link FloorApp} pass the
 * same ticks through under the same Kafka Streams settings instead.
 *
 * <p>Method: every 100 ms the engine's consumer-group offsets committed on {@code md.ticks} are read; the
 * rate is (ticks committed at the end - ticks committed at the first sample that showed progress) / (time
 * between those samples). Commits happen every {@code commit.interval.ms}, so each end of the window is
 * known to within one commit interval plus one sampling period.
 */
final class ThroughputRun {

  /** Event-time spacing of consecutive ticks of one symbol. */
  static final long TICK_SPACING_MICROS = 1_000_000L;
  private static final Duration SAMPLE = Duration.ofMillis(100);
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final EngineSettings settings;
  private final boolean floor;
  private final int ticks;
  private final int symbols;
  private final int booksPerSymbol;
  private final PrintStream log;

  ThroughputRun(EngineSettings settings, int ticks, int symbols, int booksPerSymbol, PrintStream log) {
    this(settings, false, ticks, symbols, booksPerSymbol, log);
  }

  /**
   * A throughput scenario.
   *
   * @param settings the engine's settings (the floor uses their Kafka Streams properties)
   * @param floor true to measure {@link FloorApp} under the same settings and ticks instead of the engine
   */
  ThroughputRun(EngineSettings settings, boolean floor, int ticks, int symbols, int booksPerSymbol, PrintStream log) {
    this.settings = settings;
    this.floor = floor;
    this.ticks = ticks;
    this.symbols = symbols;
    this.booksPerSymbol = booksPerSymbol;
    this.log = log;
  }

  /** Runs the scenario on a fresh broker and returns its figures. */
  Map<String, Object> run() throws InterruptedException {
    try (BenchCluster cluster = BenchCluster.start(symbols)) {
      long produceSeconds = produce(cluster);
      String app = (floor ? "bench-floor-throughput-" : "bench-throughput-") + settings.guarantee().replace('_', '-');
      List<long[]> samples;
      Map<String, Object> metrics;
      Map<String, Object> contention;
      if (floor) {
        try (FloorApp floorApp = FloorApp.start(settings.toConfig(cluster, app))) {
          CpuContention before = CpuContention.now();
          samples = sample(cluster, app);
          contention = CpuContention.now().since(before);
          metrics = EngineMetrics.of(floorApp.streams());
        }
      } else {
        try (EngineService engine = EngineService.start(settings.toConfig(cluster, app));
            GatewayService gateway = GatewayService.start(cluster.gatewayConfig())) {
          CpuContention before = CpuContention.now();
          samples = sample(cluster, app);
          contention = CpuContention.now().since(before);
          log.printf("  gateway: %s%n", gateway.counters());
          metrics = EngineMetrics.of(engine.streams());
        }
      }
      Map<String, Object> result = result(cluster, samples, produceSeconds);
      result.put("cpuDuringRun", contention);
      result.put("streamsMetrics", metrics);
      return result;
    }
  }

  private long produce(BenchCluster cluster) {
    long start = System.nanoTime();
    BookSetup setup = new BookSetup(symbols, booksPerSymbol, 0.05, 42);
    try (KafkaProducer<byte[], byte[]> producer = cluster.producer(5)) {
      produceClientOrders(producer, setup);
      produceTicks(producer, setup, ticks);
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    log.printf("  produced %d client orders and %d ticks in %d s%n", setup.books(), ticks, seconds);
    return seconds;
  }

  /** Event time of the first tick's step, 2026-01-01 UTC. */
  static final long T0_MICROS = 1_767_225_600_000_000L;

  /** Each book's client trade (one per book, 365 days to expiry), flushed. */
  static void produceClientOrders(KafkaProducer<byte[], byte[]> producer, BookSetup setup) {
    for (int s = 0; s < setup.symbols(); s++) {
      for (byte[] order : setup.clientOrders(s, T0_MICROS, 365)) {
        producer.send(new ProducerRecord<>(Topics.ORDERS_CLIENT.name(), BookSetup.key(s), order));
      }
    }
    producer.flush();
  }

  /** {@code ticks} ticks round robin over the symbols, {@link #TICK_SPACING_MICROS} apart per symbol, flushed. */
  static void produceTicks(KafkaProducer<byte[], byte[]> producer, BookSetup setup, int ticks) {
    for (int i = 0; i < ticks; i++) {
      int s = i % setup.symbols();
      long eventMicros = T0_MICROS + (i / setup.symbols() + 1L) * TICK_SPACING_MICROS;
      producer.send(new ProducerRecord<>(Topics.MD_TICKS.name(), BookSetup.key(s), setup.nextTick(s, eventMicros)));
    }
    producer.flush();
  }

  /** Samples (nanoTime, committed ticks) until every tick is committed. */
  private List<long[]> sample(BenchCluster cluster, String app) throws InterruptedException {
    long target = cluster.endOffsets(Topics.MD_TICKS.name());
    List<long[]> samples = new ArrayList<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    long committed = 0;
    long nextLog = System.nanoTime();
    while (committed < target) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("engine committed only " + committed + " of " + target + " ticks in " + TIMEOUT);
      }
      Thread.sleep(SAMPLE.toMillis());
      committed = cluster.committed(app, Topics.MD_TICKS.name());
      samples.add(new long[] {System.nanoTime(), committed});
      if (System.nanoTime() >= nextLog) {
        log.printf("  %,d of %,d ticks committed%n", committed, target);
        nextLog = System.nanoTime() + 5_000_000_000L;
      }
    }
    return samples;
  }

  private Map<String, Object> result(BenchCluster cluster, List<long[]> samples, long produceSeconds) {
    long[] first = samples.stream().filter(s -> s[1] > 0).findFirst().orElseThrow();
    long[] last = samples.get(samples.size() - 1);
    double seconds = (last[0] - first[0]) / 1e9;
    double rate = (last[1] - first[1]) / seconds;
    List<Map<String, Object>> series = new ArrayList<>();
    for (long[] sample : samples) {
      if (sample[1] > 0 && (series.isEmpty() || sample == last || (sample[0] - first[0]) / 1_000_000_000L
          > ((Number) series.get(series.size() - 1).get("second")).longValue())) {
        series.add(Map.of("second", (sample[0] - first[0]) / 1_000_000_000L, "ticksCommitted", sample[1]));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("subject", floor ? "floor (pass-through Kafka Streams app)" : "engine");
    out.put("engine", settings.describe());
    out.put("ticks", ticks);
    out.put("symbols", symbols);
    out.put("books", symbols * booksPerSymbol);
    out.put("partitions", cluster.partitions());
    out.put("tickEventSpacingPerSymbol", Duration.ofNanos(TICK_SPACING_MICROS * 1000).toString());
    out.put("produceSeconds", produceSeconds);
    out.put("measuredTicks", last[1] - first[1]);
    out.put("measuredSeconds", round(seconds, 3));
    out.put("ticksPerSecond", Math.round(rate));
    out.put("committedTicksBySecond", series);
    if (floor) {
      log.printf("  floor %s: %,d ticks in %.1f s = %,.0f ticks/s%n", settings.guarantee(), last[1] - first[1],
          seconds, rate);
      return out;
    }
    long decisions = OutputCounter.count(cluster, Topics.PNL_EVENTS.name());
    Map<String, Long> ordersBySource = OutputCounter.countBy(cluster, Topics.ORDERS_HEDGE.name(),
        OrderSource::of);
    long orders = ordersBySource.values().stream().mapToLong(Long::longValue).sum();
    long fills = OutputCounter.count(cluster, Topics.FILLS_HEDGE.name());
    out.put("ticksPerDecisionOfASymbol", settings.decisionInterval().toNanos() / (TICK_SPACING_MICROS * 1000));
    out.put("decisions", decisions);
    out.put("decisionsPerTick", round((double) decisions / ticks, 4));
    out.put("hedgeOrders", orders);
    out.put("hedgeOrdersByReasonAndPolicy", ordersBySource);
    out.put("fills", fills);
    log.printf("  %s: %,d ticks in %.1f s = %,.0f ticks/s (%,d decisions, %,d orders, %,d fills)%n",
        settings.guarantee(), last[1] - first[1], seconds, rate, decisions, orders, fills);
    return out;
  }


  static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}
