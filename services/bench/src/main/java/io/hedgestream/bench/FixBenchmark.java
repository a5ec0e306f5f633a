package io.hedgestream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.InstrumentType;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.Side;
import io.hedgestream.gateway.ExecutionListener;
import io.hedgestream.gateway.OrderRoute;
import io.hedgestream.gateway.PaperExchange;
import io.hedgestream.gateway.PaperExchangeConfig;
import io.hedgestream.gateway.Rejection;
import io.hedgestream.gateway.fix.FixRoute;
import io.hedgestream.gateway.fix.FixSettings;
import io.hedgestream.gateway.fix.PaperFixVenue;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * {@code ./hedge bench-fix}: the FIX route's order to ExecutionReport round trip over loopback against the
 * paper venue's acceptor, measured at the gateway's route boundary ({@link OrderRoute#submit} to the fill
 * reaching the {@link ExecutionListener}; Kafka is not in the path). Each order's ClOrdID is forced to the
 * route's journal before its NewOrderSingle leaves, as in production.
 *
 * <ul>
 *   <li>Latency at a fixed rate (default 1,000 orders/s): measured from each order's scheduled send time, so a
 *       stall counts against every order it delays (no coordinated omission); p50/p99/p99.9/max.
 *   <li>Sustained throughput of one session: orders submitted as fast as the route takes them with at most
 *       {@code --window} unanswered, fills per second over the run.
 *   <li>The reference in the same run: the same orders through the in-process paper exchange (no FIX), so
 *       the FIX session's cost reads as a difference on the same machine at the same moment.
 * </ul>
 *
 * <p>Arguments: {@code --out FILE} (default services/bench/results/fix.json), {@code --rate N}, {@code --seconds
 * N} (measured, after {@code --warmup N} seconds), {@code --throughput-orders N}, {@code --window N},
 * {@code --state-dir DIR} (where the journal and message stores go; default a temporary directory).
 */
public final class FixBenchmark {

  private static final String SYMBOL = "BENCH";
  /** The paper exchange as the gateway runs it by default: 1 bp fee, no latency, whole fills. */
  private static final PaperExchangeConfig PAPER = new PaperExchangeConfig(1.0, 0, 0, 10_000);

  private FixBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    Path out = Path.of(options.getOrDefault("--out", "services/bench/results/fix.json"));
    int rate = Integer.parseInt(options.getOrDefault("--rate", "1000"));
    int seconds = Integer.parseInt(options.getOrDefault("--seconds", "20"));
    int warmup = Integer.parseInt(options.getOrDefault("--warmup", "5"));
    int throughputOrders = Integer.parseInt(options.getOrDefault("--throughput-orders", "100000"));
    int window = Integer.parseInt(options.getOrDefault("--window", "2000"));
    // The route's state (ClOrdID journal, message stores): a temporary directory on the default file system,
    // or --state-dir (e.g. a tmpfs, to see what the forced journal writes cost).
    Path work = options.containsKey("--state-dir")
        ? Files.createTempDirectory(Files.createDirectories(Path.of(options.get("--state-dir"))), "hedge-bench-fix-")
        : Files.createTempDirectory("hedge-bench-fix-");

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "FIX route round trip: OrderRoute.submit -> NewOrderSingle over loopback FIX 4.4 -> paper "
        + "venue acceptor -> ExecutionReport -> fill at the listener; ClOrdID journal forced before each send batch; "
        + "QuickFIX/J message logging at WARN (off)");
    result.put("command", "./hedge bench-fix " + String.join(" ", args));
    result.put("machine", MachineInfo.describe());
    result.put("started", Instant.now().toString());
    result.put("state_dir", work.toString());
    result.put("rate_orders_per_s", rate);
    result.put("measured_seconds", seconds);
    result.put("warmup_seconds", warmup);

    Map<String, Object> paper = new LinkedHashMap<>();
    Map<String, Object> fix = new LinkedHashMap<>();
    try (Venue venue = new Venue(work)) {
      Bench fixBench = new Bench(venue::route);
      Bench paperBench = new Bench(listener -> new PaperExchange(PAPER, listener));
      System.out.printf("bench-fix: warm-up %d s at %d orders/s%n", warmup, rate);
      fixBench.paced("warm-fix", rate, warmup);
      paperBench.paced("warm-paper", rate, warmup);
      System.out.printf("bench-fix: %d s at %d orders/s, FIX then paper%n", seconds, rate);
      fix.put("paced", fixBench.paced("fix", rate, seconds));
      paper.put("paced", paperBench.paced("paper", rate, seconds));
      System.out.printf("bench-fix: throughput, %d orders, at most %d unanswered%n", throughputOrders, window);
      fix.put("throughput", fixBench.saturate("fix-max", throughputOrders, window));
      paper.put("throughput", paperBench.saturate("paper-max", throughputOrders, window));
      fixBench.close();
      paperBench.close();
    }
    result.put("fix", fix);
    result.put("paper_reference", paper);
    result.put("targets", Map.of("p99_ms_at_1000_per_s", 2.0, "orders_per_s_one_session", 20_000));
    result.put("finished", Instant.now().toString());
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
    System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(
        Map.of("fix", fix, "paper_reference", paper)));
    System.out.println("bench-fix: wrote " + out);
    System.exit(0);
  }

  /** The paper venue's acceptor and the FIX route's files, on a free loopback port. */
  private static final class Venue implements AutoCloseable {
    final PaperFixVenue venue;
    final FixSettings settings;

    Venue(Path work) throws IOException {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      String common = "StartTime=00:00:00\nEndTime=00:00:00\nBeginString=FIX.4.4\nUseDataDictionary=Y\n"
          + "ResetOnLogon=N\nResetOnLogout=N\nResetOnDisconnect=N\nPersistMessages=Y\n";
      Path acceptor = Files.writeString(work.resolve("venue.cfg"), "[default]\nConnectionType=acceptor\n" + common
          + "SocketAcceptAddress=127.0.0.1\nSocketAcceptPort=" + port
          + "\n[session]\nSenderCompID=PAPERVENUE\nTargetCompID=HEDGESTREAM\n");
      Path initiator = Files.writeString(work.resolve("initiator.cfg"), "[default]\nConnectionType=initiator\n" + common
          + "HeartBtInt=30\nReconnectInterval=1\n[session]\nSenderCompID=HEDGESTREAM\nTargetCompID=PAPERVENUE\n"
          + "SocketConnectHost=127.0.0.1\nSocketConnectPort=" + port + "\n");
      venue = new PaperFixVenue(PAPER, acceptor, work, null);
      settings = new FixSettings(initiator, work.resolve("gateway"), null, null, Duration.ZERO, Duration.ofSeconds(10),
          false, acceptor);
    }

    FixRoute route(ExecutionListener listener) {
      FixRoute route = new FixRoute(settings, listener, venue::onMarketData);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!route.loggedOn()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the FIX session did not log on within 30 s");
        }
        sleepMillis(10);
      }
      return route;
    }

    @Override
    public void close() {
      venue.close();
    }
  }

  /** One route under load: submits orders and times each to its (last) fill. */
  private static final class Bench implements ExecutionListener, AutoCloseable {
    private final OrderRoute route;
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile Histogram histogram = new Histogram(3_600_000_000_000L, 3);
    private long sequence;

    Bench(Function<ExecutionListener, OrderRoute> factory) {
      this.route = factory.apply(this);
      MarketTick tick = MarketTick.newBuilder().setSymbol(SYMBOL).setEventTimeMicros(now()).setBid(99.99)
          .setAsk(100.01).setLast(100).setVolume(0).setAtmImpliedVol(0.2).setRate(0).setDividendYield(0).setSabr(null)
          .setSource("bench").build();
      route.onMarketData(tick, () -> { });
      sleepMillis(200);
    }

    /** Orders at {@code rate} per second for {@code seconds}; latency from each order's scheduled time. */
    Map<String, Object> paced(String label, int rate, int seconds) {
      Histogram recorded = new Histogram(3_600_000_000_000L, 3);
      histogram = recorded;
      long count = (long) rate * seconds;
      long doneBefore = done.get();
      long interval = 1_000_000_000L / rate;
      long start = System.nanoTime() + 10_000_000L;
      for (long i = 0; i < count; i++) {
        long scheduled = start + i * interval;
        long wait = scheduled - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
        submit(label, scheduled);
      }
      awaitDone(doneBefore + count);
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("orders", count);
      figures.put("p50_ms", recorded.getValueAtPercentile(50) / 1e6);
      figures.put("p99_ms", recorded.getValueAtPercentile(99) / 1e6);
      figures.put("p99_9_ms", recorded.getValueAtPercentile(99.9) / 1e6);
      figures.put("max_ms", recorded.getMaxValue() / 1e6);
      figures.put("mean_ms", recorded.getMean() / 1e6);
      figures.put("rejected", rejected.get());
      System.out.printf("  %-12s p50 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms%n", label,
          recorded.getValueAtPercentile(50) / 1e6, recorded.getValueAtPercentile(99) / 1e6,
          recorded.getValueAtPercentile(99.9) / 1e6, recorded.getMaxValue() / 1e6);
      return figures;
    }

    /** {@code count} orders as fast as the route takes them, at most {@code window} unanswered. */
    Map<String, Object> saturate(String label, int count, int window) {
      histogram = new Histogram(3_600_000_000_000L, 3);
      long doneBefore = done.get();
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        while ((doneBefore + i) - done.get() >= window) {
          java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        }
        submit(label, System.nanoTime());
      }
      awaitDone(doneBefore + count);
      double elapsed = (System.nanoTime() - start) / 1e9;
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("orders", count);
      figures.put("window", window);
      figures.put("seconds", elapsed);
      figures.put("orders_per_s", count / elapsed);
      System.out.printf("  %-12s %,.0f orders/s (%d orders in %.2f s)%n", label, count / elapsed, count, elapsed);
      return figures;
    }

    private void submit(String label, long startNanos) {
      String id = label + "-" + (++sequence);
      HedgeOrder order = HedgeOrder.newBuilder().setOrderId(id).setBook("bench-book").setSymbol(SYMBOL)
          .setInstrument(SYMBOL).setInstrumentType(InstrumentType.UNDERLYING).setOption(null)
          .setSide(sequence % 2 == 0 ? Side.BUY : Side.SELL).setQuantity(1).setLimitPrice(null)
          .setReason(HedgeReason.POLICY).setPolicyVersion("bench").setDecisionId(id).setEventTimeMicros(now()).build();
      started.put(id, startNanos);
      route.submit(order).ifPresent(rejection -> {
        started.remove(id);
        rejected.incrementAndGet();
        done.incrementAndGet();
      });
    }

    private void awaitDone(long target) {
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (done.get() < target) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("only " + done.get() + " of " + target + " orders answered in 2 minutes");
        }
        sleepMillis(1);
      }
    }

    @Override
    public void onFills(HedgeOrder order, List<Fill> fills) {
      if (fills.get(fills.size() - 1).getLeavesQuantity() > 0) {
        return;
      }
      Long start = started.remove(order.getOrderId());
      if (start != null) {
        histogram.recordValue(Math.max(0, System.nanoTime() - start));
      }
      done.incrementAndGet();
    }

    @Override
    public void onReject(HedgeOrder order, Rejection rejection) {
      started.remove(order.getOrderId());
      rejected.incrementAndGet();
      done.incrementAndGet();
    }

    @Override
    public void close() {
      route.close();
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      options.put(args[i], args[i + 1]);
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("missing value after " + args[args.length - 1]);
    }
    return options;
  }
}
