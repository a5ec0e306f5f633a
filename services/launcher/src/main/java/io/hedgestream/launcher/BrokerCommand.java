package io.hedgestream.launcher;

import io.hedgestream.broker.EmbeddedKafkaBroker;
import io.hedgestream.config.SettingsReader;
import io.hedgestream.kafka.TopicAdmin;
import io.hedgestream.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hedge broker}: the demo's single-node KRaft Kafka broker as a process of its own, with a data
 * directory that survives restarts, so the services can run as separate processes without a cluster.
 *
 * <p>Properties ({@code --config}/{@code --set}): {@code broker.data-dir} [{@code hedge-broker-data}],
 * {@code broker.host} [127.0.0.1], {@code broker.port} [9092], {@code broker.controller-port} [9093],
 * {@code broker.topics.partitions} [3] (the HedgeStream topics are created at start, idempotently; 0 skips
 * that), and {@code broker.server.<name>} for any Kafka server setting (e.g.
 * {@code broker.server.log.retention.hours=24}). Stop it with Ctrl-C or SIGTERM; starting it again on the
 * same data directory keeps every topic, offset and transaction.
 */
@Command(name = "broker", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run a single-node Kafka broker (KRaft) with a persistent data directory, so engine, gateway, "
            + "feed and monitor can run as separate processes without a cluster.",
        "Properties: broker.data-dir, broker.host, broker.port, broker.controller-port, broker.topics.partitions, "
            + "broker.server.<kafka server setting>."})
final class BrokerCommand implements Callable<Integer> {

  private static final String SERVER_PREFIX = "broker.server.";

  @Mixin
  ConfigOptions config;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the broker keeps its data "
      + "(broker.data-dir, default hedge-broker-data); reused on restart.")
  Path dataDir;

  @Option(names = "--port", paramLabel = "PORT", description = "Client port (broker.port, default 9092).")
  Integer port;

  @Option(names = "--duration", paramLabel = "TIME", description = "Stop after this long, e.g. 30s, 5m.")
  Duration duration;

  @Spec
  CommandSpec spec;

  /** Used by picocli. */
  BrokerCommand() {}

  @Override
  public Integer call() throws Exception {
    Map<String, String> typed = new HashMap<>();
    if (dataDir != null) {
      typed.put("broker.data-dir", dataDir.toString());
    }
    if (port != null) {
      typed.put("broker.port", port.toString());
    }
    Properties props = config.resolve(Map.of(), typed);
    SettingsReader in = new SettingsReader(props, "broker.");
    Path dir = Path.of(in.text("broker.data-dir", "hedge-broker-data")).toAbsolutePath();
    String host = in.text("broker.host", "127.0.0.1");
    int clientPort = (int) in.integer("broker.port", 9092, 1, 65_535);
    int controllerPort = (int) in.integer("broker.controller-port", 9093, 1, 65_535);
    int partitions = (int) in.integer("broker.topics.partitions", 3, 0, 10_000);
    Map<String, Object> server = new HashMap<>();
    for (String name : props.stringPropertyNames()) {
      if (name.startsWith(SERVER_PREFIX)) {
        in.text(name, null);
        server.put(name.substring(SERVER_PREFIX.length()), props.getProperty(name).strip());
      }
    }
    in.throwIfInvalid("broker");
    return ServiceRun.run("broker", Optional.ofNullable(duration), spec.commandLine().getOut(), stack -> {
      EmbeddedKafkaBroker broker = stack.push("broker",
          EmbeddedKafkaBroker.startOnPorts(dir, host, clientPort, controllerPort, server));
      if (partitions > 0) {
        TopicAdmin.ensureTopics(broker.bootstrapServers(), Map.of(), partitions, Topics.allNames());
      }
      spec.commandLine().getOut().println("hedge broker: listening on " + broker.bootstrapServers() + " (data in "
          + dir + "); services connect with --bootstrap-servers " + broker.bootstrapServers());
      spec.commandLine().getOut().flush();
      return new ServiceRun.Watch(() -> true, Optional::empty, () -> "data in " + dir);
    });
  }
}
