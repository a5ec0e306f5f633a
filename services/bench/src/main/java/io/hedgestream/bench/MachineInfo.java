package io.hedgestream.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the figures were measured on: cores, memory, JVM, OS, and the load average (the box is shared). */
public final class MachineInfo {

  private MachineInfo() {}

  /** The machine as a JSON-ready map. */
  public static Map<String, Object> describe() {
    Runtime runtime = Runtime.getRuntime();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("availableProcessors", runtime.availableProcessors());
    out.put("cpuModel", cpuModel());
    out.put("maxHeapMiB", runtime.maxMemory() / (1024 * 1024));
    out.put("javaVersion", System.getProperty("java.version"));
    out.put("javaVm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    out.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
    out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    out.put("loadAverageAtStart", loadAverage());
    return out;
  }

  /** {@code git rev-parse HEAD} of the working directory, or "unknown" outside a repository. */
  public static String gitCommit() {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
      return git.waitFor() == 0 ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** The 1, 5 and 15 minute load averages from /proc/loadavg, or the JVM's 1-minute figure elsewhere. */
  public static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static String cpuModel() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      return lines.stream().filter(line -> line.startsWith("model name")).findFirst()
          .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
