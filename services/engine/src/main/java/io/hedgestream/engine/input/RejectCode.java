package io.hedgestream.engine.input;

/**
 * Stable reason codes of dead letters the engine writes ({@code DeadLetter.errorType}). Monitoring and
 * operators key on these names; never rename one.
 */
public enum RejectCode {
  /** The bytes are not a record of the topic's type (garbage, truncation, a null value). */
  UNDECODABLE,
  /** A complete record followed by more bytes (a framing error or an injection attempt). */
  TRAILING_BYTES,
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
  /** An order status whose instrument or side contradicts the pending order it names. */
  STATUS_MISMATCH,
  /** A control command the engine does not implement (kept for monitoring keyed on it; none today). */
  UNSUPPORTED_COMMAND,
  /**
   * An ACTIVATE_MODEL whose model is refused: missing path or sha256, checksum mismatch, metadata the engine
   * cannot serve, or a version other than the pinned one. The active policy stays.
   */
  MODEL_REFUSED,
  /** A control command with invalid arguments (unknown limit, non-positive value). */
  INVALID_COMMAND,
  /**
   * An event time no desk would believe: before {@code engine.input.min-event-time}, or too far ahead of the
   * symbol's latest tick ({@code max-event-lead}) or of the wall clock ({@code wall-clock-lead}). Never
   * adopted as the symbol's latest time, so one such record cannot stall a symbol.
   */
  EVENT_TIME_OUT_OF_RANGE,
  /** A price outside {@code min-price}/{@code max-price}, a spread above {@code max-spread}, or a last trade outside {@code last-band}. */
  PRICE_OUT_OF_RANGE,
  /** A mid that moved more than {@code max-price-jump} from the symbol's last accepted mid. */
  PRICE_JUMP,
  /** An ATM vol outside {@code min-vol}/{@code max-vol}. */
  VOL_OUT_OF_RANGE,
  /** A rate or dividend yield beyond {@code max-abs-rate}. */
  RATE_OUT_OF_RANGE,
  /** A negative or non-finite traded volume. */
  INVALID_VOLUME,
  /** A client quantity beyond {@code max-client-contracts}. */
  QUANTITY_OUT_OF_RANGE,
  /** An option multiplier beyond {@code max-multiplier}. */
  MULTIPLIER_OUT_OF_RANGE,
  /** A strike outside {@code strike-range} of the spot. */
  STRIKE_OUT_OF_RANGE,
  /** A client premium too far from the option's model value ({@code premium-tolerance}). */
  PREMIUM_OUT_OF_RANGE,
  /** An option expiring more than {@code max-expiry-horizon} after the order. */
  EXPIRY_OUT_OF_RANGE,
  /** A fill for more than the pending order has left. */
  OVERFILL,
  /** A fill price too far from the engine's price of the instrument ({@code fill-price-tolerance}). */
  FILL_PRICE_OUT_OF_RANGE,
  /** A fill fee above {@code max-fee-fraction} of its notional. */
  FEE_OUT_OF_RANGE,
  /** The engine failed on a record it accepted (a bug): kept so that nothing is lost. */
  PROCESSING_ERROR,
  /** An output record for this input could not be serialized or sent. */
  OUTPUT_ERROR
}
