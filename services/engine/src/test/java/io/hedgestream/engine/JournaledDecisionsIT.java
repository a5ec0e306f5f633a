package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.T0;
import static io.hedgestream.engine.Samples.clientBuysCalls;
import static io.hedgestream.engine.Samples.fillOf;
import static io.hedgestream.engine.Samples.minutes;
import static io.hedgestream.engine.Samples.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.ControlCommand;
import io.hedgestream.engine.journal.ChronicleDecisionJournal;
import io.hedgestream.engine.journal.DecisionRecord;
import io.hedgestream.engine.journal.JournalContents;
import io.hedgestream.engine.journal.JournalReader;
import io.hedgestream.engine.journal.JournalVerifier;
import io.hedgestream.engine.journal.JournaledDecision;
import io.hedgestream.engine.policy.DeltaHedgePolicy;
import io.hedgestream.engine.policy.onnx.ModelFixtures;
import io.hedgestream.engine.policy.onnx.OnnxPolicy;
import io.hedgestream.engine.policy.onnx.PolicyDevice;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine (TopologyTestDriver) journaling every decision to a real Chronicle queue, with the shipped
 * model and a broken one, and {@link JournalVerifier} re-executing those journals.
 */
class JournaledDecisionsIT {

  @TempDir
  Path journalDir;

  @TempDir
  Path otherDir;

  /** Opens a book, fills its hedge and re-decides it a minute later: two POLICY decisions. */
  private static List<HedgeOrder> hedgeTwice(EngineDriver engine) {
    engine.tick(tick(T0, 100));
    engine.order(clientBuysCalls("c1", 10, T0));
    HedgeOrder opening = engine.drainOrders().get(0);
    engine.fill(fillOf(opening, "f1", opening.getQuantity(), 100, 0));
    engine.tick(tick(minutes(1), 101));
    List<HedgeOrder> orders = new java.util.ArrayList<>(List.of(opening));
    orders.addAll(engine.drainOrders());
    return orders;
  }

  private List<DecisionRecord> journalOfTheShippedModel() {
    EngineConfig config = EngineDriver.config("engine.decision.interval", "PT1M");
    try (OnnxPolicy policy = OnnxPolicy.load(ModelFixtures.shipped(), PolicyDevice.CPU);
        ChronicleDecisionJournal journal = ChronicleDecisionJournal.open(journalDir);
        EngineDriver engine = EngineDriver.create(config, policy, journal)) {
      hedgeTwice(engine);
    }
    return JournalReader.readAll(journalDir).stream().map(JournaledDecision::record).toList();
  }

  @Test
  void everyModelDecisionIsJournaledWithItsFeaturesRawOutputAndOrders() {
    EngineConfig config = EngineDriver.config("engine.decision.interval", "PT1M");
    List<HedgeOrder> orders;
    OnnxPolicy policy = OnnxPolicy.load(ModelFixtures.shipped(), PolicyDevice.CPU);
    try (policy;
        ChronicleDecisionJournal journal = ChronicleDecisionJournal.open(journalDir);
        EngineDriver engine = EngineDriver.create(config, policy, journal)) {
      orders = hedgeTwice(engine);
    }

    List<DecisionRecord> records = JournalReader.readAll(journalDir).stream().map(JournaledDecision::record).toList();

    assertThat(records).hasSize(2).allSatisfy(r -> {
      assertThat(r.reason()).isEqualTo(HedgeReason.POLICY);
      assertThat(r.policyVersion()).isEqualTo(policy.version()).isEqualTo(r.orderPolicyVersion());
      assertThat(r.modelSha256()).isEqualTo(policy.sha256());
      assertThat(r.modelPath()).isEqualTo(policy.file().toString());
      assertThat(r.featureNames()).isEqualTo(policy.features().names());
      assertThat(r.features()).hasSize(policy.features().size());
      assertThat(r.outputInstruments()).containsExactly("UNDERLYING");
      assertThat(r.scale()).isEqualTo(1000.0);
      assertThat(r.target().get(Samples.SPY)).isEqualTo(r.output()[0] * r.scale());
      assertThat(r.batchSize()).isEqualTo(1);
      assertThat(r.inferenceNanos()).isPositive();
      assertThat(r.optionDelta()).isNegative();
    });
    assertThat(records).extracting(DecisionRecord::decisionId).containsExactly("desk-1:SPY:1", "desk-1:SPY:2");
    assertThat(records.stream().flatMap(r -> r.orders().stream()).map(DecisionRecord.JournalOrder::orderId))
        .containsExactlyElementsOf(orders.stream().map(HedgeOrder::getOrderId).toList());
  }

  @Test
  void aGuardrailFailureIsJournaledAsAFallbackWithTheGuardrailAndTheRawOutput() {
    EngineConfig config = EngineDriver.config("engine.decision.interval", "PT1M");
    try (OnnxPolicy policy = OnnxPolicy.load(ModelFixtures.testGraph("constant-nan"), PolicyDevice.CPU);
        ChronicleDecisionJournal journal = ChronicleDecisionJournal.open(journalDir);
        EngineDriver engine = EngineDriver.create(config, policy, journal)) {
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));
    }

    DecisionRecord r = JournalReader.readAll(journalDir).get(0).record();

    assertThat(r.reason()).isEqualTo(HedgeReason.FALLBACK);
    assertThat(r.detail()).startsWith("policy failed: guardrail NON_FINITE");
    assertThat(r.orderPolicyVersion()).isEqualTo(DeltaHedgePolicy.VERSION);
    assertThat(r.output()).hasSize(1);
    assertThat(r.output()[0]).isNaN();
    assertThat(r.target().get(Samples.SPY)).isEqualTo(-r.optionDelta());
    try (JournalVerifier verifier = new JournalVerifier(null)) {
      assertThat(verifier.verify(r).verdict()).isEqualTo(JournalVerifier.Verdict.SAME);
    }
  }

  @Test
  void aKilledBookIsJournaledWithoutModelFields() {
    EngineConfig config = EngineDriver.config("engine.decision.interval", "PT1M");
    try (ChronicleDecisionJournal journal = ChronicleDecisionJournal.open(journalDir);
        EngineDriver engine = EngineDriver.create(config, new DeltaHedgePolicy(), journal)) {
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));
      engine.control(Samples.SPY, Samples.command("k1", ControlCommand.KILL_SWITCH, Map.of()));
    }

    List<DecisionRecord> records = JournalReader.readAll(journalDir).stream().map(JournaledDecision::record).toList();

    assertThat(records).extracting(DecisionRecord::reason).containsExactly(HedgeReason.POLICY, HedgeReason.KILL);
    DecisionRecord kill = records.get(1);
    assertThat(kill.detail()).contains("kill switch on");
    assertThat(kill.features()).isEmpty();
    assertThat(kill.modelSha256()).isEmpty();
    assertThat(kill.target()).containsEntry(Samples.SPY, 0.0);
    try (JournalVerifier verifier = new JournalVerifier(null)) {
      JournalVerifier.Report report = verifier.verify(JournalContents.read(journalDir));
      assertThat(report.count(JournalVerifier.Verdict.SAME)).isEqualTo(2);
    }
  }

  @Test
  void verifyReproducesAnHonestJournal() {
    journalOfTheShippedModel();

    try (JournalVerifier verifier = new JournalVerifier(null)) {
      JournalVerifier.Report report = verifier.verify(JournalContents.read(journalDir));

      assertThat(report.passed()).as(report.summary()).isTrue();
      assertThat(report.count(JournalVerifier.Verdict.SAME)).isEqualTo(2);
      assertThat(report.maxAbsDiff()).isLessThanOrEqualTo(JournalVerifier.TOLERANCE);
    }
  }

  @Test
  void verifyCatchesATamperedFeatureAndAnotherModelsOutput() {
    DecisionRecord honest = journalOfTheShippedModel().get(0);
    double[] features = honest.features().clone();
    features[0] += 0.25;
    try (ChronicleDecisionJournal tampered = ChronicleDecisionJournal.open(otherDir)) {
      tampered.append(copy(honest, "tampered-feature", features, honest.output(), honest.modelPath()));
      tampered.append(copy(honest, "other-model", honest.features(), new float[] {0.5f}, honest.modelPath()));
      tampered.append(copy(honest, "honest", honest.features(), honest.output(), honest.modelPath()));
    }

    try (JournalVerifier verifier = new JournalVerifier(null)) {
      JournalVerifier.Report report = verifier.verify(JournalContents.read(otherDir));

      assertThat(report.passed()).isFalse();
      assertThat(report.findings()).extracting(JournalVerifier.Finding::verdict).containsExactly(
          JournalVerifier.Verdict.DIFFERENT, JournalVerifier.Verdict.DIFFERENT, JournalVerifier.Verdict.SAME);
      assertThat(report.findings().get(0).maxAbsDiff()).isGreaterThan(JournalVerifier.TOLERANCE);
      assertThat(report.summary()).contains("1 same, 2 different");
    }
  }

  @Test
  void verifyFindsAMovedModelBySha256UnderTheModelsFolder() {
    DecisionRecord honest = journalOfTheShippedModel().get(0);
    try (ChronicleDecisionJournal moved = ChronicleDecisionJournal.open(otherDir)) {
      moved.append(copy(honest, "moved", honest.features(), honest.output(), "/gone/policy.onnx"));
    }
    JournalContents contents = JournalContents.read(otherDir);

    try (JournalVerifier withoutModels = new JournalVerifier(null);
        JournalVerifier withModels = new JournalVerifier(ModelFixtures.modelsDir())) {
      assertThat(withoutModels.verify(contents).findings().get(0).verdict())
          .isEqualTo(JournalVerifier.Verdict.MODEL_MISSING);
      assertThat(withModels.verify(contents).findings().get(0).verdict()).isEqualTo(JournalVerifier.Verdict.SAME);
    }
  }

  private static DecisionRecord copy(DecisionRecord r, String id, double[] features, float[] output, String path) {
    return new DecisionRecord(r.eventMicros(), r.book(), r.symbol(), id, r.reason(), r.detail(), r.policyVersion(),
        r.orderPolicyVersion(), r.modelSha256(), path, r.featureNames(), features, r.outputInstruments(), output,
        r.scale(), r.optionDelta(), r.maxPosition(), r.target(), r.orders(), r.featureNanos(), r.inferenceNanos(),
        r.batchSize());
  }
}
