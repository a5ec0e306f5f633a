package io.hedgestream.engine.journal;

/**
 * Where the engine's decider records each decision. Implementations are thread-safe (several stream
 * threads append) and never throw from {@link #append}: a journal that cannot write logs and counts the
 * failure, and hedging goes on.
 */
public interface DecisionJournal extends AutoCloseable {

  /** The journal of a disabled configuration and of tests that do not look at it: records nothing. */
  DecisionJournal NONE = new DecisionJournal() {
    @Override
    public boolean enabled() {
      return false;
    }

    @Override
    public void append(DecisionRecord record) {}

    @Override
    public void close() {}
  };

  /** Whether records are kept; the decider builds no record for a journal that keeps none. */
  default boolean enabled() {
    return true;
  }

  /**
   * Appends one decision.
   *
   * @param record the decision
   */
  void append(DecisionRecord record);

  /** Releases the journal's files; later appends are dropped. Idempotent. */
  @Override
  void close();
}
