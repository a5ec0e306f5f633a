package io.hedgestream.replay.publish;

/**
 * What a publish did: records acknowledged by the broker, and the wall time it took.
 *
 * @param ticks ticks acknowledged on md.ticks
 * @param orders client orders acknowledged on orders.client
 * @param elapsedNanos wall time from the first send to the final flush
 */
public record PublishResult(long ticks, long orders, long elapsedNanos) {

  /** One line for a console. */
  public String summary() {
    return ticks + " ticks and " + orders + " client orders published in " + elapsedNanos / 1_000_000 + " ms";
  }
}
