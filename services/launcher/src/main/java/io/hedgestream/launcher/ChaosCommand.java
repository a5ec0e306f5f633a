package io.hedgestream.launcher;

import io.hedgestream.launcher.chaos.ChaosExperiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hedge chaos}: the kill -9 harness that checks exactly-once end to end (see {@link ChaosExperiment}). */
@Command(name = "chaos", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Record a seeded input, run it through broker, engine and paper gateway (separate processes) "
            + "once without faults and once with kill -9s of the engine and gateway, broker restarts and a zombie "
            + "engine, and compare orders, fills, PnL steps and final ledgers (read_committed). Exit 1 if they differ.",
        "Default: 120 steps x 3 symbols, 20 engine kills, 5 gateway kills, 2 broker restarts, 1 zombie (about 10 "
            + "minutes); --quick: 30 steps, 3/1/1/0 (about 2 minutes)."})
final class ChaosCommand implements Callable<Integer> {

  @Option(names = "--seed", description = "Seeds the input and the fault plan (default 7).")
  long seed = 7;

  @Option(names = "--steps", description = "Lockstep steps (default 120).")
  Integer steps;

  @Option(names = "--symbols", description = "Underlyings (default 3).")
  int symbols = 3;

  @Option(names = "--engine-kills", description = "kill -9s of the engine (default 20).")
  Integer engineKills;

  @Option(names = "--gateway-kills", description = "kill -9s of the gateway (default 5).")
  Integer gatewayKills;

  @Option(names = "--broker-restarts", description = "kill -9 and restarts of the broker (default 2).")
  Integer brokerRestarts;

  @Option(names = "--no-zombie", description = "Skip the zombie engine (SIGSTOP past its session timeout).")
  boolean noZombie;

  @Option(names = "--policy", paramLabel = "delta|MODEL", description = "The engine's policy (default delta).")
  String policy = "delta";

  @Option(names = "--quick", description = "A short run: 30 steps, 3 engine kills, 1 gateway kill, 1 broker "
      + "restart, no zombie.")
  boolean quick;

  @Option(names = "--out", paramLabel = "FILE", description = "Results (default services/bench/results/chaos.json).")
  Path out = Path.of("services/bench/results/chaos.json");

  @Option(names = "--work-dir", paramLabel = "DIR", description = "Input, broker data and logs (default a new "
      + "temporary directory).")
  Path workDir;

  @Spec
  CommandSpec spec;

  /** Used by picocli. */
  ChaosCommand() {}

  @Override
  public Integer call() throws Exception {
    var options = ChaosExperiment.options(seed, steps != null ? steps : quick ? 30 : 120, symbols,
        policy, engineKills != null ? engineKills : quick ? 3 : 20, gatewayKills != null ? gatewayKills : quick ? 1 : 5,
        brokerRestarts != null ? brokerRestarts : quick ? 1 : 2, !noZombie && !quick);
    Path dir = workDir != null ? workDir : Files.createTempDirectory("hedge-chaos");
    spec.commandLine().getOut().println("hedge chaos: working in " + dir + " (services' logs in run-*/logs)");
    spec.commandLine().getOut().flush();
    ChaosExperiment.Outcome outcome = ChaosExperiment.run(options, dir, out);
    spec.commandLine().getOut().println("hedge chaos: " + ChaosExperiment.summary(outcome));
    spec.commandLine().getOut().println("hedge chaos: figures in " + out);
    return outcome.comparison().agree() ? 0 : 1;
  }
}
