package io.hedgestream.monitor;

import io.hedgestream.config.SettingsReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The monitor's settings ({@code monitor.*}).
 *
 * @param bootstrapServers the cluster
 * @param host the address the dashboard binds ({@code 127.0.0.1} unless configured)
 * @param port its port (0: any free port)
 * @param accessToken required of every request when present ({@code monitor.access-token-file} or
 *     {@code HEDGE_MONITOR_TOKEN}); a monitor bound beyond loopback refuses to start without one
 * @param lookBack how far back to rebuild the view on start; empty: from the beginning of every topic
 * @param seriesCapacity chart rows held per book before compaction
 * @param chartPoints points per chart line sent to the browser
 * @param blotterRows newest orders held per book
 * @param kafkaOverrides client settings ({@code kafka.*})
 */
public record MonitorConfig(String bootstrapServers, String host, int port, Optional<String> accessToken,
    Optional<Duration> lookBack, int seriesCapacity, int chartPoints, int blotterRows,
    Map<String, Object> kafkaOverrides) {

  /** The environment variable holding the access token, when no file names it. */
  public static final String TOKEN_ENV = "HEDGE_MONITOR_TOKEN";

  public MonitorConfig {
    if (!isLoopback(host) && accessToken.isEmpty()) {
      throw new IllegalArgumentException("monitor.http.host " + host + " is reachable from other machines: set "
          + "monitor.access-token-file or " + TOKEN_ENV + " so the dashboard asks for a token");
    }
    kafkaOverrides = Map.copyOf(kafkaOverrides);
  }

  /** The configuration from {@code monitor.*} and {@code kafka.*} properties and the environment. */
  public static MonitorConfig from(Properties properties, Map<String, String> env) {
    SettingsReader in = new SettingsReader(properties, "monitor.");
    String bootstrap = in.text("monitor.bootstrap.servers", "localhost:9092");
    String host = in.text("monitor.http.host", "127.0.0.1");
    int port = (int) in.integer("monitor.http.port", 8090, 0, 65_535);
    Optional<String> token = Optional.empty();
    String tokenFile = in.text("monitor.access-token-file", "");
    if (!tokenFile.isEmpty()) {
      try {
        token = Optional.of(Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).strip());
      } catch (IOException e) {
        throw new UncheckedIOException("monitor.access-token-file " + tokenFile + " cannot be read", e);
      }
    } else if (env.containsKey(TOKEN_ENV) && !env.get(TOKEN_ENV).isBlank()) {
      token = Optional.of(env.get(TOKEN_ENV).strip());
    }
    String lookBack = in.text("monitor.look-back", "all");
    Optional<Duration> window = lookBack.equalsIgnoreCase("all") ? Optional.empty()
        : Optional.of(in.positiveDuration("monitor.look-back", Duration.ofHours(24)));
    int capacity = (int) in.integer("monitor.series-capacity", 20_000, 64, 10_000_000);
    int points = (int) in.integer("monitor.chart-points", 1_000, 16, 100_000);
    int blotter = (int) in.integer("monitor.blotter-rows", 200, 1, 100_000);
    Map<String, Object> overrides = in.kafkaOverrides(Set.of());
    in.throwIfInvalid("monitor");
    return new MonitorConfig(bootstrap, host, port, token, window, capacity, points, blotter, overrides);
  }

  /** The same configuration with other bootstrap servers. */
  public MonitorConfig withBootstrapServers(String servers) {
    return new MonitorConfig(servers, host, port, accessToken, lookBack, seriesCapacity, chartPoints, blotterRows,
        kafkaOverrides);
  }

  /** The same configuration on another port. */
  public MonitorConfig withPort(int other) {
    return new MonitorConfig(bootstrapServers, host, other, accessToken, lookBack, seriesCapacity, chartPoints,
        blotterRows, kafkaOverrides);
  }

  /** The same configuration with an access token. */
  public MonitorConfig withToken(String token) {
    return new MonitorConfig(bootstrapServers, host, port, Optional.of(token), lookBack, seriesCapacity, chartPoints,
        blotterRows, kafkaOverrides);
  }

  private static boolean isLoopback(String host) {
    return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
  }
}
