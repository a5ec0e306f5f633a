package io.hedgestream.launcher.chaos;

import java.util.List;

/**
 * The settings of a chaos experiment.
 *
 * @param seed seeds the input and the fault plan
 * @param steps lockstep steps (trading days)
 * @param symbols underlyings, one tick each per step
 * @param partitions partitions of every topic
 * @param policy the engine's policy ({@code delta} or a model directory)
 * @param engineKills SIGKILLs of the engine in the faulty run
 * @param gatewayKills SIGKILLs of the gateway
 * @param brokerRestarts SIGKILL and restarts of the broker
 * @param zombie whether the faulty run makes one zombie engine instance
 */
public record ChaosOptions(long seed, int steps, List<String> symbols, int partitions, String policy, int engineKills,
    int gatewayKills, int brokerRestarts, boolean zombie) {

  /** The fault plan of the faulty run. */
  FaultPlan plan() {
    return FaultPlan.draw(seed, steps, engineKills, gatewayKills, brokerRestarts, zombie);
  }
}
