package io.hedgestream.launcher;

import io.hedgestream.gateway.GatewayConfig;
import io.hedgestream.gateway.GatewayService;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hedge gateway}: executes hedge orders on the paper exchange and publishes the fills. */
@Command(name = "gateway", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Consume orders.hedge, fill them on the paper exchange (mid +/- half spread, fee in bps) "
            + "and publish fills.hedge.",
        "Properties: gateway.* (see GatewayConfig) and kafka.* (client settings, prefix stripped)."})
final class GatewayCommand implements Callable<Integer> {

  @Mixin
  ConfigOptions config;

  @Option(names = "--duration", paramLabel = "TIME", description = "Stop after this long, e.g. 30s, 5m.")
  Duration duration;

  @Spec
  CommandSpec spec;

  /** Used by picocli. */
  GatewayCommand() {}

  @Override
  public Integer call() throws Exception {
    GatewayConfig gateway = configuration();
    return ServiceRun.run("gateway", Optional.ofNullable(duration), spec.commandLine().getOut(), stack -> {
      return ServiceHealth.of(stack.push("gateway", GatewayService.start(gateway)));
    });
  }

  /** The validated configuration this command line starts the gateway with. */
  GatewayConfig configuration() {
    return GatewayConfig.from(config.resolve(Map.of(), Map.of()));
  }
}
