package io.hedgestream.engine.input;

import java.util.Objects;

/**
 * Why a record was refused.
 *
 * @param code stable reason code
 * @param reason human-readable detail naming the field and its value
 */
public record Rejection(RejectCode code, String reason) {

  /** Checks both parts are present. */
  public Rejection {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
  }
}
