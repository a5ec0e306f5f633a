package io.hedgestream.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The trained policy that ships in the repository ({@code models/bs-delta-mlp-v1}), which {@code hedge demo}
 * and {@code hedge engine} serve unless told otherwise ({@code --policy delta}, {@code engine.policy}).
 *
 * <p>The model is looked up under {@code hedge.home} (the {@code ./hedge} script sets it to the checkout),
 * then in the working directory and its parents. Where it cannot be found (an installation without the
 * {@code models/} folder) there is no default: the engine's own default, the delta hedge, applies, and
 * the start-up line says which policy runs.
 */
final class ShippedPolicy {

  /** Folder of the shipped model under {@code models/}. */
  static final String NAME = "bs-delta-mlp-v1";

  private ShippedPolicy() {}

  /**
   * The shipped model's folder, when this installation has it.
   *
   * @return the folder holding its {@code policy.onnx}
   */
  static Optional<Path> locate() {
    return Shipped.find("models/" + NAME + "/policy.onnx").map(Path::getParent);
  }

  /**
   * The {@code engine.policy} default: the shipped model when found, nothing otherwise.
   *
   * @return the default properties
   */
  static Map<String, String> engineDefaults() {
    return locate().map(path -> Map.of("engine.policy", path.toString())).orElse(Map.of());
  }
}
