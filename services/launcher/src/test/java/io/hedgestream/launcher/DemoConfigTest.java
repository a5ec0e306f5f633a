package io.hedgestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DemoConfigTest {

  @Test
  void defaultsRunUntilStoppedOnTheInJvmBroker() {
    DemoConfig config = DemoConfig.from(new Properties());

    assertThat(config.duration()).isEmpty();
    assertThat(config.bootstrapServers()).isEmpty();
    assertThat(config.partitions()).isEqualTo(3);
    assertThat(config.statusInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.workDir()).isEmpty();
  }

  @Test
  void readsEveryDemoProperty() {
    Properties p = new Properties();
    p.setProperty("demo.duration", "20s");
    p.setProperty("demo.bootstrap.servers", "kafka:9092");
    p.setProperty("demo.partitions", "6");
    p.setProperty("demo.status-interval", "500ms");
    p.setProperty("demo.work-dir", "/tmp/demo");

    DemoConfig config = DemoConfig.from(p);

    assertThat(config.duration()).contains(Duration.ofSeconds(20));
    assertThat(config.bootstrapServers()).contains("kafka:9092");
    assertThat(config.partitions()).isEqualTo(6);
    assertThat(config.statusInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.workDir()).contains(Path.of("/tmp/demo"));
  }

  @Test
  void listsEveryProblemAtOnce() {
    Properties p = new Properties();
    p.setProperty("demo.duration", "soon");
    p.setProperty("demo.partitions", "0");
    p.setProperty("demo.durration", "5s");

    assertThatThrownBy(() -> DemoConfig.from(p)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("demo.duration=soon")
        .hasMessageContaining("demo.partitions=0")
        .hasMessageContaining("demo.durration: unknown setting");
  }

  @Test
  void ignoresOtherServicesProperties() {
    Properties p = new Properties();
    p.setProperty("engine.policy", "none");
    p.setProperty("kafka.security.protocol", "SSL");

    assertThat(DemoConfig.from(p).partitions()).isEqualTo(3);
  }
}
