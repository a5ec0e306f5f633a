package io.hedgestream.engine.policy.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.hedgestream.engine.features.FeatureBuilder;
import io.hedgestream.engine.features.FeatureContract;
import io.hedgestream.engine.instruments.ListedFamily;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks a model passes before the engine serves it. Each collects every problem it finds, so one
 * refusal names all of them.
 *
 * <ul>
 *   <li>Features: the model's {@code hedgestream.feature_set} is a set of the contract, its
 *       {@code hedgestream.features} list is that set exactly (names and order; a missing, extra or
 *       reordered feature is named), the contract version matches, and the engine can build every one.</li>
 *   <li>Instruments: every output instrument is one the engine trades: {@code UNDERLYING} or a contract
 *       listed-option family {@code <CALL|PUT>_ATM_<N>D} ({@link ListedFamily}); each at most once.</li>
 *   <li>Graph: input {@code features} float32 [N, F], output {@code target} float32 [N, K]; default-domain
 *       opset in [{@value #MIN_OPSET}, {@value #MAX_OPSET}], no custom operator domains.</li>
 *   <li>The {@code metadata.json} copy, when present, agrees with the graph on every {@code hedgestream.*}
 *       key (its checksum was checked when the file was read).</li>
 * </ul>
 */
public final class ModelValidator {

  /** Lowest default-domain opset served: the contract's export opset. */
  public static final long MIN_OPSET = 13;
  /** Highest default-domain opset served (ONNX Runtime 1.29 implements it; newer ones are untested). */
  public static final long MAX_OPSET = 21;
  /** Input tensor name of a policy graph. */
  public static final String INPUT = "features";
  /** Output tensor name of a policy graph. */
  public static final String OUTPUT = "target";
  /** Instruments the engine can trade from a model's targets besides the listed families. */
  public static final Set<String> TRADABLE = Set.of("UNDERLYING");
  /** How {@link #features} names the listed families it accepts. */
  public static final String LISTED_FAMILIES = "<CALL|PUT>_ATM_<N>D (N = 1.." + ListedFamily.MAX_TENOR_DAYS + ")";

  private ModelValidator() {}

  /**
   * Checks the metadata against the contract and the engine's feature builders.
   *
   * @param model the model's name, for messages
   * @param metadata its metadata
   * @param contract the feature contract
   * @return the builder of the model's features
   * @throws ModelRejectedException naming every missing, extra, reordered or unbuildable feature and every
   *     unsupported instrument
   */
  public static FeatureBuilder features(String model, ModelMetadata metadata, FeatureContract contract) {
    List<String> problems = new ArrayList<>();
    if (metadata.contractVersion() != contract.version()) {
      problems.add("contract version " + metadata.contractVersion() + ", engine has " + contract.version());
    }
    List<String> features = metadata.features();
    contract.featureSet(metadata.featureSet()).ifPresentOrElse(
        expected -> compare(metadata.featureSet(), features, expected, problems),
        () -> problems.add("feature set " + metadata.featureSet() + " is not in the contract (it defines "
            + contract.featureSets().keySet().stream().sorted().toList() + ")"));
    FeatureBuilder builder = null;
    try {
      builder = FeatureBuilder.of(features);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    List<String> unsupported = metadata.instruments().stream()
        .filter(i -> !TRADABLE.contains(i) && !ListedFamily.isFamily(i)).toList();
    if (!unsupported.isEmpty()) {
      problems.add("instruments " + unsupported + " are not tradable by the engine (it trades " + TRADABLE
          + " and listed families " + LISTED_FAMILIES + "); model instruments " + metadata.instruments());
    }
    if (metadata.instruments().stream().distinct().count() != metadata.instruments().size()) {
      problems.add("instruments " + metadata.instruments() + " name one instrument twice");
    }
    reject(model, problems);
    return builder;
  }

  /**
   * Checks the graph's input, output and opsets.
   *
   * @param model the model's name, for messages
   * @param session the loaded session
   * @param bytes the model bytes (for the opsets)
   * @param featureCount F, the number of features
   * @param targetCount K, the number of instruments
   * @throws ModelRejectedException naming every mismatch
   */
  public static void graph(String model, OrtSession session, byte[] bytes, int featureCount, int targetCount) {
    List<String> problems = new ArrayList<>();
    try {
      tensor("input", session.getInputInfo(), INPUT, featureCount, problems);
      tensor("output", session.getOutputInfo(), OUTPUT, targetCount, problems);
    } catch (OrtException e) {
      problems.add("cannot read the graph's inputs and outputs: " + e.getMessage());
    }
    Map<String, Long> opsets = OnnxOpsets.read(bytes);
    Long opset = opsets.get("");
    if (opset == null || opset < MIN_OPSET || opset > MAX_OPSET) {
      problems.add("default-domain opset " + opset + " is outside the served range [" + MIN_OPSET + ", "
          + MAX_OPSET + "]");
    }
    List<String> custom = opsets.keySet().stream().filter(domain -> !domain.isEmpty()).toList();
    if (!custom.isEmpty()) {
      problems.add("custom operator domains " + custom + " are not served");
    }
    reject(model, problems);
  }

  /**
   * Checks that {@code metadata.json} agrees with the graph on every {@code hedgestream.*} key.
   *
   * @param model the model's name, for messages
   * @param graph the graph's metadata_props
   * @param sidecar the {@code metadata.json} entries
   * @throws ModelRejectedException naming the keys that differ
   */
  public static void sidecar(String model, Map<String, String> graph, Map<String, String> sidecar) {
    List<String> problems = new ArrayList<>();
    sidecar.forEach((key, value) -> {
      if (key.startsWith(ModelMetadata.PREFIX) && !value.equals(graph.get(key))) {
        problems.add(ModelFiles.METADATA_FILE + " has " + key + "=" + value + " but the graph has " + graph.get(key));
      }
    });
    graph.keySet().stream().filter(key -> key.startsWith(ModelMetadata.PREFIX) && !sidecar.containsKey(key))
        .forEach(key -> problems.add(ModelFiles.METADATA_FILE + " lacks " + key));
    reject(model, problems);
  }

  private static void compare(String set, List<String> model, List<String> contract, List<String> problems) {
    List<String> missing = contract.stream().filter(name -> !model.contains(name)).toList();
    List<String> extra = model.stream().filter(name -> !contract.contains(name)).toList();
    if (!missing.isEmpty()) {
      problems.add("missing features " + missing + " of contract set " + set);
    }
    if (!extra.isEmpty()) {
      problems.add("extra features " + extra + " not in contract set " + set);
    }
    if (missing.isEmpty() && extra.isEmpty() && !model.equals(contract)) {
      int common = Math.min(model.size(), contract.size());
      int at = 0;
      while (at < common && model.get(at).equals(contract.get(at))) {
        at++;
      }
      problems.add(at < common
          ? "features out of order: position " + at + " is " + model.get(at) + " but contract set " + set
              + " has " + contract.get(at) + " there (model " + model + ", contract " + contract + ")"
          : "features " + model + " repeat names of contract set " + set + " " + contract);
    }
  }

  private static void tensor(String kind, Map<String, NodeInfo> infos, String name, int width,
      List<String> problems) {
    NodeInfo node = infos.get(name);
    if (node == null || infos.size() != 1) {
      problems.add("graph " + kind + "s are " + infos.keySet() + ", expected exactly [" + name + "]");
      return;
    }
    if (!(node.getInfo() instanceof TensorInfo info) || info.type != OnnxJavaType.FLOAT) {
      problems.add(kind + " " + name + " is " + node.getInfo() + ", expected a float32 tensor");
      return;
    }
    long[] shape = info.getShape();
    if (shape.length != 2 || shape[1] != width) {
      problems.add(kind + " " + name + " has shape " + Arrays.toString(shape) + ", expected [N, " + width + "]");
    }
  }

  private static void reject(String model, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new ModelRejectedException("model " + model + " refused: " + String.join("; ", problems));
    }
  }
}
