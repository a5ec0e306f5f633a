package io.hedgestream.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.Side;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision journal on a real Chronicle queue in a temporary directory. */
class DecisionJournalIT {

  private static final long APPENDED_AT = 1_735_828_200_123_456L;

  @TempDir
  Path dir;

  static DecisionRecord sample(String decisionId, String detail) {
    return new DecisionRecord(1_735_828_200_000_000L, "desk-1", "SPY", decisionId, HedgeReason.POLICY, detail,
        "mlp-v1#0123456789ab", "mlp-v1#0123456789ab", "0123456789abcdef", "/models/mlp/policy.onnx",
        List.of("moneyness", "ttm_years"), new double[] {1.0000000000000002, 0.0821917808219178},
        List.of("UNDERLYING"), new float[] {0.5312f}, 1000, -531.7, 1e6,
        Map.of("SPY", 531.2, "SPY-C-100", 0.0),
        List.of(new DecisionRecord.JournalOrder(decisionId + ":SPY", "SPY", Side.BUY, 531),
            new DecisionRecord.JournalOrder(decisionId + ":SPY-C-100", "SPY-C-100", Side.SELL, 2)),
        12_345, 4_321, 3);
  }

  /** Field by field, numbers exactly (NaN equal to NaN), arrays by content. */
  static void assertSameRecord(DecisionRecord actual, DecisionRecord expected) {
    assertThat(actual).usingRecursiveComparison()
        .withComparatorForType(Double::compare, Double.class)
        .withComparatorForType(Float::compare, Float.class)
        .isEqualTo(expected);
  }

  @Test
  void everyFieldOfAnAppendedDecisionReadsBack() {
    DecisionRecord written = sample("desk-1:SPY:7", "stale mark kept for x, \"quoted\"");
    try (ChronicleDecisionJournal journal = ChronicleDecisionJournal.open(dir, () -> APPENDED_AT)) {
      journal.append(written);
      assertThat(journal.appended()).isEqualTo(1);
    }

    List<JournaledDecision> read = JournalReader.readAll(dir);

    assertThat(read).hasSize(1);
    assertThat(read.get(0).appendMicros()).isEqualTo(APPENDED_AT);
    DecisionRecord r = read.get(0).record();
    assertSameRecord(r, written);
    assertThat(r.features()).containsExactly(written.features());
    assertThat(r.output()).containsExactly(written.output());
    assertThat(r.orders()).containsExactlyElementsOf(written.orders());
  }

  @Test
  void aDecisionWithoutModelReadsBackWithEmptyModelFieldsAndNaNScale() {
    DecisionRecord kill = new DecisionRecord(5, "desk-1", "SPY", "desk-1:SPY:1", HedgeReason.KILL, "kill switch on",
        "delta-bs-v1", "delta-bs-v1", null, null, null, null, null, null, Double.NaN, Double.NaN, 1e6,
        Map.of("SPY", 0.0), List.of(), 0, 0, 0);
    try (ChronicleDecisionJournal journal = ChronicleDecisionJournal.open(dir)) {
      journal.append(kill);
    }

    DecisionRecord r = JournalReader.readAll(dir).get(0).record();

    assertSameRecord(r, kill);
    assertThat(r.hasModelOutput()).isFalse();
    assertThat(r.scale()).isNaN();
  }

  @Test
  void readersKeepTheLastCopyOfAReExecutedDecision() {
    try (ChronicleDecisionJournal journal = ChronicleDecisionJournal.open(dir)) {
      journal.append(sample("desk-1:SPY:1", "first run"));
      journal.append(sample("desk-1:SPY:2", ""));
      journal.append(sample("desk-1:SPY:1", "after restart"));
    }

    JournalContents contents = JournalContents.read(dir);

    assertThat(contents.duplicates()).isEqualTo(1);
    assertThat(contents.decisions()).extracting(d -> d.record().decisionId())
        .containsExactly("desk-1:SPY:2", "desk-1:SPY:1");
    assertThat(contents.decisions().get(1).record().detail()).isEqualTo("after restart");
  }

  @Test
  void appendsFromSeveralThreadsAllLand() throws Exception {
    int threads = 4;
    int each = 250;
    try (ChronicleDecisionJournal journal = ChronicleDecisionJournal.open(dir)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            journal.append(sample("book-" + thread + ":SPY:" + i, ""));
          }
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
      pool.shutdown();
      assertThat(journal.failures()).isZero();
    }

    JournalContents contents = JournalContents.read(dir);

    assertThat(contents.decisions()).hasSize(threads * each);
    assertThat(contents.duplicates()).isZero();
  }

  @Test
  void exportWritesOneRowPerDecisionWithNamedColumns() throws IOException {
    try (ChronicleDecisionJournal journal = ChronicleDecisionJournal.open(dir, () -> APPENDED_AT)) {
      journal.append(sample("desk-1:SPY:1", "first run"));
      journal.append(sample("desk-1:SPY:1", "a, \"b\""));
    }
    StringWriter csv = new StringWriter();

    int rows = JournalCsv.write(JournalReader.readAll(dir), csv);

    String[] lines = csv.toString().split("\n");
    assertThat(rows).isEqualTo(1);
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith(String.join(",", JournalCsv.FIXED))
        .endsWith(",feature.moneyness,feature.ttm_years,output.UNDERLYING,target.SPY,target.SPY-C-100,order.SPY,"
            + "order.SPY-C-100");
    assertThat(lines[1]).startsWith("desk-1:SPY:1,desk-1,SPY,1735828200000000," + APPENDED_AT + ",POLICY,"
            + "\"a, \"\"b\"\"\",")
        .contains(",2,desk-1:SPY:1:SPY desk-1:SPY:1:SPY-C-100,")
        .endsWith(",1.0000000000000002,0.0821917808219178,0.5312,531.2,0.0,531.0,-2.0");
  }

  @Test
  void openingADirectoryWithoutAJournalIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JournalReader.open(dir))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no decision journal");
  }
}
