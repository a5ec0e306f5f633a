package io.hedgestream.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hedgestream.engine.policy.onnx.ModelFixtures;
import io.hedgestream.engine.policy.onnx.PolicyDevice;
import org.junit.jupiter.api.Test;

class PolicyConfigTest {

  @Test
  void thePolicyIsDeltaOnTheCpuByDefault() {
    EngineConfig config = EngineConfig.of("engine.bootstrap.servers", "b:1");
    assertThat(config.policyName()).isEqualTo("delta");
    assertThat(config.policyDevice()).isEqualTo(PolicyDevice.CPU);
  }

  @Test
  void aModelFolderOrOnnxFileIsAPolicy() {
    String folder = ModelFixtures.shipped().toString();
    String file = ModelFixtures.shipped().resolve("policy.onnx").toString();
    assertThat(EngineConfig.of("engine.bootstrap.servers", "b:1", "engine.policy", folder).policyName())
        .isEqualTo(folder);
    assertThat(EngineConfig.of("engine.bootstrap.servers", "b:1", "engine.policy", file,
        "engine.policy.device", "AUTO").policyDevice()).isEqualTo(PolicyDevice.AUTO);
  }

  @Test
  void aPolicyThatIsNeitherBuiltInNorAModelIsRejectedWithTheChoices() {
    assertThatThrownBy(() -> EngineConfig.of("engine.bootstrap.servers", "b:1", "engine.policy", "models/nothing",
        "engine.policy.device", "tpu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("engine.policy=models/nothing: neither [delta, none] nor a model")
        .hasMessageContaining("engine.policy.device=tpu: must be one of");
  }
}
