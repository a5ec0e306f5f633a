package io.hedgestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.engine.journal.ChronicleDecisionJournal;
import io.hedgestream.engine.journal.DecisionRecord;
import io.hedgestream.engine.journal.JournalReader;
import io.hedgestream.engine.journal.JournaledDecision;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hedge journal tail|export|verify} on a real journal written by the engine's decider with the
 * shipped model ({@link JournalSample}).
 *
 * <p>The trainer's sample {@code services/trainer/tests/data/journal-sample.csv} is this test's export: run it
 * with {@code -Dhedge.journal.sample.out=<absolute path of that file>} to write it again.
 */
class JournalCommandsIT {

  @TempDir
  Path journal;

  @TempDir
  Path work;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private int decisions;

  @BeforeEach
  void writeJournal() {
    decisions = JournalSample.write(journal);
  }

  private int run(String... args) {
    CommandLine cli = HedgeCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void tailPrintsTheLastDecisionsReadably() {
    int status = run("journal", "tail", "--dir", journal.toString(), "-n", "3");

    assertThat(status).isZero();
    String text = out.toString();
    assertThat(text).contains("desk-1:SPY:7 KILL", "desk-2:SPY:7 KILL", "detail kill switch on",
        "desk-2:SPY:6 POLICY", "features {log_moneyness=", "batch 2,");
    assertThat(text).doesNotContain("desk-1:SPY:6 ");
  }

  @Test
  void exportWritesOneCsvRowPerDecision() throws IOException {
    Path csv = work.resolve("journal.csv");

    int status = run("journal", "export", "--dir", journal.toString(), "--out", csv.toString());

    assertThat(status).isZero();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(decisions + 1);
    assertThat(lines.get(0)).contains("decision_id,", "feature.log_moneyness", "output.UNDERLYING", "target.SPY");
    assertThat(out.toString()).contains(decisions + " decisions (0 re-executed copies folded)");
    String sample = System.getProperty("hedge.journal.sample.out");
    if (sample != null && !sample.isBlank()) {
      assertThat(run("journal", "export", "--dir", journal.toString(), "--out", sample)).isZero();
    }
  }

  @Test
  void verifyReproducesEveryDecisionOfAnHonestJournal() {
    int status = run("journal", "verify", "--dir", journal.toString());

    assertThat(status).as(out.toString()).isZero();
    assertThat(out.toString()).contains("hedge journal verify: " + decisions + " decisions (0 duplicate copies "
        + "dropped): " + decisions + " same, 0 different, 0 model missing");
  }

  @Test
  void verifyListsATamperedDecisionAndFails() {
    Path tampered = work.resolve("tampered");
    DecisionRecord honest = JournalReader.readAll(journal).stream().map(JournaledDecision::record)
        .filter(DecisionRecord::hasModelOutput).findFirst().orElseThrow();
    double[] features = honest.features().clone();
    features[features.length - 1] += 0.3;
    try (ChronicleDecisionJournal copy = ChronicleDecisionJournal.open(tampered)) {
      copy.append(honest);
      copy.append(new DecisionRecord(honest.eventMicros(), honest.book(), honest.symbol(), honest.decisionId(),
          honest.reason(), honest.detail(), honest.policyVersion(), honest.orderPolicyVersion(),
          honest.modelSha256(), honest.modelPath(), honest.featureNames(), features, honest.outputInstruments(),
          honest.output(), honest.scale(), honest.optionDelta(), honest.maxPosition(), honest.target(),
          honest.orders(), honest.featureNanos(), honest.inferenceNanos(), honest.batchSize()));
    }

    int status = run("journal", "verify", "--dir", tampered.toString());

    assertThat(status).isEqualTo(HedgeCommand.EXIT_FAILURE);
    assertThat(out.toString()).contains("DIFFERENT " + honest.decisionId(),
        "1 decisions (1 duplicate copies dropped): 0 same, 1 different");
  }

  @Test
  void aDirectoryWithoutAJournalIsAConfigurationError() {
    int status = run("journal", "tail", "--dir", work.toString());

    assertThat(status).isEqualTo(HedgeCommand.EXIT_CONFIG);
    assertThat(err.toString()).contains("no decision journal");
  }
}
