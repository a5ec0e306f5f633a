package io.hedgestream.gateway;

import java.time.Duration;

/**
 * When the {@link PaperExchange} executes an order accepted with a simulated latency: its only view of
 * time. The exchange uses {@link TimerThreadScheduler}; tests drive a manual clock instead, so latency is
 * checked by moving time, not by sleeping and measuring.
 */
interface ExecutionScheduler {

  /** Runs {@code task} once, after {@code delay}, on the scheduler's own thread (not the caller's). */
  void schedule(Runnable task, Duration delay);

  /**
   * Runs the tasks already scheduled (each at its time), waiting at most {@code timeout} for them, and
   * accepts no new ones; tasks still pending after {@code timeout} are dropped.
   */
  void drainAndStop(Duration timeout);
}
