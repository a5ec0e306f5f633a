package io.hedgestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigOptionsTest {

  @TempDir
  Path dir;

  @Test
  void laterLayersWinDefaultsThenFileThenSetThenTypedOptions() throws IOException {
    Path file = dir.resolve("env.properties");
    Files.writeString(file, "feed.seed=2\nfeed.speed=x10\nfeed.symbols=AAA\nkafka.security.protocol=SSL\n");
    ConfigOptions options = new ConfigOptions();
    options.configFiles.add(file);
    options.settings.put("feed.speed", "x20");
    options.settings.put("feed.symbols", "BBB");

    Properties p = options.resolve(Map.of("feed.seed", "1", "feed.model", "gbm"), Map.of("feed.symbols", "CCC"));

    assertThat(p.getProperty("feed.model")).isEqualTo("gbm");
    assertThat(p.getProperty("feed.seed")).isEqualTo("2");
    assertThat(p.getProperty("feed.speed")).isEqualTo("x20");
    assertThat(p.getProperty("feed.symbols")).isEqualTo("CCC");
    assertThat(p.getProperty("kafka.security.protocol")).isEqualTo("SSL");
  }

  @Test
  void laterConfigFilesWin() throws IOException {
    Path base = Files.writeString(dir.resolve("base.properties"), "feed.seed=1\nfeed.speed=x10\n");
    Path secrets = Files.writeString(dir.resolve("secrets.properties"), "feed.seed=2\n");
    ConfigOptions options = new ConfigOptions();
    options.configFiles.add(base);
    options.configFiles.add(secrets);

    Properties p = options.resolve(Map.of(), Map.of());

    assertThat(p.getProperty("feed.seed")).isEqualTo("2");
    assertThat(p.getProperty("feed.speed")).isEqualTo("x10");
  }

  @Test
  void bootstrapServersOptionReachesEveryService() {
    ConfigOptions options = new ConfigOptions();
    options.bootstrapServers = "k1:9092,k2:9092";

    Properties p = options.resolve(Map.of(), Map.of());

    assertThat(ServiceProperties.bootstrapServers("x"))
        .containsOnlyKeys("engine.bootstrap.servers", "feed.bootstrap.servers", "gateway.bootstrap.servers",
            "monitor.bootstrap.servers");
    assertThat(ServiceProperties.bootstrapServers("x").keySet())
        .allSatisfy(name -> assertThat(p.getProperty(name)).isEqualTo("k1:9092,k2:9092"));
  }

  @Test
  void missingConfigFileIsAClearError() {
    ConfigOptions options = new ConfigOptions();
    options.configFiles.add(dir.resolve("nope.properties"));

    assertThatThrownBy(() -> options.resolve(Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.properties does not exist");
  }
}
