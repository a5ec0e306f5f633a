package io.hedgestream.gateway;

import java.util.Objects;

/**
 * Why the gateway did not execute a record: a stable code (the dead letter's {@code errorType}) and a
 * human-readable reason.
 *
 * @param code stable reason code, one of the constants of this class
 * @param reason what was wrong, with the offending values
 */
public record Rejection(String code, String reason) {

  /** The bytes are not a record of the expected type. */
  public static final String UNDECODABLE = "UNDECODABLE";
  /** The bytes carry a schema fingerprint this gateway does not know. */
  public static final String UNKNOWN_SCHEMA = "UNKNOWN_SCHEMA";
  /** Quantity is NaN, infinite, zero or negative. */
  public static final String INVALID_QUANTITY = "INVALID_QUANTITY";
  /** A required field is blank or inconsistent (e.g. symbol differs from the record key). */
  public static final String INVALID_ORDER = "INVALID_ORDER";
  /** The limit price is NaN, infinite, zero or negative. */
  public static final String INVALID_LIMIT = "INVALID_LIMIT";
  /** The route cannot trade this instrument type. */
  public static final String UNSUPPORTED_INSTRUMENT = "UNSUPPORTED_INSTRUMENT";
  /** Option terms the exchange cannot price: non-positive strike or multiplier, or expired. */
  public static final String INVALID_OPTION = "INVALID_OPTION";
  /** No market for the symbol yet and the queue of orders waiting for one is full. */
  public static final String NO_MARKET = "NO_MARKET";
  /** A limit order whose limit is worse than the touch when it reaches the market (IOC semantics). */
  public static final String LIMIT_NOT_MARKETABLE = "LIMIT_NOT_MARKETABLE";
  /** A tick with a NaN, infinite or non-positive bid or ask. */
  public static final String INVALID_PRICE = "INVALID_PRICE";
  /** A tick whose bid is above its ask. */
  public static final String CROSSED_QUOTE = "CROSSED_QUOTE";

  /** Requires both parts. */
  public Rejection {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
  }
}
