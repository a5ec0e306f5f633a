package io.hedgestream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How much CPU this JVM's threads got, and how long they waited in the kernel's run queue for it, from
 * Linux {@code /proc/self/task/<tid>/schedstat} (fields: ns on CPU, ns waiting to run, timeslices). On a
 * shared box the wait is the time every hand-off between threads (producer, broker, engine, consumer) spends
 * queued behind other processes. Elsewhere the figures are absent.
 *
 * @param cpuNanos total CPU time of live threads
 * @param waitNanos total run-queue wait of live threads
 * @param atNanos {@link System#nanoTime()} of the reading
 */
record CpuContention(long cpuNanos, long waitNanos, long atNanos) {

  /** Reads the current totals (zeros where {@code /proc} is not available). */
  static CpuContention now() {
    long cpu = 0;
    long wait = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String[] fields = Files.readString(task.resolve("schedstat")).trim().split("\\s+");
          cpu += Long.parseLong(fields[0]);
          wait += Long.parseLong(fields[1]);
        } catch (IOException | RuntimeException e) {
          // the thread ended between listing and reading
        }
      }
    } catch (IOException e) {
      return new CpuContention(0, 0, System.nanoTime());
    }
    return new CpuContention(cpu, wait, System.nanoTime());
  }

  /**
   * CPU seconds used and run-queue seconds waited per wall second since {@code start} (threads that ended in
   * between are not counted), with the load average now.
   */
  Map<String, Object> since(CpuContention start) {
    double seconds = (atNanos - start.atNanos) / 1e9;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("wallSeconds", ThroughputRun.round(seconds, 1));
    out.put("jvmCpuSecondsPerSecond", ThroughputRun.round((cpuNanos - start.cpuNanos) / 1e9 / seconds, 3));
    out.put("jvmRunQueueWaitSecondsPerSecond", ThroughputRun.round((waitNanos - start.waitNanos) / 1e9 / seconds, 3));
    out.put("loadAverage", MachineInfo.loadAverage());
    return out;
  }
}
