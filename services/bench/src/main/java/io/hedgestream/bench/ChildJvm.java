package io.hedgestream.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ScaleProcess} in a JVM of its own, started with this JVM's classpath (through an argument file: ONNX
 * Runtime crashes a JVM whose command line is longer than about 4 KB). Its stderr goes to a log file; its CPU
 * time is read from {@code /proc/<pid>/stat}.
 */
final class ChildJvm implements AutoCloseable {

  /** Linux's clock ticks per second for {@code /proc/<pid>/stat} times (USER_HZ, 100 on every common kernel). */
  private static final double CLOCK_TICKS = 100.0;

  private final String name;
  private final Process process;
  private final BufferedReader out;
  private final String readyDetail;

  private ChildJvm(String name, Process process, BufferedReader out, String readyDetail) {
    this.name = name;
    this.process = process;
    this.out = out;
    this.readyDetail = readyDetail;
  }

  /**
   * Starts {@code ScaleProcess args} and waits for its {@code ready} line.
   *
   * @param name a name for messages and the log file
   * @param heap -Xmx of the child
   * @param logDir where its stderr goes ({@code <name>.log})
   * @param args the process's arguments
   * @return the running child
   */
  static ChildJvm start(String name, String heap, Path logDir, List<String> args) {
    try {
      Path argfile = Files.createTempFile("hedge-bench-scale", ".args");
      Files.writeString(argfile, "-cp \"" + System.getProperty("java.class.path") + "\"\n");
      argfile.toFile().deleteOnExit();
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx" + heap, "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dchronicle.analytics.disable=true",
          "-Dchronicle.announcer.disable=true", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.hedgestream.avro",
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "@" + argfile, ScaleProcess.class.getName()));
      command.addAll(args);
      Files.createDirectories(logDir);
      Process process = new ProcessBuilder(command).redirectError(logDir.resolve(name + ".log").toFile()).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
        try {
          for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("ready ")) {
              return line.substring("ready ".length());
            }
          }
          return null;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      String detail;
      try {
        detail = ready.get(180, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not start (see " + logDir.resolve(name + ".log") + ")", e);
      }
      if (detail == null) {
        throw new IllegalStateException(name + " exited before it was ready (exit " + process.waitFor() + ", see "
            + logDir.resolve(name + ".log") + ")");
      }
      return new ChildJvm(name, process, out, detail);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** What the child said when ready (the broker: its bootstrap servers). */
  String readyDetail() {
    return readyDetail;
  }

  /** The child's name. */
  String name() {
    return name;
  }

  /** CPU seconds (user + system) the child has used so far, from {@code /proc/<pid>/stat}; NaN elsewhere. */
  double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Kills the child with SIGKILL (no shutdown hook, no clean close), as a crash would. */
  void killHard() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      try (OutputStream in = process.getOutputStream()) {
        in.write("quit\n".getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // already gone
      }
      if (!process.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
    try {
      out.close();
    } catch (IOException e) {
      // closing
    }
  }
}
