package io.hedgestream.launcher;

import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.kafka.TopicAdmin;
import io.hedgestream.replay.ReplayConfig;
import io.hedgestream.replay.ReplaySource;
import io.hedgestream.replay.ReplayTimeline;
import io.hedgestream.replay.publish.PublishResult;
import io.hedgestream.replay.publish.ReplayPublisher;
import io.hedgestream.schemas.Topics;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hedge replay publish}: a window of the queue plus a liability flow, to md.ticks and orders.client. */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Ingest if needed, then publish a window's ticks (md.ticks) and the flow's client orders "
        + "(orders.client) in event-time order, and print the counts the broker acknowledged."})
final class ReplayPublishCommand implements Callable<Integer> {

  @Mixin
  ReplayOptions options;

  @Option(names = "--window", paramLabel = "NAME",
      description = "calm-2017-2019, volmageddon-2018, late-2018, covid-2020, selloff-2022 or all (replay.window).")
  String window;

  @Option(names = "--from", paramLabel = "DATE", description = "First date of a custom window (replay.from).")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last date of a custom window (replay.to).")
  String to;

  @Option(names = "--flow", paramLabel = "FLOW", description = "hirm, poisson, book or none (replay.flow, default hirm).")
  String flow;

  @Option(names = "--book-file", paramLabel = "FILE", description = "Trades of the book flow (replay.flow.book-file).")
  String bookFile;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the poisson flow (replay.flow.seed).")
  Long seed;

  @Option(names = "--speed", paramLabel = "SPEED", description = "max, realtime or x<N> (replay.speed, default max).")
  String speed;

  @Spec
  CommandSpec spec;

  /** Used by picocli. */
  ReplayPublishCommand() {}

  @Override
  public Integer call() {
    Map<String, String> typed = new HashMap<>();
    ReplayOptions.put(typed, "replay.window", window);
    ReplayOptions.put(typed, "replay.from", from);
    ReplayOptions.put(typed, "replay.to", to);
    ReplayOptions.put(typed, "replay.flow", flow);
    ReplayOptions.put(typed, "replay.flow.book-file", bookFile);
    ReplayOptions.put(typed, "replay.flow.seed", seed);
    ReplayOptions.put(typed, "replay.speed", speed);
    ReplayConfig config = options.resolve(typed);
    PrintWriter out = spec.commandLine().getOut();
    out.println("hedge replay publish: " + ReplaySource.ingest(config).summary());
    ReplayTimeline timeline = ReplaySource.timeline(config);
    TopicAdmin.ensureTopics(config.publish().bootstrapServers(), config.publish().kafkaOverrides(), 1,
        List.of(Topics.MD_TICKS.name(), Topics.ORDERS_CLIENT.name()));
    out.println("hedge replay publish: " + config.window() + ", flow " + config.flow().kind().label() + ", speed "
        + config.publish().speed() + " to " + config.publish().bootstrapServers());
    out.flush();
    PublishResult result = ReplayPublisher.publish(timeline, config.publish(), url -> {
      out.println("hedge replay publish: metrics at " + url);
      out.flush();
    });
    out.println("hedge replay publish: " + result.summary());
    return 0;
  }
}
