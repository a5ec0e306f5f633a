package io.hedgestream.launcher;

import io.hedgestream.broker.EmbeddedKafkaBroker;
import io.hedgestream.engine.EngineConfig;
import io.hedgestream.engine.EngineService;
import io.hedgestream.feed.FeedConfig;
import io.hedgestream.feed.FeedService;
import io.hedgestream.gateway.GatewayConfig;
import io.hedgestream.gateway.GatewayService;
import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.kafka.TopicAdmin;
import io.hedgestream.launcher.status.DemoStatus;
import io.hedgestream.monitor.MonitorService;
import io.hedgestream.launcher.status.StatusLine;
import io.hedgestream.launcher.status.StatusSnapshot;
import io.hedgestream.schemas.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@code hedge demo} as a story: start the monitor's dashboard, the broker (or use the given cluster), create
 * the topics, attach the monitor, start the paper gateway, the engine and the feed, print a status line every second until Ctrl-C or the duration,
 * then stop everything in reverse order.
 */
public final class DemoRunner {

  private final DemoConfig demo;
  private final Properties services;
  private final PrintWriter out;

  /**
   * A demo run.
   *
   * @param demo the demo's own settings
   * @param services the layered properties of the services (engine.*, feed.*, gateway.*, kafka.*)
   * @param out where the status lines go
   */
  public DemoRunner(DemoConfig demo, Properties services, PrintWriter out) {
    this.demo = demo;
    this.services = services;
    this.out = out;
  }

  /**
   * Runs the demo until its duration passes or the JVM is asked to stop.
   *
   * @return the pipeline's totals at the end, as the status consumer saw them
   */
  public StatusSnapshot run() throws Exception {
    try (StopSignal stop = StopSignal.install()) {
      return run(stop);
    }
  }

  StatusSnapshot run(StopSignal stop) throws Exception {
    Map<String, Object> passThrough = KafkaClients.passThrough(services);
    StatusSnapshot last;
    try (ClosingStack stack = new ClosingStack()) {
      DashboardStart dashboard = DashboardStart.serve(services);
      MonitorService monitor = stack.push("monitor", dashboard.monitor());
      say("monitor at " + monitor.url() + dashboard.note() + ", Prometheus metrics at " + monitor.url() + "metrics");
      Path workDir = workDir(stack);
      String bootstrap = demo.bootstrapServers().orElseGet(() -> startBroker(stack, workDir));
      TopicAdmin.ensureTopics(bootstrap, passThrough, demo.partitions(), Topics.allNames());
      monitor.attach(bootstrap);
      Properties props = forServices(bootstrap, workDir);
      DemoStatus status = stack.push("status consumer", DemoStatus.start(bootstrap, passThrough));
      GatewayConfig gatewayConfig = GatewayConfig.from(props);
      EngineConfig engineConfig = EngineConfig.from(props);
      FeedConfig feedConfig = FeedConfig.from(props);
      GatewayService gatewayService = stack.push("gateway", GatewayService.start(gatewayConfig));
      ServiceRun.Watch gateway = ServiceHealth.of(gatewayService);
      EngineService engineService = stack.push("engine", EngineService.start(engineConfig));
      ServiceRun.Watch engine = ServiceHealth.of(engineService);
      FeedService feedService = stack.push("feed", FeedService.start(feedConfig));
      ServiceRun.Watch feed = ServiceHealth.of(feedService);
      say("feed " + String.join(",", feedConfig.symbols()) + " (" + feedConfig.orderFlow().booksPerSymbol()
          + " books each, " + marketName(feedConfig) + ", "
          + feedConfig.speed() + "), engine (" + engineConfig.policyName() + " policy, "
          + engineConfig.processingGuarantee() + "), " + (gatewayConfig.route().equals("fix")
              ? "gateway over FIX 4.4 to the paper venue's acceptor (loopback)" : "paper gateway") + "; "
          + demo.duration().map(d -> "running " + d.toSeconds() + " s").orElse("Ctrl-C to stop"));
      say("metrics: engine " + engineService.metrics().url().orElse("off") + ", gateway "
          + gatewayService.metrics().url().orElse("off") + ", feed " + feedService.metrics().url().orElse("off"));
      last = printUntilStopped(stop, status, Map.of("gateway", gateway, "engine", engine, "feed", feed,
              "monitor", ServiceHealth.of(monitor)),
          gatewayService::routeStatus);
      say("stopping");
    }
    say("stopped");
    return last;
  }

  private StatusSnapshot printUntilStopped(StopSignal stop, DemoStatus status, Map<String, ServiceRun.Watch> watches,
      java.util.function.Supplier<String> routeStatus) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = demo.duration().map(d -> start + d.toNanos()).orElse(Long.MAX_VALUE);
    StatusSnapshot previous = status.snapshot();
    long previousAt = start;
    while (System.nanoTime() < deadline) {
      Duration wait = Duration.ofNanos(Math.min(demo.statusInterval().toNanos(), deadline - System.nanoTime()));
      if (stop.await(wait)) {
        break;
      }
      long now = System.nanoTime();
      StatusSnapshot current = status.snapshot();
      String route = routeStatus.get();
      out.println(StatusLine.format(Duration.ofNanos(now - start), previous, current,
          Duration.ofNanos(now - previousAt)) + (route.isEmpty() ? "" : " | " + route));
      out.flush();
      previous = current;
      previousAt = now;
      throwIfFailed(watches);
    }
    return status.snapshot();
  }

  /** Ends the demo when a service failed: a status line that silently stops moving helps nobody. */
  private static void throwIfFailed(Map<String, ServiceRun.Watch> watches) {
    for (Map.Entry<String, ServiceRun.Watch> w : watches.entrySet()) {
      Optional<Throwable> failure = w.getValue().failure().get();
      if (failure.isPresent()) {
        throw new IllegalStateException("the " + w.getKey() + " failed: " + failure.get(), failure.get());
      }
    }
  }

  /** The service properties with the demo's broker, state directory and client settings filled in. */
  private Properties forServices(String bootstrap, Path workDir) {
    Properties props = new Properties();
    props.putAll(services);
    props.putAll(ServiceProperties.bootstrapServers(bootstrap));
    props.putIfAbsent("engine.state.dir", workDir.resolve("engine-state").toString());
    props.putIfAbsent("gateway.fix.state-dir", workDir.resolve("gateway-state").toString());
    // Each service's Prometheus endpoint on a free port (they share this JVM); the banner prints them.
    for (String service : java.util.List.of("engine", "gateway", "feed")) {
      props.putIfAbsent(service + ".metrics.port", "0");
    }
    props.keySet().removeIf(k -> k.toString().startsWith("demo."));
    return props;
  }

  private String startBroker(ClosingStack stack, Path workDir) {
    long t0 = System.nanoTime();
    EmbeddedKafkaBroker broker = stack.push("kafka broker", EmbeddedKafkaBroker.start(workDir.resolve("kafka")));
    say("in-JVM Kafka broker at " + broker.bootstrapServers() + " ready in "
        + (System.nanoTime() - t0) / 1_000_000 + " ms");
    return broker.bootstrapServers();
  }

  /** The given work dir, or a temporary one that is deleted after everything else has closed. */
  private Path workDir(ClosingStack stack) throws IOException {
    if (demo.workDir().isPresent()) {
      return Files.createDirectories(demo.workDir().get());
    }
    Path temp = Files.createTempDirectory("hedge-demo-");
    stack.push("work dir", () -> deleteRecursively(temp));
    return temp;
  }

  private void say(String message) {
    out.println("hedge demo: " + message);
    out.flush();
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The simulated market for the banner: {@code sabr-book}, or the flow scenario's model ({@code gbm}, {@code heston}). */
  private static String marketName(FeedConfig feed) {
    return feed.scenario() == io.hedgestream.feed.Scenario.SABR_BOOK ? feed.scenario().propertyValue()
        : feed.market().model().name().toLowerCase(java.util.Locale.ROOT);
  }
}
