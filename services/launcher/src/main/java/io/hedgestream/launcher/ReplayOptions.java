package io.hedgestream.launcher;

import io.hedgestream.replay.ReplayConfig;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every replay command shares: the data and queue directories, tick settings, config layers. */
public final class ReplayOptions {

  @Mixin
  ConfigOptions config;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The CSV files (replay.data.dir; default -Dhedge.data.dir, $HEDGE_DATA_DIR, replay-data/data).")
  String dataDir;

  @Option(names = "--queue-dir", paramLabel = "DIR",
      description = "The Chronicle queue (replay.queue.dir; default replay-data/queue).")
  String queueDir;

  @Option(names = "--intraday", description = "Also tick each day's open, high and low (replay.tick.intraday).")
  Boolean intraday;

  @Option(names = "--half-spread-bps", paramLabel = "BPS", description = "Quote half-spread (replay.tick.half-spread-bps, default 1).")
  Double halfSpreadBps;

  /** Used by picocli. */
  public ReplayOptions() {}

  /**
   * The replay configuration: defaults, config files, --set, then these options and {@code extra}.
   *
   * @param extra the calling command's typed options as properties
   * @return the validated configuration
   */
  ReplayConfig resolve(Map<String, String> extra) {
    Map<String, String> typed = new HashMap<>();
    put(typed, "replay.data.dir", dataDir);
    put(typed, "replay.queue.dir", queueDir);
    put(typed, "replay.tick.intraday", intraday);
    put(typed, "replay.tick.half-spread-bps", halfSpreadBps);
    put(typed, "replay.bootstrap.servers", config.bootstrapServers);
    typed.putAll(extra);
    var props = config.resolve(Map.of(), typed);
    // --bootstrap-servers also sets the other services' names (ConfigOptions); replay reads only its own.
    props.keySet().removeIf(name -> String.valueOf(name).endsWith(".bootstrap.servers")
        && !String.valueOf(name).startsWith("replay."));
    return ReplayConfig.from(props);
  }

  static void put(Map<String, String> typed, String name, Object value) {
    if (value != null) {
      typed.put(name, value.toString());
    }
  }
}
