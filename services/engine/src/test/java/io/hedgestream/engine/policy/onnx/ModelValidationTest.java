package io.hedgestream.engine.policy.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hedgestream.engine.features.FeatureContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the loader refuses. The loader trusts the graph's metadata_props; these tests rewrite them in a
 * copy of the shipped model (with a metadata.json that matches the new file, so the refusal comes from
 * the graph's content, not from the checksum).
 */
class ModelValidationTest {

  private static final String FEATURES = "hedgestream.features";
  private static final List<String> BS_BOOK = FeatureContract.packaged().featureSet("bs-book-v1").orElseThrow();

  @TempDir
  Path dir;

  private static String json(List<String> names) throws IOException {
    return new ObjectMapper().writeValueAsString(names);
  }

  private Path shippedWithFeatures(List<String> names) throws IOException {
    return ModelFixtures.shippedWithGraphMetadata(dir, Map.of(FEATURES, json(names)));
  }

  @Test
  void theShippedModelLoadsWithItsVersionAndChecksum() {
    try (OnnxPolicy policy = OnnxPolicy.load(ModelFixtures.shipped(), PolicyDevice.CPU)) {
      assertThat(policy.version()).isEqualTo(policy.metadata().all().get("hedgestream.version") + "#"
          + policy.sha256().substring(0, 12));
      assertThat(policy.features().names()).isEqualTo(BS_BOOK);
      assertThat(policy.provider()).isEqualTo(OrtProvider.CPU);
      assertThat(policy.sha256()).hasSize(64);
    }
  }

  @Test
  void anUnknownFeatureIsRefusedByName() throws IOException {
    List<String> names = new ArrayList<>(BS_BOOK);
    names.set(2, "moon_phase");
    assertThatThrownBy(() -> OnnxPolicy.load(shippedWithFeatures(names), PolicyDevice.CPU))
        .isInstanceOf(ModelRejectedException.class)
        .hasMessageContaining("missing features [implied_vol]")
        .hasMessageContaining("extra features [moon_phase]")
        .hasMessageContaining("cannot build features [moon_phase]");
  }

  @Test
  void featuresInAnotherOrderAreRefusedNamingThePosition() throws IOException {
    List<String> names = new ArrayList<>(BS_BOOK);
    Collections.swap(names, 0, 1);
    assertThatThrownBy(() -> OnnxPolicy.load(shippedWithFeatures(names), PolicyDevice.CPU))
        .isInstanceOf(ModelRejectedException.class)
        .hasMessageContaining("features out of order: position 0 is ttm_years but contract set bs-book-v1 has "
            + "log_moneyness there");
  }

  @Test
  void aMissingFeatureIsRefusedByName() throws IOException {
    List<String> names = new ArrayList<>(BS_BOOK);
    names.remove("hedge_underlying");
    assertThatThrownBy(() -> OnnxPolicy.load(shippedWithFeatures(names), PolicyDevice.CPU))
        .hasMessageContaining("missing features [hedge_underlying] of contract set bs-book-v1");
  }

  @Test
  void aContractSetTheEngineCannotServeIsRefusedNamingTheFeatures() throws IOException {
    Path model = ModelFixtures.shippedWithGraphMetadata(dir, Map.of("hedgestream.feature_set", "heston-spot-var-v1",
        FEATURES, json(FeatureContract.packaged().featureSet("heston-spot-var-v1").orElseThrow())));
    assertThatThrownBy(() -> OnnxPolicy.load(model, PolicyDevice.CPU))
        .hasMessageContaining("cannot build features [log_spot, variance, hedge_varswap]");
  }

  @Test
  void anUnknownFeatureSetIsRefused() throws IOException {
    Path model = ModelFixtures.shippedWithGraphMetadata(dir, Map.of("hedgestream.feature_set", "bs-book-v9"));
    assertThatThrownBy(() -> OnnxPolicy.load(model, PolicyDevice.CPU))
        .hasMessageContaining("feature set bs-book-v9 is not in the contract");
  }

  @Test
  void instrumentsOtherThanTheUnderlyingAndListedFamiliesAreRefusedByName() {
    assertThatThrownBy(() -> OnnxPolicy.load(ModelFixtures.testGraph("unknown-instrument"), PolicyDevice.CPU))
        .isInstanceOf(ModelRejectedException.class)
        .hasMessageContaining("instruments [VARSWAP] are not tradable by the engine")
        .hasMessageContaining("<CALL|PUT>_ATM_<N>D");
  }

  @Test
  void aModelHedgingWithTheUnderlyingAndAListedCallLoads() {
    try (OnnxPolicy policy = OnnxPolicy.load(ModelFixtures.testGraph("two-instruments"), PolicyDevice.CPU)) {
      assertThat(policy.metadata().instruments()).containsExactly("UNDERLYING", "CALL_ATM_30D");
    }
  }

  @Test
  void malformedListedFamiliesAreRefused() throws IOException {
    Path model = ModelFixtures.shippedWithGraphMetadata(dir, Map.of("hedgestream.instruments",
        json(List.of("CALL_ATM_0D")), "hedgestream.target_bounds", "[[-1, 1]]"));
    assertThatThrownBy(() -> OnnxPolicy.load(model, PolicyDevice.CPU))
        .hasMessageContaining("instruments [CALL_ATM_0D] are not tradable by the engine");
  }

  @Test
  void anOpsetBelowTheContractsIsRefused() {
    assertThatThrownBy(() -> OnnxPolicy.load(ModelFixtures.testGraph("opset-12"), PolicyDevice.CPU))
        .hasMessageContaining("default-domain opset 12 is outside the served range [13, 21]");
  }

  @Test
  void aModelWhoseChecksumDiffersFromItsMetadataJsonIsRefused() throws IOException {
    Files.copy(ModelFixtures.shipped().resolve(ModelFiles.ONNX_FILE), dir.resolve(ModelFiles.ONNX_FILE));
    ObjectMapper json = new ObjectMapper();
    ObjectNode sidecar = (ObjectNode) json.readTree(ModelFixtures.shipped().resolve(ModelFiles.METADATA_FILE).toFile());
    sidecar.put("sha256", "00".repeat(32));
    json.writeValue(dir.resolve(ModelFiles.METADATA_FILE).toFile(), sidecar);

    assertThatThrownBy(() -> OnnxPolicy.load(dir, PolicyDevice.CPU))
        .hasMessageContaining("but metadata.json beside it says " + "00".repeat(32));
  }

  @Test
  void metadataJsonThatDisagreesWithTheGraphIsRefused() throws IOException {
    ModelFixtures.shippedWithGraphMetadata(dir, Map.of("hedgestream.version", "other@1"));
    ObjectMapper json = new ObjectMapper();
    ObjectNode sidecar = (ObjectNode) json.readTree(dir.resolve(ModelFiles.METADATA_FILE).toFile());
    sidecar.put("hedgestream.version", "claimed@2");
    json.writeValue(dir.resolve(ModelFiles.METADATA_FILE).toFile(), sidecar);

    assertThatThrownBy(() -> OnnxPolicy.load(dir, PolicyDevice.CPU))
        .hasMessageContaining("metadata.json has hedgestream.version=claimed@2 but the graph has other@1");
  }

  @Test
  void aModelWithoutMetadataJsonIsValidatedFromTheGraphAlone() throws IOException {
    Path file = dir.resolve("renamed.onnx");
    Files.copy(ModelFixtures.shipped().resolve(ModelFiles.ONNX_FILE), file);
    try (OnnxPolicy policy = OnnxPolicy.load(file, PolicyDevice.CPU)) {
      assertThat(policy.metadata().features()).isEqualTo(BS_BOOK);
    }
  }

  @Test
  void aPathWithoutAModelIsRefusedSayingWhatWasExpected() {
    assertThatThrownBy(() -> OnnxPolicy.load(dir.resolve("nowhere"), PolicyDevice.CPU))
        .isInstanceOf(ModelRejectedException.class)
        .hasMessageContaining("no ONNX model at")
        .hasMessageContaining("a model directory holding policy.onnx");
  }

  @Test
  void cudaWithoutTheGpuRuntimeRunsOnTheCpu() {
    try (OnnxPolicy policy = OnnxPolicy.load(ModelFixtures.shipped(), PolicyDevice.AUTO)) {
      if (!ai.onnxruntime.OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
        assertThat(policy.provider()).isEqualTo(OrtProvider.CPU);
      }
      assertThat(policy.decide(List.of(io.hedgestream.engine.features.Books.shortCalls("b", 1, 0))).get(0).isSuccess())
          .isTrue();
    }
  }

  @Test
  void theOpsetsAreReadFromTheProtobuf() throws IOException {
    byte[] shipped = Files.readAllBytes(ModelFixtures.shipped().resolve(ModelFiles.ONNX_FILE));
    assertThat(OnnxOpsets.read(shipped)).containsEntry("", 13L).hasSize(1);
    assertThatThrownBy(() -> OnnxOpsets.read(new byte[] {0x0a, 0x7f}))
        .isInstanceOf(ModelRejectedException.class).hasMessageContaining("not an ONNX model");
  }
}
