package io.hedgestream.launcher;

import io.hedgestream.engine.journal.JournalContents;
import io.hedgestream.engine.journal.JournalVerifier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hedge journal verify}: re-executes every journaled decision ({@link JournalVerifier}) and lists
 * those that differ; exits 1 when any differs or its model cannot be found.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Re-execute every journaled model decision with the recorded model (found by sha256: at the "
        + "recorded path, else under --models) on the recorded features; check raw outputs (to 1e-6), the "
        + "guardrail outcome and the target; check delta fallbacks, delta-hedge, kill and expiry targets.",
        "Prints each differing decision and a summary line; exit code 1 when any differs or a model is missing."})
final class JournalVerifyCommand implements Callable<Integer> {

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Journal directory (engine.journal.dir; default: the default engine's).")
  Path dir;

  @Option(names = "--models", paramLabel = "DIR",
      description = "Where to look for models that moved, by sha256 (default: models, when it exists).")
  Path models;

  @Option(names = "--verbose", description = "Also print every decision that was reproduced.")
  boolean verbose;

  @Spec
  CommandSpec spec;

  /** Used by picocli. */
  JournalVerifyCommand() {}

  @Override
  public Integer call() {
    Path modelsDir = models != null ? models : Files.isDirectory(Path.of("models")) ? Path.of("models") : null;
    PrintWriter out = spec.commandLine().getOut();
    JournalVerifier.Report report;
    try (JournalVerifier verifier = new JournalVerifier(modelsDir)) {
      report = verifier.verify(JournalContents.read(JournalCommand.dirOrDefault(dir)));
    }
    for (JournalVerifier.Finding finding : report.findings()) {
      boolean problem = finding.verdict() == JournalVerifier.Verdict.DIFFERENT
          || finding.verdict() == JournalVerifier.Verdict.MODEL_MISSING;
      if (problem || verbose) {
        out.printf("%s %s (max |diff| %.3g): %s%n", finding.verdict(), finding.decisionId(), finding.maxAbsDiff(),
            finding.message());
      }
    }
    out.println("hedge journal verify: " + report.summary());
    return report.passed() ? 0 : HedgeCommand.EXIT_FAILURE;
  }
}
