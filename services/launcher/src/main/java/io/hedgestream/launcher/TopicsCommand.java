package io.hedgestream.launcher;

import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.kafka.TopicAdmin;
import io.hedgestream.schemas.Topics;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hedge topics}: creates every HedgeStream topic ({@code Topics.allNames()}: the business topics and
 * their dead-letter topics) on a cluster, idempotently. Deployments run it once before the services.
 */
@Command(name = "topics", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Create every HedgeStream topic and its .dlq topic on a cluster (existing ones are kept).",
        "Properties: topics.partitions and kafka.* (client settings, prefix stripped)."})
final class TopicsCommand implements Callable<Integer> {

  /** Property naming the partitions of each created topic. */
  static final String PARTITIONS = "topics.partitions";

  @Mixin
  ConfigOptions config;

  @Option(names = "--partitions", paramLabel = "N", description = "Partitions per topic (topics.partitions, default 3).")
  Integer partitions;

  @Spec
  CommandSpec spec;

  /** Used by picocli. */
  TopicsCommand() {}

  @Override
  public Integer call() {
    Properties props = config.resolve(Map.of(PARTITIONS, "3"),
        partitions == null ? Map.of() : Map.of(PARTITIONS, partitions.toString()));
    String bootstrap = props.getProperty(ServiceProperties.ENGINE_BOOTSTRAP);
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new IllegalArgumentException("--bootstrap-servers (or engine.bootstrap.servers) is required");
    }
    int count;
    try {
      count = Integer.parseInt(props.getProperty(PARTITIONS).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PARTITIONS + " must be an integer, was " + props.getProperty(PARTITIONS));
    }
    TopicAdmin.ensureTopics(bootstrap, KafkaClients.passThrough(props), count, Topics.allNames());
    spec.commandLine().getOut().println("hedge topics: " + Topics.allNames().size() + " topics present on "
        + bootstrap);
    return 0;
  }
}
