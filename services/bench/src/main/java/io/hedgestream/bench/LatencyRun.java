package io.hedgestream.bench;

import io.hedgestream.engine.EngineService;
import io.hedgestream.gateway.GatewayService;
import io.hedgestream.schemas.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Latency: ticks are offered at a fixed rate (round robin over the symbols, each stamped with the wall
 * clock when sent); event time is wall time, so a book with decision interval {@code d} decides on the first
 * tick of its symbol at least {@code d} after its previous decision, one decision per book per such tick.
 * The books of a symbol are created at evenly spaced ticks of the first interval, so their decisions
 * spread over the ticks instead of coming in bursts. The random walk moves enough for almost every
 * decision to trade, and the paper gateway fills the orders. A read_committed reader of
 * {@code orders.hedge} measures tick-to-order latency ({@link OrderLatencyRecorder}) after a warm-up.
 *
 * <p>The floor scenario offers the same ticks (and client orders) to {@link FloorApp} instead, under the same
 * Kafka Streams settings, and measures tick-to-output latency of every tick the same way.
 */
final class LatencyRun {

  private static final double STEP_STD_DEV = 0.02;
  /**
   * The load generator's producer batches for up to 1 ms, as a market-data adapter would: sending each of 5,000
   * ticks/s in its own request costs the shared broker more than the millisecond it saves.
   */
  private static final int TICK_LINGER_MS = 1;
  private static final Duration DRAIN = Duration.ofSeconds(3);

  private final String name;
  private final boolean floor;
  private final EngineSettings settings;
  private final int rate;
  private final Duration warmup;
  private final Duration measure;
  private final int symbols;
  private final int booksPerSymbol;
  private final PrintStream log;

  /**
   * A latency scenario.
   *
   * @param name the scenario's name (and application id suffix)
   * @param floor true to measure {@link FloorApp} under the same settings and load instead of the engine
   * @param settings the engine's settings (the floor uses their Kafka Streams properties)
   */
  LatencyRun(String name, boolean floor, EngineSettings settings, int rate, Duration warmup, Duration measure,
      int symbols, int booksPerSymbol, PrintStream log) {
    this.name = name;
    this.floor = floor;
    this.settings = settings;
    this.rate = rate;
    this.warmup = warmup;
    this.measure = measure;
    this.symbols = symbols;
    this.booksPerSymbol = booksPerSymbol;
    this.log = log;
  }

  /** Runs the scenario on a fresh broker and returns its figures. */
  Map<String, Object> run() throws InterruptedException {
    try (BenchCluster cluster = BenchCluster.start(symbols)) {
      if (floor) {
        cluster.useLogAppendTime(FloorApp.TOPIC);
        try (FloorApp app = FloorApp.start(settings.toConfig(cluster, "bench-floor-" + name))) {
          if (!app.awaitRunning(Duration.ofSeconds(60))) {
            throw new IllegalStateException("floor did not reach RUNNING: " + app.streams().state());
          }
          return measure(cluster, OrderLatencyRecorder.ofFloor(cluster), app.streams());
        }
      }
      cluster.useLogAppendTime(Topics.ORDERS_HEDGE.name());
      try (EngineService engine = EngineService.start(settings.toConfig(cluster, "bench-latency-" + name));
          GatewayService gateway = GatewayService.start(cluster.gatewayConfig())) {
        if (!engine.awaitRunning(Duration.ofSeconds(60))) {
          throw new IllegalStateException("engine did not reach RUNNING: " + engine.state());
        }
        Map<String, Object> result = measure(cluster, new OrderLatencyRecorder(cluster), engine.streams());
        log.printf("  gateway: %s%n", gateway.counters());
        return result;
      }
    }
  }

  /** Offers the ticks, drains, and returns the figures of {@code recorder} and of the application's metrics. */
  private Map<String, Object> measure(BenchCluster cluster, OrderLatencyRecorder recorder, KafkaStreams streams)
      throws InterruptedException {
    long sent;
    double offeredSeconds;
    Histogram tickAcks = new Histogram(60_000_000L, 3);
    CpuContention before = CpuContention.now();
    Map<String, Object> contention;
    try {
      long start = System.nanoTime();
      sent = offerTicks(cluster, recorder, tickAcks);
      offeredSeconds = (System.nanoTime() - start) / 1e9;
      contention = CpuContention.now().since(before);
      Thread.sleep(DRAIN.toMillis());
    } finally {
      recorder.close();
    }
    Map<String, Object> result = result(recorder, tickAcks, sent, offeredSeconds);
    result.put("cpuDuringRun", contention);
    result.put("streamsMetrics", EngineMetrics.of(streams));
    return result;
  }

  /** Offers ticks at the rate for warm-up plus measurement; books are created one per tick at the start. */
  private long offerTicks(BenchCluster cluster, OrderLatencyRecorder recorder, Histogram tickAcks) {
    BookSetup setup = new BookSetup(symbols, booksPerSymbol, STEP_STD_DEV, 7);
    long intervalNanos = 1_000_000_000L / rate;
    long total = (warmup.toNanos() + measure.toNanos()) / intervalNanos;
    long warmupTicks = warmup.toNanos() / intervalNanos;
    long ticksPerDecision = Math.max(1, settings.decisionInterval().toNanos() / (intervalNanos * symbols));
    long bookSpacing = Math.max(1, ticksPerDecision / booksPerSymbol);
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = cluster.producer(TICK_LINGER_MS)) {
      for (long n = 0; n < total; n++) {
        long due = start + n * intervalNanos;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        int s = (int) (n % symbols);
        long now = BookSetup.nowMicros();
        if (n == warmupTicks) {
          recorder.window(now, now + measure.toNanos() / 1_000);
        }
        boolean measured = n >= warmupTicks;
        producer.send(new ProducerRecord<>(Topics.MD_TICKS.name(), BookSetup.key(s), setup.nextTick(s, now)),
            (metadata, error) -> {
              if (measured && error == null) {
                tickAcks.recordValue(Math.min(Math.max(BookSetup.nowMicros() - now, 0), 60_000_000L));
              }
            });
        long tickOfSymbol = n / symbols;
        if (tickOfSymbol % bookSpacing == 0 && tickOfSymbol / bookSpacing < booksPerSymbol) {
          createBook(producer, setup, s, (int) (tickOfSymbol / bookSpacing), now);
        }
      }
    }
    return total;
  }

  private static Map<String, Object> percentiles(Histogram h) {
    Map<String, Object> micros = new LinkedHashMap<>();
    micros.put("count", h.getTotalCount());
    micros.put("p50", h.getValueAtPercentile(50));
    micros.put("p90", h.getValueAtPercentile(90));
    micros.put("p99", h.getValueAtPercentile(99));
    micros.put("p99.9", h.getValueAtPercentile(99.9));
    micros.put("max", h.getMaxValue());
    micros.put("mean", Math.round(h.getMean()));
    return micros;
  }

  private void createBook(KafkaProducer<byte[], byte[]> producer, BookSetup setup, int symbol, int book, long now) {
    List<byte[]> orders = setup.clientOrders(symbol, now, 30);
    producer.send(new ProducerRecord<>(Topics.ORDERS_CLIENT.name(), BookSetup.key(symbol), orders.get(book)));
  }

  private Map<String, Object> result(OrderLatencyRecorder recorder, Histogram tickAcks, long sent,
      double offeredSeconds) {
    Histogram h = recorder.histogram();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("subject", floor ? "floor (pass-through Kafka Streams app)" : "engine");
    out.put("engine", settings.describe());
    out.put("offeredTicksPerSecond", rate);
    out.put("achievedTicksPerSecond", Math.round(sent / offeredSeconds));
    out.put("symbols", symbols);
    out.put("books", symbols * booksPerSymbol);
    out.put("warmupSeconds", warmup.toSeconds());
    out.put("measuredSeconds", measure.toSeconds());
    out.put("decisionsPerSecondExpected", Math.round(symbols * booksPerSymbol * 1e9
        / settings.decisionInterval().toNanos()));
    out.put("outputsMeasured", h.getTotalCount());
    if (!floor) {
      out.put("policyOrdersReceived", recorder.received());
      out.put("ordersReceivedByReasonAndPolicy", recorder.ordersBySource());
    }
    out.put("latencyMicros", percentiles(h));
    Map<String, Object> parts = new LinkedHashMap<>();
    parts.put("tickSendToBrokerAck", percentiles(tickAcks));
    parts.put("tickSendToOrderAppended", percentiles(recorder.toAppend()));
    parts.put("orderAppendedToReceived", percentiles(recorder.afterAppend()));
    out.put("latencyPartsMicros", parts);
    log.printf("  %s%s: %,d outputs, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms"
        + " (p50/p99 to output append %.1f/%.1f ms, after append %.1f/%.1f ms, tick ack %.1f/%.1f ms)%n",
        floor ? "floor " : "", name,
        h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
        h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, recorder.toAppend().getValueAtPercentile(50) / 1e3,
        recorder.toAppend().getValueAtPercentile(99) / 1e3, recorder.afterAppend().getValueAtPercentile(50) / 1e3,
        recorder.afterAppend().getValueAtPercentile(99) / 1e3, tickAcks.getValueAtPercentile(50) / 1e3,
        tickAcks.getValueAtPercentile(99) / 1e3);
    return out;
  }
}
