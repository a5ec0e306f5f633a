package io.hedgestream.replay;

import io.hedgestream.config.PlaybackSpeed;
import io.hedgestream.config.SettingsReader;
import io.hedgestream.metrics.ServiceMetrics;
import io.hedgestream.replay.flow.FlowSettings;
import io.hedgestream.replay.publish.PublishSettings;
import io.hedgestream.replay.ticks.TickSettings;
import io.hedgestream.replay.window.NamedWindows;
import io.hedgestream.replay.window.ReplayWindow;
import io.hedgestream.replaydata.DataDirectory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Configuration of a replay, read from {@code replay.*} properties (defaults in brackets):
 * <ul>
 *   <li>{@code replay.data.dir} [-Dhedge.data.dir, else HEDGE_DATA_DIR, else replay-data/data]: the CSVs;</li>
 *   <li>{@code replay.data.verify-sha256} [true]: refuse files whose sha256 differs from the manifest;</li>
 *   <li>{@code replay.queue.dir} [replay-data/queue under hedge.home or the working directory; git-ignored];</li>
 *   <li>{@code replay.symbol} [SPY], {@code replay.tick.half-spread-bps} [1.0], {@code replay.tick.intraday}
 *       [false]: see {@link TickSettings};</li>
 *   <li>{@code replay.window} [all] one of {@link NamedWindows#names()}; {@code replay.from} /
 *       {@code replay.to} [unset] ISO dates of a custom window;</li>
 *   <li>{@code replay.flow} [hirm] hirm|poisson|book|none; {@code replay.flow.book} [&lt;symbol&gt;-&lt;flow&gt;];
 *       {@code replay.flow.client} [&lt;flow&gt;]; {@code replay.flow.run-id} [replay];
 *       {@code replay.flow.contracts} [1]; {@code replay.flow.multiplier} [100];
 *       {@code replay.flow.tenor-days} [60]; {@code replay.flow.strike-step} [0 = unrounded close];
 *       {@code replay.flow.poisson.rate-per-day} [1.0]; {@code replay.flow.seed} [42];
 *       {@code replay.flow.book-file} [unset, required for book]: see {@link FlowSettings};</li>
 *   <li>{@code replay.bootstrap.servers} [localhost:9092], {@code replay.speed} [max] max|realtime|x&lt;N&gt;;</li>
 *   <li>{@code kafka.*}: producer settings, prefix stripped.</li>
 * </ul>
 *
 * @param dataDir where the CSV files are
 * @param verifySha256 whether the files must match the manifests' sha256
 * @param queueDir the Chronicle queue's directory
 * @param ticks tick construction
 * @param window the dates to replay
 * @param flow the liability flow
 * @param publish cluster and speed
 */
public record ReplayConfig(DataDirectory dataDir, boolean verifySha256, Path queueDir, TickSettings ticks,
    ReplayWindow window, FlowSettings flow, PublishSettings publish) {

  private static final Set<String> RESERVED = Set.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
      ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
      ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, ProducerConfig.ACKS_CONFIG);

  /**
   * Reads and validates the configuration.
   *
   * @param properties the settings
   * @return the configuration
   * @throws IllegalArgumentException listing every invalid or unknown {@code replay.*} setting
   */
  public static ReplayConfig from(Properties properties) {
    SettingsReader in = new SettingsReader(properties, "replay.");
    DataDirectory dataDir = DataDirectory.resolve(in.text("replay.data.dir", null));
    boolean verify = in.bool("replay.data.verify-sha256", true);
    String home = System.getProperty("hedge.home");
    Path queueDir = Path.of(in.text("replay.queue.dir",
        (home == null || home.isBlank() ? Path.of("") : Path.of(home)).resolve("replay-data/queue").toString()));
    String symbol = in.text("replay.symbol", "SPY");
    double halfSpread = in.decimal("replay.tick.half-spread-bps", 1.0, v -> v >= 0 && v < 10_000, "in [0, 10000)");
    boolean intraday = in.bool("replay.tick.intraday", false);
    ReplayWindow window = in.parsed("replay.window", NamedWindows.ALL, name -> NamedWindows.resolve(name, null, null));
    String from = in.text("replay.from", null);
    String to = in.text("replay.to", null);
    if (from != null || to != null) {
      window = in.parsed("replay.from", window, ignored -> NamedWindows.resolve(null, from, to));
    }
    FlowSettings flow = flow(in, symbol);
    String bootstrap = in.text("replay.bootstrap.servers", "localhost:9092");
    PlaybackSpeed speed = in.parsed("replay.speed", PlaybackSpeed.MAX, PlaybackSpeed::parse);
    var overrides = in.kafkaOverrides(RESERVED);
    ServiceMetrics.Settings metrics = ServiceMetrics.Settings.from(in, "replay.", -1);
    in.throwIfInvalid("replay");
    return new ReplayConfig(dataDir, verify, queueDir, new TickSettings(symbol, halfSpread, intraday), window, flow,
        new PublishSettings(bootstrap, speed, overrides, metrics));
  }

  private static FlowSettings flow(SettingsReader in, String symbol) {
    List<String> kinds = Arrays.stream(FlowSettings.Kind.values()).map(FlowSettings.Kind::label).toList();
    FlowSettings.Kind kind = FlowSettings.Kind.valueOf(in.choice("replay.flow", "hirm", kinds).toUpperCase(Locale.ROOT));
    String book = in.text("replay.flow.book", symbol + "-" + kind.label());
    String client = in.text("replay.flow.client", kind.label());
    String runId = in.text("replay.flow.run-id", "replay");
    double contracts = in.positiveDecimal("replay.flow.contracts", 1);
    double multiplier = in.positiveDecimal("replay.flow.multiplier", 100);
    long tenor = in.integer("replay.flow.tenor-days", 60, 1, 3650);
    double strikeStep = in.decimal("replay.flow.strike-step", 0, v -> v >= 0, ">= 0");
    double rate = in.decimal("replay.flow.poisson.rate-per-day", 1.0, v -> v >= 0 && v <= 1000, "in [0, 1000]");
    long seed = in.integer("replay.flow.seed", 42, v -> true, "an integer");
    String bookFile = in.text("replay.flow.book-file", null);
    if (kind == FlowSettings.Kind.BOOK && bookFile == null) {
      in.error("replay.flow=book needs replay.flow.book-file (--book-file)");
      kind = FlowSettings.Kind.NONE;
    }
    return new FlowSettings(kind, book, client, runId, contracts, multiplier, (int) tenor, strikeStep, rate, seed,
        bookFile == null ? null : Path.of(bookFile));
  }
}
