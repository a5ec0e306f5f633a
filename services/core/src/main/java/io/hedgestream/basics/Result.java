package io.hedgestream.basics;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of a calculation that can fail on data: either a non-null value or a human-readable
 * reason for the failure.
 *
 * <p>Used instead of exceptions in the hot path (after Strata's {@code Result}): the caller must look
 * at {@link #isSuccess()} before taking {@link #value()}, and a failure's {@link #reason()} is meant to
 * be written to a dead-letter record or a log line as it is.
 *
 * @param <T> the type of the value on success
 */
public final class Result<T> {

  private final T value;
  private final String reason;

  private Result(T value, String reason) {
    this.value = value;
    this.reason = reason;
  }

  /**
   * Creates a successful result.
   *
   * @param value the value, not null
   * @param <T> the value type
   * @return a success holding {@code value}
   * @throws NullPointerException if {@code value} is null
   */
  public static <T> Result<T> success(T value) {
    return new Result<>(Objects.requireNonNull(value, "value"), null);
  }

  /**
   * Creates a failed result.
   *
   * @param reason why the calculation failed, not null or blank
   * @param <T> the value type the caller expected
   * @return a failure carrying {@code reason}
   * @throws IllegalArgumentException if {@code reason} is null or blank
   */
  public static <T> Result<T> failure(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a failure needs a reason");
    }
    return new Result<>(null, reason);
  }

  /**
   * Tells whether this result holds a value.
   *
   * @return true for a success, false for a failure
   */
  public boolean isSuccess() {
    return reason == null;
  }

  /**
   * Tells whether this result is a failure.
   *
   * @return true for a failure, false for a success
   */
  public boolean isFailure() {
    return reason != null;
  }

  /**
   * Returns the value of a success.
   *
   * @return the value, never null
   * @throws IllegalStateException if this is a failure (check {@link #isSuccess()} first)
   */
  public T value() {
    if (reason != null) {
      throw new IllegalStateException("no value in a failed result: " + reason);
    }
    return value;
  }

  /**
   * Returns the reason of a failure.
   *
   * @return the reason, never null
   * @throws IllegalStateException if this is a success
   */
  public String reason() {
    if (reason == null) {
      throw new IllegalStateException("a successful result has no failure reason");
    }
    return reason;
  }

  /**
   * Returns the value of a success, or {@code fallback} for a failure.
   *
   * @param fallback the value to use when this is a failure
   * @return the value or the fallback
   */
  public T orElse(T fallback) {
    return reason == null ? value : fallback;
  }

  /**
   * Transforms the value of a success; a failure passes through with its reason unchanged.
   *
   * @param fn the transformation, must not return null
   * @param <U> the new value type
   * @return a success holding {@code fn(value)}, or this failure
   */
  public <U> Result<U> map(Function<? super T, ? extends U> fn) {
    if (reason != null) {
      return failure(reason);
    }
    return success(fn.apply(value));
  }

  /**
   * Chains a further calculation that can itself fail; a failure passes through unchanged.
   *
   * @param fn the next calculation
   * @param <U> the new value type
   * @return the next calculation's result, or this failure
   */
  public <U> Result<U> flatMap(Function<? super T, Result<U>> fn) {
    if (reason != null) {
      return failure(reason);
    }
    return Objects.requireNonNull(fn.apply(value), "flatMap function returned null");
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Result<?> that)) {
      return false;
    }
    return Objects.equals(value, that.value) && Objects.equals(reason, that.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, reason);
  }

  @Override
  public String toString() {
    return reason == null ? "Success[" + value + "]" : "Failure[" + reason + "]";
  }
}
