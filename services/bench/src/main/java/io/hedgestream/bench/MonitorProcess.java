package io.hedgestream.bench;

import io.hedgestream.monitor.MonitorConfig;
import io.hedgestream.monitor.MonitorService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The monitor in a JVM of its own, for {@link MonitorBenchmark}: its memory is then the monitor's alone. Prints
 * {@code url <dashboard>} once serving; on each {@code measure} line from stdin it collects garbage and prints
 * {@code memory <heap used after GC> <RSS>} in bytes; exits on {@code quit} or end of input.
 */
public final class MonitorProcess {

  private MonitorProcess() {}

  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    props.setProperty("monitor.bootstrap.servers", args[0]);
    props.setProperty("monitor.http.port", "0");
    try (MonitorService monitor = MonitorService.start(MonitorConfig.from(props, Map.of()));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      System.out.println("url " + monitor.url());
      System.out.flush();
      for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
        if (line.equals("measure")) {
          System.gc();
          long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
          System.out.println("memory " + heap + " " + rss());
          System.out.flush();
        }
      }
    }
  }

  private static long rss() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    return -1;
  }
}
