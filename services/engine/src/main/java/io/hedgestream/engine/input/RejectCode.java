package io.hedgestream.engine.input;

/**
 * Stable reason codes of dead letters the engine writes ({@code DeadLetter.errorType}). Monitoring and
 * operators key on these names; never rename one.
 */
public enum RejectCode {
  /** The bytes are not a record of the topic's type (garbage, truncation, a null value). */
  UNDECODABLE,
  /** The bytes carry an Avro schema fingerprint this engine does not know. */
  UNKNOWN_SCHEMA,
  /** The record key is not the record's symbol (or, on policy.control, neither a symbol nor "*"). */
  KEY_MISMATCH,
  /** A required identifier (order id, book, fill id, symbol) is blank. */
  MISSING_ID,
  /** A price or volatility is NaN, infinite or not positive, or SABR parameters are out of range. */
  INVALID_PRICE,
  /** Bid above ask. */
  CROSSED_QUOTE,
  /** A tick older than the latest accepted tick of its symbol. */
  OUT_OF_ORDER,
  /** A client order whose option expires at or before the order's event time. */
  EXPIRED_OPTION,
  /** A client order whose option terms are unusable (strike or multiplier not finite and positive). */
  MALFORMED_OPTION,
  /** A quantity that is zero, NaN or infinite. */
  ZERO_QUANTITY,
  /** A fill quantity that is negative. */
  INVALID_QUANTITY,
  /** A client premium that is negative, NaN or infinite. */
  INVALID_PREMIUM,
  /** A fill fee that is negative, NaN or infinite. */
  INVALID_FEE,
  /** A fill for an order id not pending in its book. */
  UNKNOWN_ORDER,
  /** A fill whose instrument or side differs from the pending order's. */
  FILL_MISMATCH,
  /** A control command the engine does not implement (kept for monitoring keyed on it; none today). */
  UNSUPPORTED_COMMAND,
  /**
   * An ACTIVATE_MODEL whose model is refused: missing path or sha256, checksum mismatch, metadata the engine
   * cannot serve, or a version other than the pinned one. The active policy stays.
   */
  MODEL_REFUSED,
  /** A control command with invalid arguments (unknown limit, non-positive value). */
  INVALID_COMMAND,
  /** The engine failed on a record it accepted (a bug): kept so that nothing is lost. */
  PROCESSING_ERROR,
  /** An output record for this input could not be serialized or sent. */
  OUTPUT_ERROR
}
