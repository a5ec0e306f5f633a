package io.hedgestream.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The configuration options every command shares, and the layering that turns them into one
 * {@link Properties}: the command's defaults, then each {@code --config FILE}, then {@code --set NAME=VALUE}
 * (repeatable), then the command's typed options ({@code --bootstrap-servers}, {@code --symbols}, ...). A
 * later layer wins. {@code kafka.*} names reach every Kafka client with the prefix stripped. Values may refer to
 * secrets as {@code ${env:NAME}} or {@code ${file:PATH}} ({@link SecretReferences}).
 */
public final class ConfigOptions {

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file layered over the defaults (see deploy/config/*.properties). "
          + "Repeatable: later files win.")
  List<Path> configFiles = new ArrayList<>();

  @Option(names = {"-D", "--set"}, paramLabel = "NAME=VALUE",
      description = "Set one property, e.g. --set engine.policy=none or -Dkafka.security.protocol=SSL. Repeatable.")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
      description = "Kafka cluster to use (for demo: instead of starting the in-JVM broker).")
  String bootstrapServers;

  /** Where {@code ${env:..}} and {@code ${file:..}} references are looked up (this process, unless a test says). */
  SecretReferences.Source secrets = SecretReferences.Source.system();

  /** Used by picocli. */
  public ConfigOptions() {}

  /**
   * The layered configuration.
   *
   * @param defaults the command's defaults (lowest precedence)
   * @param typedOptions the properties the command's typed options set (highest precedence)
   * @throws IllegalArgumentException if the config file cannot be read
   */
  public Properties resolve(Map<String, String> defaults, Map<String, String> typedOptions) {
    Properties merged = new Properties();
    merged.putAll(defaults);
    configFiles.forEach(file -> merged.putAll(readFile(file)));
    merged.putAll(settings);
    if (bootstrapServers != null) {
      merged.putAll(ServiceProperties.bootstrapServers(bootstrapServers));
    }
    merged.putAll(typedOptions);
    SecretReferences.resolve(merged, secrets);
    return merged;
  }

  /** Reads a properties file (UTF-8). */
  static Properties readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("config file " + file + " does not exist");
    }
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    return props;
  }
}
