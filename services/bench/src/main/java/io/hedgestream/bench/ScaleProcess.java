package io.hedgestream.bench;

import io.hedgestream.broker.EmbeddedKafkaBroker;
import io.hedgestream.engine.EngineConfig;
import io.hedgestream.engine.EngineService;
import io.hedgestream.gateway.GatewayConfig;
import io.hedgestream.gateway.GatewayService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * One service in a JVM of its own, for {@link ScaleBenchmark}: {@code broker DATA_DIR}, or {@code engine} /
 * {@code gateway} followed by {@code name=value} settings. Prints {@code ready <detail>} once it serves (the
 * broker: its bootstrap servers; the engine: once RUNNING), runs until {@code quit} or the end of its input, and
 * closes cleanly then. A kill -9 is what the fail-over measurement does to it.
 */
public final class ScaleProcess {

  private ScaleProcess() {}

  /** Runs one service until told to stop. */
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "broker" -> {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Path.of(args[1]))) {
          ready(broker.bootstrapServers());
        }
      }
      case "engine" -> {
        try (EngineService engine = EngineService.start(EngineConfig.from(settings(args)))) {
          if (!engine.awaitRunning(Duration.ofSeconds(120))) {
            throw new IllegalStateException("engine did not reach RUNNING: " + engine.state());
          }
          ready(engine.state().toString());
        }
      }
      case "gateway" -> {
        try (GatewayService gateway = GatewayService.start(GatewayConfig.from(settings(args)))) {
          ready("consuming");
        }
      }
      default -> throw new IllegalArgumentException("no such service: " + args[0]);
    }
  }

  /** Says it is ready, then waits for {@code quit} or the end of its input. */
  private static void ready(String detail) throws Exception {
    System.out.println("ready " + detail);
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
      // nothing else to do
    }
  }

  private static Properties settings(String[] args) {
    Properties props = new Properties();
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      props.setProperty(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    return props;
  }

  /** The settings as command-line arguments. */
  static String[] arguments(Map<String, String> settings) {
    return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
  }
}
