package io.hedgestream.launcher.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos experiment: record a seeded input once; run A through broker, engine and gateway with no fault;
 * run B over the same bytes with the fault plan (engine and gateway SIGKILLs while fills flow, broker
 * restarts, a zombie engine); compare what each published, read as a read_committed consumer. Writes the
 * figures as JSON.
 */
public final class ChaosExperiment {

  private static final Logger LOG = LoggerFactory.getLogger(ChaosExperiment.class);

  private ChaosExperiment() {}

  /**
   * Runs the experiment.
   *
   * @param options the settings
   * @param workDir where the input, the brokers' data and the services' logs go
   * @param out the results file (JSON)
   * @return the comparison of the two runs
   */
  public static Outcome run(ChaosOptions options, Path workDir, Path out) throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Path inputFile = workDir.resolve("chaos-input.bin");
    ChaosInput.generate(options.seed(), options.steps(), options.symbols()).write(inputFile);
    ChaosInput input = ChaosInput.read(inputFile);
    FaultPlan plan = options.plan();
    LOG.info("chaos: {} steps x {} symbols, {} client orders; faults {}", options.steps(), options.symbols().size(),
        input.orderCount(), plan.faults().stream().map(f -> f.kind() + "@" + f.step()).toList());
    ChaosRun.Result reference = new ChaosRun("A", options, FaultPlan.none(),
        ChaosRun.createWorkDir(workDir, "run-A")).run(input);
    ChaosRun.Result faulty = new ChaosRun("B", options, plan, ChaosRun.createWorkDir(workDir, "run-B")).run(input);
    ChaosComparison comparison = ChaosComparison.of(reference, faulty);
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(out.toFile(), document(options, plan, inputFile, input, reference, faulty, comparison));
    return new Outcome(comparison, reference, faulty);
  }

  /**
   * The outcome.
   *
   * @param comparison the run-by-run comparison
   * @param reference run A
   * @param faulty run B
   */
  public record Outcome(ChaosComparison comparison, ChaosRun.Result reference, ChaosRun.Result faulty) {}

  private static Map<String, Object> document(ChaosOptions options, FaultPlan plan, Path inputFile, ChaosInput input,
      ChaosRun.Result reference, ChaosRun.Result faulty, ChaosComparison comparison) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("measuredAt", Instant.now().toString());
    doc.put("agree", comparison.agree());
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("seed", options.seed());
    setup.put("steps", options.steps());
    setup.put("symbols", options.symbols());
    setup.put("partitions", options.partitions());
    setup.put("policy", options.policy());
    setup.put("clientOrders", input.orderCount());
    setup.put("inputSha256", ChaosInput.sha256(inputFile));
    setup.put("pacing", "lockstep: client orders, engine barrier, ticks, engine barrier, fills of the step");
    setup.put("engine", "exactly_once_v2, commit 10 ms, static membership, RocksDB state, session timeout 6 s");
    setup.put("gateway", "paper, fill-at order-time, transactional, commit 5 ms");
    setup.put("processes", "broker, engine and gateway are separate JVMs (hedge broker|engine|gateway)");
    doc.put("setup", setup);
    Map<String, Object> faults = new LinkedHashMap<>();
    for (FaultPlan.Kind kind : FaultPlan.Kind.values()) {
      faults.put(kind.name(), plan.count(kind));
    }
    faults.put("done", faulty.faults().stream().map(done -> Map.of("step", done.fault().step(),
        "kind", done.fault().kind().name(), "delayMillis", done.fault().delayMillis(),
        "millis", Math.round(done.millis()))).toList());
    faults.put("unplannedRestarts", faulty.unplannedRestarts());
    faults.put("engineFencingLogLines", faulty.fencingLogLines().size());
    doc.put("faults", faults);
    doc.put("runA", runSummary(reference));
    doc.put("runB", runSummary(faulty));
    Map<String, Object> compared = new LinkedHashMap<>();
    compared.put("orders", counts(comparison.orders()));
    compared.put("fills", counts(comparison.fills()));
    compared.put("pnlSteps", counts(comparison.pnlSteps()));
    compared.put("books", comparison.books());
    compared.put("booksWithDifferentFinalLedger", comparison.differentLedgers());
    compared.put("extraDeadLetters", comparison.extraDeadLetters());
    doc.put("comparison", compared);
    return doc;
  }

  private static Map<String, Object> runSummary(ChaosRun.Result run) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("seconds", Math.round(run.seconds() * 10) / 10.0);
    summary.put("hedgeOrders", run.orders().size());
    summary.put("fills", run.fills().size());
    summary.put("pnlEvents", run.pnl().size());
    summary.put("deadLetters", run.deadLetters());
    return summary;
  }

  private static Map<String, Object> counts(ChaosComparison.Counts counts) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("reference", counts.reference());
    out.put("faulty", counts.faulty());
    out.put("lost", counts.lost());
    out.put("duplicated", counts.duplicated());
    out.put("duplicatedInReference", counts.referenceDuplicated());
    out.put("extra", counts.extra());
    out.put("different", counts.different());
    out.put("firstDifferences", counts.examples());
    return out;
  }

  /** A one-line summary for the console. */
  public static String summary(Outcome outcome) {
    ChaosComparison c = outcome.comparison();
    String faults = outcome.faulty().faults().stream()
        .collect(Collectors.groupingBy(done -> done.fault().kind(), Collectors.counting())).toString();
    return (c.agree() ? "AGREE" : "DIFFER") + ": faults " + faults + "; orders " + c.orders() + "; fills "
        + c.fills() + "; pnl steps " + c.pnlSteps() + "; books " + c.books() + " (different final ledgers "
        + c.differentLedgers() + "); A " + Math.round(outcome.reference().seconds()) + " s, B "
        + Math.round(outcome.faulty().seconds()) + " s";
  }

  /**
   * The settings of an experiment, with symbols CHA, CHB, ... and one partition per symbol.
   *
   * @param seed seeds the input and the fault plan
   * @param steps lockstep steps
   * @param symbols how many underlyings
   * @param policy the engine's policy
   * @param engineKills SIGKILLs of the engine
   * @param gatewayKills SIGKILLs of the gateway
   * @param brokerRestarts broker restarts
   * @param zombie whether to make a zombie engine
   * @return the options
   */
  public static ChaosOptions options(long seed, int steps, int symbols, String policy, int engineKills,
      int gatewayKills, int brokerRestarts, boolean zombie) {
    List<String> names = java.util.stream.IntStream.range(0, symbols).mapToObj(i -> "CH" + (char) ('A' + i)).toList();
    return new ChaosOptions(seed, steps, names, symbols, policy, engineKills, gatewayKills, brokerRestarts, zombie);
  }
}
