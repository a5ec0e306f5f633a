package io.hedgestream.launcher.chaos;

import io.hedgestream.launcher.HedgeCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One HedgeStream service ({@code hedge broker}, {@code hedge engine}, {@code hedge gateway}) as an operating
 * system process of its own, started on this JVM's classpath with the launcher's JVM flags, so the harness can
 * do to it what a crash does: {@link #kill9()} (SIGKILL), {@link #pause()} (SIGSTOP) and {@link #resume()}.
 * Each start appends to one log file per service.
 */
final class ServiceProcess {

  private final String name;
  private final List<String> arguments;
  private final Path log;
  private final Path argFile;
  private Process process;
  private int starts;

  /**
   * A service that is not started yet.
   *
   * @param name the service's name in logs and results
   * @param arguments the {@code hedge} command line, e.g. {@code engine --bootstrap-servers ...}
   * @param workDir where the log and the classpath argument file go
   */
  ServiceProcess(String name, List<String> arguments, Path workDir) {
    this.name = name;
    this.arguments = List.copyOf(arguments);
    this.log = workDir.resolve("logs").resolve(name + ".log");
    this.argFile = workDir.resolve("logs").resolve("java-classpath.args");
  }

  /** The service's name. */
  String name() {
    return name;
  }

  /** Its log file. */
  Path log() {
    return log;
  }

  /** How often it was started. */
  int starts() {
    return starts;
  }

  /** Starts the process (again, after a kill). */
  synchronized void start() {
    try {
      Files.createDirectories(log.getParent());
      if (!Files.exists(argFile)) {
        // The classpath goes in an argument file: ONNX Runtime crashes a JVM whose command line exceeds ~4 KB.
        Files.writeString(argFile, "-cp\n\"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
      }
      Files.writeString(log, "==== start " + (starts + 1) + " of " + name + " at " + java.time.Instant.now() + "\n",
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmFlags());
      if (name.startsWith("engine")) {
        // Group membership and fencing at INFO, so a zombie's removal and fencing show in its log.
        command.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.consumer.internals=info");
        command.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka.streams.processor.internals.StreamThread=info");
      }
      command.add("@" + argFile);
      command.add(HedgeCommand.class.getName());
      command.addAll(arguments);
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      starts++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** Whether the process is alive. */
  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no flush, no commit; waits until the process is gone. */
  synchronized void kill9() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    waitFor(30);
  }

  /** SIGTERM: the service closes cleanly; waits for it (SIGKILL after 60 s). */
  synchronized void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        kill9();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGSTOP: the process freezes (a stalled JVM, a long GC pause) without dying. */
  synchronized void pause() {
    signal("STOP");
  }

  /** SIGCONT: a paused process runs on. */
  synchronized void resume() {
    signal("CONT");
  }

  /** The lines of the log that contain {@code text}. */
  List<String> logLines(String text) {
    try {
      return Files.readAllLines(log).stream().filter(line -> line.contains(text)).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void waitFor(int seconds) {
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The launcher's JVM flags (see the hedge script): Chronicle, Avro and, on JDK 24+, native access. */
  private static List<String> jvmFlags() {
    List<String> flags = new ArrayList<>(List.of("-Xmx512m",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true",
        "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.hedgestream.avro"));
    if (Runtime.version().feature() >= 24) {
      flags.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
    }
    String home = System.getProperty("hedge.home");
    if (home != null) {
      flags.add("-Dhedge.home=" + home);
    }
    return flags;
  }
}
