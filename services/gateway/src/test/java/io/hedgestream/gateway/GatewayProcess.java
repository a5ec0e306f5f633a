package io.hedgestream.gateway;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A gateway in a JVM of its own, for tests that kill it with SIGKILL: {@link #main} runs a
 * {@link GatewayService} configured by a properties file until the process dies; {@link #start} launches it
 * on the test's own classpath.
 */
final class GatewayProcess {

  private GatewayProcess() {}

  /** Runs a gateway with the properties in {@code args[0]} until the JVM is killed. */
  public static void main(String[] args) throws Exception {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(args[0]))) {
      properties.load(reader);
    }
    GatewayService gateway = GatewayService.start(GatewayConfig.from(properties));
    while (gateway.isRunning()) {
      Thread.sleep(100);
    }
    System.err.println("gateway stopped: " + gateway.failure().map(Throwable::toString).orElse("cleanly"));
    System.exit(gateway.failure().isPresent() ? 1 : 0);
  }

  /** Starts a gateway process with {@code properties}, its output appended to {@code log}. */
  static Process start(Properties properties, Path dir, Path log) throws IOException {
    Path config = Files.createTempFile(dir, "gateway", ".properties");
    try (var writer = Files.newBufferedWriter(config)) {
      properties.store(writer, "gateway under test");
    }
    // The classpath goes in an argument file: the command line stays short.
    Path argFile = Files.createTempFile(dir, "gateway", ".args");
    Files.writeString(argFile, "-cp\n\"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.hedgestream.avro", "@" + argFile,
        GatewayProcess.class.getName(), config.toString()));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  /** Kills {@code process} with SIGKILL (no shutdown hooks, no flush, no commit) and waits for it. */
  static void kill9(Process process) throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("process " + process.pid() + " survived SIGKILL");
    }
  }
}
