package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.SPY;
import static io.hedgestream.engine.Samples.T0;
import static io.hedgestream.engine.Samples.clientBuysCalls;
import static io.hedgestream.engine.Samples.minutes;
import static io.hedgestream.engine.Samples.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.ControlCommand;
import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.PolicyControl;
import io.hedgestream.engine.policy.DeltaHedgePolicy;
import io.hedgestream.engine.policy.onnx.ModelFiles;
import io.hedgestream.engine.policy.onnx.ModelFixtures;
import io.hedgestream.engine.policy.onnx.OnnxPolicy;
import io.hedgestream.schemas.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload over {@code policy.control}: ACTIVATE_MODEL switches the policy between decisions, a model
 * whose checksum, metadata or version does not match is refused (dead-lettered once, the old policy stays),
 * Real ONNX Runtime sessions on the shipped model; {@code EngineServiceIT} restarts an engine with an
 * activation over a real broker.
 */
class HotReloadTest {

  @TempDir
  Path dir;

  private static final Path SHIPPED = ModelFixtures.shipped();

  private static String shippedSha() {
    return ModelFiles.read(SHIPPED).sha256();
  }

  private static String shippedVersion() {
    try (OnnxPolicy policy = OnnxPolicy.load(SHIPPED, io.hedgestream.engine.policy.onnx.PolicyDevice.CPU)) {
      return policy.version();
    }
  }

  private static PolicyControl activate(String id, String path, String sha256, String version) {
    return PolicyControl.newBuilder(Samples.command(id, ControlCommand.ACTIVATE_MODEL, Map.of()))
        .setModelPath(path).setSha256(sha256).setPolicyVersion(version).build();
  }

  /** A book hedged by the configured delta policy, then one decision per minute from minute 1. */
  private static void startBook(EngineDriver engine) {
    engine.tick(tick(T0, 100));
    engine.order(clientBuysCalls("c1", 10, T0));
  }

  private static PnlEvent decideAt(EngineDriver engine, int minute, double mid) {
    engine.tick(tick(minutes(minute), mid));
    List<PnlEvent> steps = engine.drainPnl();
    assertThat(steps).as("one decision at minute " + minute).hasSize(1);
    return steps.get(0);
  }

  @Test
  void anActivatedModelDecidesFromTheNextDecisionAndEveryOrderCarriesItsVersion() {
    try (EngineDriver engine = EngineDriver.create("engine.decision.interval", "PT1M")) {
      startBook(engine);
      assertThat(engine.drainOrders()).allSatisfy(order ->
          assertThat(order.getPolicyVersion()).isEqualTo(DeltaHedgePolicy.VERSION));
      engine.drainPnl();

      engine.control("*", activate("m1", SHIPPED.toString(), shippedSha(), null));
      PnlEvent step = decideAt(engine, 1, 103);

      String version = shippedVersion();
      assertThat(version).contains("#" + shippedSha().substring(0, 12));
      assertThat(step.getPolicyVersion()).isEqualTo(version);
      assertThat(step.getReason()).startsWith(HedgeReason.POLICY.name());
      assertThat(engine.drainOrders()).allSatisfy(order -> assertThat(order.getPolicyVersion()).isEqualTo(version));
      assertThat(engine.deadLetters(Topics.POLICY_CONTROL).isEmpty()).isTrue();
    }
  }

  @Test
  void aChecksumMismatchIsRefusedOnceAndTheOldPolicyStays() {
    try (EngineDriver engine = EngineDriver.create("engine.decision.interval", "PT1M")) {
      startBook(engine);
      engine.drainPnl();
      String wrong = "0".repeat(64);

      engine.control("*", activate("m1", SHIPPED.toString(), wrong, null));

      DeadLetter dead = engine.deadLetters(Topics.POLICY_CONTROL).readValue();
      assertThat(dead.getErrorType()).isEqualTo("MODEL_REFUSED");
      assertThat(dead.getError()).contains("sha256 is " + shippedSha()).contains("the command says " + wrong);
      assertThat(engine.deadLetters(Topics.POLICY_CONTROL).isEmpty()).as("one dead letter per command").isTrue();
      assertThat(decideAt(engine, 1, 103).getPolicyVersion()).isEqualTo(DeltaHedgePolicy.VERSION);
    }
  }

  @Test
  void aModelWhoseFeaturesTheEngineCannotBuildIsRefusedNamingThem() throws IOException {
    Path odd = ModelFixtures.shippedWithGraphMetadata(dir,
        Map.of("hedgestream.features", "[\"log_moneyness\", \"ttm_years\", \"implied_vol\", \"book_delta\","
            + " \"book_gamma_spot\", \"book_vega_spot\", \"variance\"]"));
    String sha = ModelFiles.read(odd).sha256();
    try (EngineDriver engine = EngineDriver.create("engine.decision.interval", "PT1M")) {
      startBook(engine);
      engine.drainPnl();

      engine.control("*", activate("m1", odd.toString(), sha, null));

      DeadLetter dead = engine.deadLetters(Topics.POLICY_CONTROL).readValue();
      assertThat(dead.getErrorType()).isEqualTo("MODEL_REFUSED");
      assertThat(dead.getError()).contains("variance");
      assertThat(decideAt(engine, 1, 103).getPolicyVersion()).isEqualTo(DeltaHedgePolicy.VERSION);
    }
  }

  @Test
  void aPinnedVersionOtherThanTheModelsIsRefused() {
    try (EngineDriver engine = EngineDriver.create("engine.decision.interval", "PT1M")) {
      startBook(engine);
      engine.drainPnl();

      engine.control("*", activate("m1", SHIPPED.toString(), shippedSha(), "bs-delta-mlp-v0@old"));

      assertThat(engine.deadLetters(Topics.POLICY_CONTROL).readValue().getError())
          .contains("expected version bs-delta-mlp-v0@old");
      assertThat(decideAt(engine, 1, 103).getPolicyVersion()).isEqualTo(DeltaHedgePolicy.VERSION);
    }
  }

  @Test
  void aSymbolsOwnActivationWinsOverTheOneForAllAndDeltaRollsBack() {
    try (EngineDriver engine = EngineDriver.create("engine.decision.interval", "PT1M")) {
      startBook(engine);
      engine.drainPnl();
      engine.control("*", activate("m1", SHIPPED.toString(), shippedSha(), null));
      engine.control(SPY, activate("m2", "delta", null, null));

      assertThat(decideAt(engine, 1, 103).getPolicyVersion()).isEqualTo(DeltaHedgePolicy.VERSION);

      engine.control(SPY, activate("m3", SHIPPED.toString(), shippedSha(), shippedVersion()));
      assertThat(decideAt(engine, 2, 101).getPolicyVersion()).isEqualTo(shippedVersion());
      assertThat(engine.deadLetters(Topics.POLICY_CONTROL).isEmpty()).isTrue();
    }
  }
}
