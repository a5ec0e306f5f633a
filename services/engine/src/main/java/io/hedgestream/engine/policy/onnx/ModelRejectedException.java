package io.hedgestream.engine.policy.onnx;

/**
 * A model the engine refuses to load: its file, checksum, metadata, inputs, outputs or opset do not match
 * what the engine can serve. The message names the model and every mismatch found. A configuration error
 * ({@link IllegalArgumentException}): the engine refuses to start with it.
 */
public final class ModelRejectedException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was refused and why
   */
  public ModelRejectedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was refused and why
   * @param cause the underlying error
   */
  public ModelRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
