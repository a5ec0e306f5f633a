package io.hedgestream.gateway;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * An {@link ExecutionScheduler} on a clock that moves only when a test calls {@link #advance}: tasks run
 * on the test's thread, in due order, when time reaches them. No thread, no sleeping, no wall clock.
 */
final class ManualScheduler implements ExecutionScheduler {

  private record Due(Duration at, long sequence, Runnable task) {}

  private final PriorityQueue<Due> pending =
      new PriorityQueue<>(Comparator.comparing(Due::at).thenComparingLong(Due::sequence));
  private Duration now = Duration.ZERO;
  private long scheduled;
  private boolean stopped;

  @Override
  public void schedule(Runnable task, Duration delay) {
    if (stopped) {
      throw new IllegalStateException("scheduler stopped");
    }
    pending.add(new Due(now.plus(delay), scheduled++, task));
  }

  /** Moves the clock forward by {@code step} and runs every task due by then. */
  void advance(Duration step) {
    now = now.plus(step);
    while (!pending.isEmpty() && pending.peek().at().compareTo(now) <= 0) {
      pending.poll().task().run();
    }
  }

  /** Tasks scheduled and not yet run. */
  int pendingTasks() {
    return pending.size();
  }

  /** Whether {@link #drainAndStop} was called. */
  boolean stopped() {
    return stopped;
  }

  /** Runs every pending task at its time, as the timer thread would before the timeout. */
  @Override
  public void drainAndStop(Duration timeout) {
    stopped = true;
    while (!pending.isEmpty()) {
      Due next = pending.poll();
      now = next.at();
      next.task().run();
    }
  }
}
