package io.hedgestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.engine.EngineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedPolicyTest {

  @Test
  void theShippedModelIsFoundFromInsideTheCheckoutAndIsTheEnginesDefault() {
    Path model = ShippedPolicy.locate().orElseThrow();
    assertThat(model.getFileName().toString()).isEqualTo(ShippedPolicy.NAME);
    assertThat(Files.isRegularFile(model.resolve("policy.onnx"))).isTrue();

    Properties props = new Properties();
    props.putAll(ShippedPolicy.engineDefaults());
    props.setProperty("engine.bootstrap.servers", "localhost:9092");
    assertThat(EngineConfig.from(props).policyName()).isEqualTo(model.toString());
  }

  @Test
  void theDemoServesTheShippedModelUnlessToldOtherwise() {
    assertThat(DemoConfig.serviceDefaults()).containsEntry("engine.policy", ShippedPolicy.locate().orElseThrow().toString());
    assertThat(new ConfigOptions().resolve(DemoConfig.serviceDefaults(), Map.of("engine.policy", "delta")))
        .containsEntry("engine.policy", "delta");
  }

  @Test
  void hedgeHomeIsLookedAtBeforeTheWorkingDirectory(@TempDir Path home) throws IOException {
    Path installed = Files.createDirectories(home.resolve("models").resolve(ShippedPolicy.NAME));
    Files.copy(ShippedPolicy.locate().orElseThrow().resolve("policy.onnx"), installed.resolve("policy.onnx"));
    String before = System.getProperty("hedge.home");
    try {
      System.setProperty("hedge.home", home.toString());
      assertThat(ShippedPolicy.locate()).contains(installed.toAbsolutePath().normalize());
    } finally {
      if (before == null) {
        System.clearProperty("hedge.home");
      } else {
        System.setProperty("hedge.home", before);
      }
    }
  }
}
