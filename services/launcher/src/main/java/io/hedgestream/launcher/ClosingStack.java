package io.hedgestream.launcher;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resources opened in order and closed in reverse: the feed stops before the engine, the engine before
 * the gateway, every client before the broker. A failing close is reported on one line and does not stop
 * the remaining closes.
 */
final class ClosingStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClosingStack.class);
  private final Deque<Named> opened = new ArrayDeque<>();

  /** Registers {@code resource} (named for messages) and returns it. */
  synchronized <T extends AutoCloseable> T push(String name, T resource) {
    opened.push(new Named(name, resource));
    return resource;
  }

  /** Closes everything pushed so far, last first; safe to call more than once. */
  @Override
  public synchronized void close() {
    while (!opened.isEmpty()) {
      Named next = opened.pop();
      try {
        next.resource().close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", next.name(), e.toString());
      }
    }
  }

  private record Named(String name, AutoCloseable resource) {}
}
