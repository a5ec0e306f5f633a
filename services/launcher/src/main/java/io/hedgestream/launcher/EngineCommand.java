package io.hedgestream.launcher;

import io.hedgestream.engine.EngineConfig;
import io.hedgestream.engine.EngineService;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hedge engine}: the Kafka Streams hedging engine. */
@Command(name = "engine", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run the hedging engine (Kafka Streams, exactly_once_v2 by default): books, Greeks, "
            + "hedge orders, PnL and risk.",
        "Properties: engine.* (see EngineConfig) and kafka.* (client settings, prefix stripped)."})
final class EngineCommand implements Callable<Integer> {

  @Mixin
  ConfigOptions config;

  @Option(names = "--duration", paramLabel = "TIME", description = "Stop after this long, e.g. 30s, 5m.")
  Duration duration;

  @Option(names = "--policy", paramLabel = "delta|none|MODEL",
      description = "Hedge policy (engine.policy): delta, none, or a model directory; default the shipped model "
          + "models/" + ShippedPolicy.NAME + ".")
  String policy;

  @Spec
  CommandSpec spec;

  /** Used by picocli. */
  EngineCommand() {}

  @Override
  public Integer call() throws Exception {
    EngineConfig engine = configuration();
    return ServiceRun.run("engine", Optional.ofNullable(duration), spec.commandLine().getOut(), stack -> {
      return ServiceHealth.of(stack.push("engine", EngineService.start(engine)));
    });
  }

  /** The validated configuration this command line starts the engine with. */
  EngineConfig configuration() {
    return EngineConfig.from(config.resolve(ShippedPolicy.engineDefaults(),
        policy == null ? Map.of() : Map.of("engine.policy", policy)));
  }
}
