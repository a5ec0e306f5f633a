package io.hedgestream.launcher;

import io.hedgestream.config.SettingsReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code hedge demo} itself is told (the services it starts read their own {@code engine.*},
 * {@code feed.*}, {@code gateway.*} properties). Property names and defaults:
 *
 * <ul>
 *   <li>{@code demo.duration} [unset: until Ctrl-C] how long to run, e.g. {@code 30s}, {@code 5m}.
 *   <li>{@code demo.bootstrap.servers} [unset: start the in-JVM broker] an external cluster to use.
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
    SettingsReader in = new SettingsReader(props, "demo.");
    Optional<Duration> duration = Optional.ofNullable(in.parsed("demo.duration", null, DurationText::parse));
    Optional<String> bootstrapServers = Optional.ofNullable(in.text("demo.bootstrap.servers", null));
    int partitions = (int) in.integer("demo.partitions", 3, 1, 1000);
    Duration interval = in.parsed("demo.status-interval", Duration.ofSeconds(1), DurationText::parse);
    Optional<Path> workDir = Optional.ofNullable(in.text("demo.work-dir", null)).map(Path::of);
    in.throwIfInvalid("demo");
    return new DemoConfig(duration, bootstrapServers, partitions, interval, workDir);
  }

  /**
   * The service settings the demo starts from (a config file, --set and options override them), with the
   * shipped model as the engine's policy where this installation has it.
   */
  public static Map<String, String> serviceDefaults() {
    Map<String, String> defaults = new java.util.HashMap<>(ShippedPolicy.engineDefaults());
    defaults.putAll(Map.ofEntries(
        Map.entry("feed.symbols", "SPY,QQQ,IWM"),
        Map.entry("feed.orders.books-per-symbol", "2"),
        Map.entry("feed.step-seconds", "10"),
        Map.entry("feed.speed", "x600"),
        Map.entry("feed.orders.rate-per-day", "150"),
        Map.entry("engine.application.id", "hedge-demo")));
    return Map.copyOf(defaults);
  }
}
