package io.hedgestream.launcher;

import io.hedgestream.monitor.MonitorConfig;
import io.hedgestream.monitor.MonitorService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Properties;

/**
 * The monitor's dashboard for a command that runs a pipeline ({@code hedge demo}, {@code hedge replay run
 * --monitor}): serving before the broker starts, so its address can be the first line printed, on the
 * configured port ({@code monitor.http.port}, 8090 by default) when it is free and on any free port otherwise,
 * so a second run on the same machine still gets a dashboard.
 *
 * @param monitor the serving monitor (not yet reading any cluster: {@link MonitorService#attach})
 * @param note empty, or why the port differs from the configured one
 */
record DashboardStart(MonitorService monitor, String note) {

  /** Serves the dashboard with the {@code monitor.*} and {@code kafka.*} settings among {@code services}. */
  static DashboardStart serve(Properties services) {
    Properties props = new Properties();
    services.forEach((k, v) -> {
      if (k.toString().startsWith("monitor.") || k.toString().startsWith("kafka.")) {
        props.put(k, v);
      }
    });
    MonitorConfig config = MonitorConfig.from(props, System.getenv());
    String note = "";
    if (config.port() != 0 && !isFree(config.host(), config.port())) {
      note = " (port " + config.port() + " is taken)";
      config = config.withPort(0);
    }
    return new DashboardStart(MonitorService.serve(config), note);
  }

  private static boolean isFree(String host, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
