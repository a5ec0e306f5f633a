package io.hedgestream.engine.input;

/** The outcome of decoding and validating one raw record: an accepted input or a dead letter. */
public sealed interface Decoded permits Decoded.Accepted, Decoded.Rejected {

  /**
   * A record that passed every stateless check.
   *
   * @param input the decoded input
   */
  record Accepted(EngineInput input) implements Decoded {}

  /**
   * A record that failed a check.
   *
   * @param deadLetter what goes to the source topic's dead-letter topic
   */
  record Rejected(DeadLetterRecord deadLetter) implements Decoded {}
}
