package io.hedgestream.launcher.replayrun;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The engine-side settings of a replay run (the data, window and flow are the {@code ReplayConfig}'s).
 *
 * @param policy {@code delta} or the path of an exported model (a folder holding policy.onnx)
 * @param costsBps proportional cost c: every hedge fill pays c x 1e-4 x |quantity| x price as fee, &gt;= 0
 * @param halfSpreadBps half-spread of the replayed quotes around the close in bps (0: bid = ask = close)
 * @param pacing lockstep (deterministic) or max-speed
 * @param bootstrapServers an external cluster, or null for an embedded broker
 * @param outDir where results.json, steps.json, results.txt and cumulative-pnl.png go; null for nowhere
 * @param workDir scratch space (broker logs, engine state)
 * @param stepTimeout how long one lockstep step may take before the run fails
 * @param kafkaOverrides pass-through Kafka client settings ({@code kafka.} prefix stripped)
 */
public record RunOptions(String policy, double costsBps, double halfSpreadBps, Pacing pacing,
    String bootstrapServers, Path outDir, Path workDir, Duration stepTimeout, Map<String, Object> kafkaOverrides) {

  /** Validates. */
  public RunOptions {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(pacing, "pacing");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(stepTimeout, "stepTimeout");
    if (!(costsBps >= 0 && costsBps < 10_000)) {
      throw new IllegalArgumentException("costs must be in [0, 10000) bps, got " + costsBps);
    }
    if (!(halfSpreadBps >= 0 && halfSpreadBps < 10_000)) {
      throw new IllegalArgumentException("half-spread must be in [0, 10000) bps, got " + halfSpreadBps);
    }
    kafkaOverrides = Map.copyOf(kafkaOverrides);
  }

  /** Lockstep, no spread, embedded broker, a 60 s step timeout, no output directory. */
  public static RunOptions of(String policy, double costsBps, Path workDir) {
    return new RunOptions(policy, costsBps, 0, Pacing.LOCKSTEP, null, null, workDir, Duration.ofSeconds(60),
        Map.of());
  }

  /** The same options with another pacing. */
  public RunOptions withPacing(Pacing other) {
    return new RunOptions(policy, costsBps, halfSpreadBps, other, bootstrapServers, outDir, workDir, stepTimeout,
        kafkaOverrides);
  }

  /** The same options writing to {@code dir}. */
  public RunOptions withOutDir(Path dir) {
    return new RunOptions(policy, costsBps, halfSpreadBps, pacing, bootstrapServers, dir, workDir, stepTimeout,
        kafkaOverrides);
  }

  /** The same options against {@code servers}. */
  public RunOptions withBootstrapServers(String servers) {
    return new RunOptions(policy, costsBps, halfSpreadBps, pacing, servers, outDir, workDir, stepTimeout,
        kafkaOverrides);
  }
}
