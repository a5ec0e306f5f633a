package io.hedgestream.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * What {@code hedge demo} itself is told (the services it starts read their own {@code engine.*},
 * {@code feed.*}, {@code gateway.*} properties). Property names and defaults:
 *
 * <ul>
 *   <li>{@code demo.duration} [unset: until Ctrl-C] how long to run, e.g. {@code 30s}, {@code 5m}.
 *   <li>{@code demo.bootstrap-servers} [unset: start the in-JVM broker] an external cluster to use.
 *   <li>{@code demo.partitions} [3] partitions of each topic the demo creates.
 *   <li>{@code demo.status-interval} [1s] time between status lines.
 *   <li>{@code demo.work-dir} [unset: a temporary directory deleted at exit] where the in-JVM broker and
 *       the engine keep their data.
 * </ul>
 *
 * <p>The demo's defaults for the services ({@link #serviceDefaults()}) are a small desk that trades visibly
 * within seconds: three symbols, two books each, a GBM market at 10 simulated seconds per tick replayed
 * 600 times faster than real time, and brisk client flow.
 *
 * @param duration how long to run; empty = until stopped
 * @param bootstrapServers an external cluster; empty = the in-JVM broker
 * @param partitions partitions per created topic
 * @param statusInterval time between status lines
 * @param workDir data directory; empty = a temporary one
 */
public record DemoConfig(Optional<Duration> duration, Optional<String> bootstrapServers, int partitions,
    Duration statusInterval, Optional<Path> workDir) {

  /** Names this config reads; any other {@code demo.*} name is rejected as a likely typo. */
  static final Set<String> NAMES = Set.of("demo.duration", "demo.bootstrap-servers", "demo.partitions",
      "demo.status-interval", "demo.work-dir");

  /** Validates the fields. */
  public DemoConfig {
    if (partitions < 1 || partitions > 1000) {
      throw new IllegalArgumentException("demo.partitions must be in [1, 1000], was " + partitions);
    }
  }

  /**
   * Reads the {@code demo.*} properties.
   *
   * @throws IllegalArgumentException listing every invalid or unknown {@code demo.*} property
   */
  public static DemoConfig from(Properties props) {
    List<String> problems = new ArrayList<>();
    for (String name : props.stringPropertyNames()) {
      if (name.startsWith("demo.") && !NAMES.contains(name)) {
        problems.add("unknown property " + name + " (known: " + String.join(", ", NAMES.stream().sorted().toList()) + ")");
      }
    }
    Optional<Duration> duration = text(props, "demo.duration").flatMap(v -> duration(v, "demo.duration", problems));
    Duration interval = text(props, "demo.status-interval")
        .flatMap(v -> duration(v, "demo.status-interval", problems)).orElse(Duration.ofSeconds(1));
    int partitions = 3;
    Optional<String> partitionText = text(props, "demo.partitions");
    if (partitionText.isPresent()) {
      try {
        partitions = Integer.parseInt(partitionText.get());
      } catch (NumberFormatException e) {
        problems.add("demo.partitions=" + partitionText.get() + ": not an integer");
      }
    }
    if (partitions < 1 || partitions > 1000) {
      problems.add("demo.partitions=" + partitions + ": must be in [1, 1000]");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid demo configuration:\n  - " + String.join("\n  - ", problems));
    }
    return new DemoConfig(duration, text(props, "demo.bootstrap-servers"), partitions, interval,
        text(props, "demo.work-dir").map(Path::of));
  }

  /** The service settings the demo starts from (a config file, --set and options override them). */
  public static Map<String, String> serviceDefaults() {
    return Map.ofEntries(
        Map.entry("feed.symbols", "SPY,QQQ,IWM"),
        Map.entry("feed.orders.books-per-symbol", "2"),
        Map.entry("feed.step-seconds", "10"),
        Map.entry("feed.speed", "x600"),
        Map.entry("feed.orders.rate-per-day", "150"),
        Map.entry("engine.application.id", "hedge-demo"));
  }

  private static Optional<String> text(Properties props, String name) {
    String value = props.getProperty(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static Optional<Duration> duration(String value, String name, List<String> problems) {
    try {
      return Optional.of(DurationText.parse(value));
    } catch (IllegalArgumentException e) {
      problems.add(name + "=" + value + ": " + e.getMessage());
      return Optional.empty();
    }
  }
}
