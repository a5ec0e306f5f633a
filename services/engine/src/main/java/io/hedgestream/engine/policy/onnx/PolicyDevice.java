package io.hedgestream.engine.policy.onnx;

import java.util.Locale;

/**
 * Where ONNX Runtime runs a model ({@code engine.policy.device}). CUDA needs the GPU runtime artifact
 * ({@code mvn -Pgpu}) and a CUDA 12 machine; without them the session runs on the CPU, with one log line.
 */
public enum PolicyDevice {
  /** The CPU execution provider (the default). */
  CPU,
  /** The CUDA execution provider, falling back to the CPU when it is not available. */
  CUDA,
  /** CUDA when available, else the CPU. */
  AUTO;

  /**
   * The device of a property value.
   *
   * @param value {@code cpu}, {@code cuda} or {@code auto}, case-insensitive
   * @return the device
   * @throws IllegalArgumentException for another value
   */
  public static PolicyDevice parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown policy device '" + value + "'; known: cpu, cuda, auto", e);
    }
  }
}
