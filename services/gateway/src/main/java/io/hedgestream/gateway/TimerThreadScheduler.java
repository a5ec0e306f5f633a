package io.hedgestream.gateway;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An {@link ExecutionScheduler} on one timer thread of its own (a single-thread scheduled executor). */
final class TimerThreadScheduler implements ExecutionScheduler {

  private static final Logger LOG = LoggerFactory.getLogger(TimerThreadScheduler.class);

  private final ScheduledExecutorService timer;

  /** Starts the timer thread, named {@code threadName}. */
  TimerThreadScheduler(String threadName) {
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, threadName));
  }

  @Override
  public void schedule(Runnable task, Duration delay) {
    timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void drainAndStop(Duration timeout) {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        LOG.warn("timer did not finish its scheduled tasks within {}; dropping the rest", timeout);
        timer.shutdownNow();
      }
    } catch (InterruptedException e) {
      timer.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
