package io.hedgestream.launcher;

import io.hedgestream.feed.FeedConfig;
import io.hedgestream.feed.FeedService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hedge feed}: publishes simulated ticks and client orders to a cluster. */
@Command(name = "feed", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Publish simulated market ticks (GBM or Heston) and Poisson client option orders.",
        "Properties: feed.* (see FeedConfig) and kafka.* (client settings, prefix stripped)."})
final class FeedCommand implements Callable<Integer> {

  @Mixin
  ConfigOptions config;

  @Option(names = "--symbols", split = ",", paramLabel = "SYM,...", hideParamSyntax = true, description = "Symbols (feed.symbols).")
  List<String> symbols;

  @Option(names = "--books", paramLabel = "N", description = "Books per symbol (feed.orders.books-per-symbol).")
  Integer books;

  @Option(names = "--speed", paramLabel = "realtime|xN|max", description = "Pacing (feed.speed), e.g. x600.")
  String speed;

  @Option(names = "--seed", paramLabel = "N", description = "Random seed (feed.seed).")
  Long seed;

  @Option(names = "--scenario", paramLabel = "flow|sabr-book",
      description = "What to simulate: flow (the default) or sabr-book (the trainer's SABR book environment; "
          + "feed.scenario and its feed.* defaults, which --config and --set override).")
  String scenario;

  @Option(names = "--path-out", paramLabel = "FILE",
      description = "Write the simulated path to this CSV file (feed.path-out).")
  String pathOut;

  @Option(names = "--duration", paramLabel = "TIME", description = "Stop after this long, e.g. 30s, 5m.")
  Duration duration;

  @Spec
  CommandSpec spec;

  /** Used by picocli. */
  FeedCommand() {}

  @Override
  public Integer call() throws Exception {
    FeedConfig feed = configuration();
    return ServiceRun.run("feed", Optional.ofNullable(duration), spec.commandLine().getOut(), stack -> {
      return ServiceHealth.of(stack.push("feed", FeedService.start(feed)));
    });
  }

  /** The validated configuration this command line starts the feed with. */
  FeedConfig configuration() {
    Map<String, String> typed = new LinkedHashMap<>(feedOptions(symbols, books, speed, seed));
    if (pathOut != null) {
      typed.put("feed.path-out", pathOut);
    }
    return FeedConfig.from(config.resolve(Scenarios.defaults(scenario, "feed."), typed));
  }

  /** The feed properties the typed options set (shared with {@code hedge demo}). */
  static Map<String, String> feedOptions(List<String> symbols, Integer books, String speed, Long seed) {
    Map<String, String> p = new LinkedHashMap<>();
    if (symbols != null) {
      p.put("feed.symbols", String.join(",", symbols));
    }
    if (books != null) {
      p.put("feed.orders.books-per-symbol", books.toString());
    }
    if (speed != null) {
      p.put("feed.speed", speed);
    }
    if (seed != null) {
      p.put("feed.seed", seed.toString());
    }
    return p;
  }
}
