package io.hedgestream.launcher;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hedge demo}: the whole pipeline on an in-JVM Kafka broker, with a live status line. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Start a real single-node Kafka broker inside this JVM, create the topics, run the simulated feed, "
            + "the hedging engine and the paper gateway, and print a status line every second: ticks/s, "
            + "client orders, decisions, hedge orders, fills, books, net delta, cumulative PnL, worst book "
            + "CVaR95 and dead letters, read back from the topics. Ctrl-C stops it cleanly.",
        "Properties: demo.* (see DemoConfig), engine.*, feed.*, gateway.*, kafka.* (prefix stripped, to "
            + "every Kafka client)."})
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--duration", paramLabel = "TIME", description = "Stop after this long, e.g. 30s, 5m (demo.duration).")
  Duration duration;

  @Option(names = "--symbols", split = ",", paramLabel = "SYM,...", hideParamSyntax = true,
      description = "Symbols to simulate (feed.symbols; default SPY,QQQ,IWM).")
  List<String> symbols;

  @Option(names = "--books", paramLabel = "N", description = "Books per symbol (feed.orders.books-per-symbol; default 2).")
  Integer books;

  @Option(names = "--speed", paramLabel = "realtime|xN|max",
      description = "Simulated time per wall second (feed.speed; default x600 at 10 s per tick).")
  String speed;

  @Option(names = "--seed", paramLabel = "N", description = "Random seed of market and order flow (feed.seed).")
  Long seed;

  @Option(names = "--policy", paramLabel = "delta|none|MODEL",
      description = "Hedge policy (engine.policy): delta, none, or a model directory; default the shipped model "
          + "models/" + ShippedPolicy.NAME + ".")
  String policy;

  @Option(names = "--scenario", paramLabel = "flow|sabr-book",
      description = "What to simulate: flow (GBM market, random client flow; the default) or sabr-book (the trainer's "
          + "SABR book environment, delta policy, options charged 0.5%% of value). Its settings are defaults "
          + "that --config and --set override.")
  String scenario;

  @Option(names = "--route", paramLabel = "paper|fix",
      description = "How hedge orders reach the paper venue (gateway.route): paper (in process, the default) or fix "
          + "(a real FIX 4.4 session over loopback: the gateway's initiator, deploy/config/fix-initiator.cfg, to the "
          + "paper venue's acceptor, deploy/config/fix-paper-venue.cfg, port 9880).")
  String route;

  @Option(names = "--path-out", paramLabel = "FILE",
      description = "Write the simulated path (per symbol and day: time, spot, SABR alpha, orders) to this CSV "
          + "file (feed.path-out).")
  String pathOut;

  @Option(names = "--partitions", paramLabel = "N", description = "Partitions per topic (demo.partitions; default 3).")
  Integer partitions;

  @Mixin
  ConfigOptions config;

  @Spec
  CommandSpec spec;

  /** Used by picocli. */
  DemoCommand() {}

  @Override
  public Integer call() throws Exception {
    Map<String, String> defaults = new LinkedHashMap<>(DemoConfig.serviceDefaults());
    defaults.putAll(Scenarios.defaults(scenario));
    Properties props = config.resolve(defaults, typedOptions());
    DemoConfig demo = DemoConfig.from(props);
    new DemoRunner(demo, props, spec.commandLine().getOut()).run();
    return 0;
  }

  /**
   * The gateway settings of {@code --route}: for fix, the FIX route with the paper venue's acceptor in the same
   * process, on the shipped session files.
   */
  static Map<String, String> routeOptions(String route) {
    if (route.equals("paper")) {
      return Map.of("gateway.route", "paper");
    }
    if (!route.equals("fix")) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new DemoCommand()),
          "--route " + route + ": paper or fix");
    }
    return Map.of("gateway.route", "fix", "gateway.fix.paper-venue", "true",
        "gateway.fix.session-file", Shipped.locate("deploy/config/fix-initiator.cfg").toString(),
        "gateway.fix.venue-session-file", Shipped.locate("deploy/config/fix-paper-venue.cfg").toString());
  }

  private Map<String, String> typedOptions() {
    Map<String, String> p = new LinkedHashMap<>(FeedCommand.feedOptions(symbols, books, speed, seed));
    if (duration != null) {
      p.put("demo.duration", duration.toMillis() + "ms");
    }
    if (policy != null) {
      p.put("engine.policy", policy);
    }
    if (pathOut != null) {
      p.put("feed.path-out", pathOut);
    }
    if (route != null) {
      p.putAll(routeOptions(route));
    }
    if (partitions != null) {
      p.put("demo.partitions", partitions.toString());
    }
    if (config.bootstrapServers != null) {
      p.put("demo.bootstrap.servers", config.bootstrapServers);
    }
    return p;
  }
}
