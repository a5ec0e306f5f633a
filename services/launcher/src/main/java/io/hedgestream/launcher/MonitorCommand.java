package io.hedgestream.launcher;

import io.hedgestream.monitor.MonitorConfig;
import io.hedgestream.monitor.MonitorService;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hedge monitor}: the web dashboard and Prometheus metrics over the desk's topics. */
@Command(name = "monitor", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Read pnl.events, risk.metrics, regime.events, orders.hedge, fills.hedge, orders.status, "
            + "policy.control and every dead-letter topic (read_committed, no consumer group, nothing committed), "
            + "and serve the dashboard and /metrics.",
        "Properties: monitor.* (http.host, http.port, access-token-file, look-back, series-capacity, chart-points, "
            + "blotter-rows) and kafka.* (client settings, prefix stripped)."})
final class MonitorCommand implements Callable<Integer> {

  @Mixin
  ConfigOptions config;

  @Option(names = "--duration", paramLabel = "TIME", description = "Stop after this long, e.g. 30s, 5m.")
  Duration duration;

  @Option(names = "--port", paramLabel = "PORT", description = "The dashboard's port (monitor.http.port, default 8090).")
  Integer port;

  @Spec
  CommandSpec spec;

  /** Used by picocli. */
  MonitorCommand() {}

  @Override
  public Integer call() throws Exception {
    MonitorConfig monitor = configuration();
    return ServiceRun.run("monitor", Optional.ofNullable(duration), spec.commandLine().getOut(), stack -> {
      MonitorService service = stack.push("monitor", MonitorService.start(monitor));
      spec.commandLine().getOut().println("hedge monitor: dashboard at " + service.url() + ", metrics at "
          + service.url() + "metrics");
      spec.commandLine().getOut().flush();
      return ServiceHealth.of(service);
    });
  }

  /** The validated configuration this command line starts the monitor with. */
  MonitorConfig configuration() {
    Map<String, String> typed = port == null ? Map.of() : Map.of("monitor.http.port", String.valueOf(port));
    return MonitorConfig.from(config.resolve(Map.of(), typed), config.secrets.environment());
  }
}
