package io.hedgestream.launcher.replayrun;

import java.util.Objects;

/**
 * What a replay run was: the labels the results carry.
 *
 * @param window the window's name (or from..to)
 * @param from first date of the window, ISO
 * @param to last date of the window, ISO
 * @param policy the engine policy ({@code delta} or the model's path)
 * @param flow the liability flow (hirm, poisson, book)
 * @param costsBps proportional cost c in basis points of fill notional
 * @param pacing lockstep or max-speed
 * @param days ticks (trading days) replayed in the window
 * @param warmupDays trading days published before the window (no orders, not in the results) so the policy's
 *     rolling features are warm at the window's first close
 * @param wallMillis wall time of the replay (ingest excluded), milliseconds
 */
public record RunDescription(String window, String from, String to, String policy, String flow, double costsBps,
    String pacing, int days, int warmupDays, long wallMillis) {

  /** Validates. */
  public RunDescription {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(pacing, "pacing");
  }
}
