package io.hedgestream.launcher.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which faults strike a run, at which steps and how long after the step's ticks are published: drawn from a
 * seed, each at a step of its own, none in the first or last three steps (so every fault has decisions and
 * fills before and after it).
 *
 * @param faults the faults, by step
 */
record FaultPlan(List<Fault> faults) {

  /** What a fault does. */
  enum Kind {
    /** SIGKILL the engine and start it again. */
    KILL_ENGINE,
    /** SIGKILL the gateway and start it again. */
    KILL_GATEWAY,
    /** SIGKILL the broker and start it again on its data directory. */
    RESTART_BROKER,
    /** Freeze the engine past its session timeout while a second instance takes over, then wake it up. */
    ZOMBIE_ENGINE
  }

  /**
   * One fault.
   *
   * @param step the step at which it strikes
   * @param kind what it does
   * @param delayMillis how long after the step's ticks are published
   */
  record Fault(int step, Kind kind, long delayMillis) {}

  /**
   * A fault done.
   *
   * @param fault the fault
   * @param millis how long doing it took (the kill and the start of the new process)
   */
  record Done(Fault fault, double millis) {}

  /** No fault at all: the reference run. */
  static FaultPlan none() {
    return new FaultPlan(List.of());
  }

  /**
   * Draws a plan.
   *
   * @param seed the seed
   * @param steps steps of the run
   * @param engineKills SIGKILLs of the engine
   * @param gatewayKills SIGKILLs of the gateway
   * @param brokerRestarts broker SIGKILL and restarts
   * @param zombie whether one zombie engine instance is made
   */
  static FaultPlan draw(long seed, int steps, int engineKills, int gatewayKills, int brokerRestarts, boolean zombie) {
    int count = engineKills + gatewayKills + brokerRestarts + (zombie ? 1 : 0);
    if (count > steps - 6) {
      throw new IllegalArgumentException(count + " faults need at least " + (count + 6) + " steps, not " + steps);
    }
    List<Integer> candidates = new ArrayList<>();
    for (int step = 3; step < steps - 3; step++) {
      candidates.add(step);
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = candidates.size() - 1; i > 0; i--) {
      Collections.swap(candidates, i, random.nextInt(i + 1));
    }
    List<Kind> kinds = new ArrayList<>();
    kinds.addAll(Collections.nCopies(engineKills, Kind.KILL_ENGINE));
    kinds.addAll(Collections.nCopies(gatewayKills, Kind.KILL_GATEWAY));
    kinds.addAll(Collections.nCopies(brokerRestarts, Kind.RESTART_BROKER));
    if (zombie) {
      kinds.add(Kind.ZOMBIE_ENGINE);
    }
    List<Fault> faults = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      faults.add(new Fault(candidates.get(i), kinds.get(i), random.nextLong(41)));
    }
    faults.sort((a, b) -> Integer.compare(a.step(), b.step()));
    return new FaultPlan(List.copyOf(faults));
  }

  /** The faults that strike at {@code step}. */
  List<Fault> at(int step) {
    return faults.stream().filter(fault -> fault.step() == step).toList();
  }

  /** How many faults of {@code kind} the plan holds. */
  long count(Kind kind) {
    return faults.stream().filter(fault -> fault.kind() == kind).count();
  }
}
