package io.hedgestream.launcher;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT/SIGTERM) into a request the main thread sees, so the main thread itself closes the
 * services in order while the JVM's shutdown waits for it. Without this, the JVM would run shutdown hooks
 * concurrently with still-running services and print their stack traces.
 */
final class StopSignal implements AutoCloseable {

  private static final Duration MAX_SHUTDOWN_WAIT = Duration.ofSeconds(60);
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  private StopSignal() {
    hook = new Thread(this::onJvmShutdown, "hedge-stop");
  }

  /** Installs the shutdown hook; close the signal when the command has cleaned up. */
  static StopSignal install() {
    StopSignal signal = new StopSignal();
    Runtime.getRuntime().addShutdownHook(signal.hook);
    return signal;
  }

  /**
   * Waits up to {@code max} for a stop request.
   *
   * @return true if a stop was requested
   */
  boolean await(Duration max) throws InterruptedException {
    return stopRequested.await(Math.max(0, max.toNanos()), TimeUnit.NANOSECONDS);
  }

  /** Whether a stop was requested. */
  boolean stopRequested() {
    return stopRequested.getCount() == 0;
  }

  /** Asks the command to stop (as Ctrl-C would). */
  void requestStop() {
    stopRequested.countDown();
  }

  /** Marks clean-up as done and removes the hook unless the JVM is already shutting down. */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to run; it returns at once because clean-up is done.
    }
  }

  private void onJvmShutdown() {
    stopRequested.countDown();
    try {
      finished.await(MAX_SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
