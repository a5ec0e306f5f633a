package io.hedgestream.engine.policy;

import io.hedgestream.engine.policy.onnx.OnnxPolicy;
import io.hedgestream.engine.policy.onnx.PolicyDevice;
import java.nio.file.Path;
import java.util.List;

/**
 * The policies the engine can be configured with ({@code engine.policy}): {@code delta}, {@code none}, or
 * the path of an exported model (a directory holding {@code policy.onnx}, e.g.
 * {@code models/bs-delta-mlp-v1}, or an {@code .onnx} file), served by {@link OnnxPolicy}.
 */
public final class HedgePolicies {

  /** Names accepted by {@link #named} besides a model path. */
  public static final List<String> NAMES = List.of("delta", "none");

  private HedgePolicies() {}

  /**
   * The policy of a name, a model on the CPU for a path.
   *
   * @param name {@code delta}, {@code none} or a model path
   * @return a new policy
   * @throws IllegalArgumentException for a path without a servable model (a
   *     {@link io.hedgestream.engine.policy.onnx.ModelRejectedException} naming the problems)
   */
  public static HedgePolicy named(String name) {
    return named(name, PolicyDevice.CPU);
  }

  /**
   * The policy of a name or model path.
   *
   * @param name {@code delta}, {@code none} or a model path
   * @param device where a model runs ({@code engine.policy.device})
   * @return a new policy; an {@link OnnxPolicy} holds a native session, close it when done
   * @throws io.hedgestream.engine.policy.onnx.ModelRejectedException for a path without a servable model
   */
  public static HedgePolicy named(String name, PolicyDevice device) {
    switch (name) {
      case "delta":
        return new DeltaHedgePolicy();
      case "none":
        return new NoHedgePolicy();
      default:
        return OnnxPolicy.load(Path.of(name), device);
    }
  }

  /** Whether a value names a built-in policy rather than a model path. */
  public static boolean isBuiltIn(String name) {
    return NAMES.contains(name);
  }
}
