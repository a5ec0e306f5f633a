package io.hedgestream.launcher;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs one long-lived service the way every {@code hedge} service command does: until Ctrl-C, until
 * {@code --duration} has passed, or until the service stops on its own (finished, or failed: then the
 * command fails with the reason); then closes what was opened, last first, and says so on one line.
 */
final class ServiceRun {

  private static final Duration CHECK_EVERY = Duration.ofMillis(250);

  private ServiceRun() {}

  /** Opens the service's resources onto a {@link ClosingStack}. */
  @FunctionalInterface
  interface Opener {
    /**
     * Starts the service, pushing everything to close onto {@code stack}.
     *
     * @return how to tell that the service stopped on its own, and why
     */
    Watch open(ClosingStack stack) throws Exception;
  }

  /**
   * How the runner watches a started service.
   *
   * @param running true while the service works; false once it stopped on its own (finished or failed)
   * @param failure why it stopped, if it failed
   * @param summary what the service has done so far, for the closing line
   */
  record Watch(BooleanSupplier running, Supplier<Optional<Throwable>> failure, Supplier<String> summary) {}

  /**
   * Opens, waits and closes.
   *
   * @param name the command name for messages
   * @param duration how long to run; empty = until stopped
   * @param out where progress lines go
   * @param opener starts the service
   * @return the exit status (0)
   */
  static int run(String name, Optional<Duration> duration, PrintWriter out, Opener opener) throws Exception {
    try (StopSignal stop = StopSignal.install(); ClosingStack stack = new ClosingStack()) {
      Watch watch = opener.open(stack);
      out.println("hedge " + name + ": running" + duration.map(d -> " for " + d.toSeconds() + " s").orElse("")
          + "; Ctrl-C to stop");
      out.flush();
      long deadline = duration.map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
      boolean stopRequested = false;
      while (!stopRequested && watch.running().getAsBoolean() && System.nanoTime() < deadline) {
        stopRequested = stop.await(CHECK_EVERY);
      }
      Optional<Throwable> failure = watch.failure().get();
      if (failure.isPresent()) {
        throw new IllegalStateException(name + " stopped after a failure: " + failure.get(), failure.get());
      }
      out.println("hedge " + name + ": stopping (" + watch.summary().get() + ")");
      out.flush();
    }
    out.println("hedge " + name + ": stopped");
    out.flush();
    return 0;
  }
}
