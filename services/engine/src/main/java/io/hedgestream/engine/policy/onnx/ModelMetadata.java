package io.hedgestream.engine.policy.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code hedgestream.*} metadata of an exported policy, read from the ONNX graph's
 * {@code metadata_props} (the model file is the authority; {@code metadata.json} beside it is a copy).
 *
 * @param version the policy version recorded on every order and PnL event ({@code hedgestream.version})
 * @param featureSet the contract feature set the model was trained on ({@code hedgestream.feature_set})
 * @param features the ordered input features ({@code hedgestream.features}, a JSON list)
 * @param instruments the instruments the outputs are holdings of ({@code hedgestream.instruments})
 * @param targetBounds bounds of each raw output, per unit of book scale ({@code hedgestream.target_bounds})
 * @param contractVersion version of the feature contract ({@code hedgestream.contract_version})
 * @param all every {@code hedgestream.*} entry, for reports and cross-checks
 */
public record ModelMetadata(String version, String featureSet, List<String> features, List<String> instruments,
    List<Bounds> targetBounds, int contractVersion, Map<String, String> all) {

  /** Prefix of the policy metadata keys. */
  public static final String PREFIX = "hedgestream.";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Closed interval a raw model output must lie in.
   *
   * @param low lower bound
   * @param high upper bound, >= low
   */
  public record Bounds(double low, double high) {

    /** Whether {@code value} lies in {@code [low, high]} (false for NaN). */
    public boolean contains(double value) {
      return value >= low && value <= high;
    }
  }

  /** Copies the collections. */
  public ModelMetadata {
    features = List.copyOf(features);
    instruments = List.copyOf(instruments);
    targetBounds = List.copyOf(targetBounds);
    all = java.util.Collections.unmodifiableMap(new TreeMap<>(all));
  }

  /**
   * Parses the metadata of a model.
   *
   * @param model the model's name, for messages
   * @param props the graph's metadata_props
   * @return the metadata
   * @throws ModelRejectedException listing every missing or malformed key
   */
  public static ModelMetadata parse(String model, Map<String, String> props) {
    List<String> problems = new ArrayList<>();
    String version = text(props, "version", problems);
    String featureSet = text(props, "feature_set", problems);
    List<String> features = strings(props, "features", problems);
    List<String> instruments = strings(props, "instruments", problems);
    List<Bounds> bounds = bounds(props, problems);
    int contractVersion = integer(props, "contract_version", problems);
    if (problems.isEmpty() && bounds.size() != instruments.size()) {
      problems.add(PREFIX + "target_bounds has " + bounds.size() + " entries for " + instruments.size()
          + " instruments " + instruments);
    }
    if (!problems.isEmpty()) {
      throw new ModelRejectedException("model " + model + " has invalid metadata: " + String.join("; ", problems));
    }
    Map<String, String> all = new TreeMap<>();
    props.forEach((key, value) -> {
      if (key.startsWith(PREFIX)) {
        all.put(key, value);
      }
    });
    return new ModelMetadata(version, featureSet, features, instruments, bounds, contractVersion, all);
  }

  private static String text(Map<String, String> props, String key, List<String> problems) {
    String value = props.get(PREFIX + key);
    if (value == null || value.isBlank()) {
      problems.add("missing " + PREFIX + key);
      return "";
    }
    return value;
  }

  private static JsonNode json(Map<String, String> props, String key, List<String> problems) {
    String value = text(props, key, problems);
    if (value.isEmpty()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(value);
      if (!node.isArray() || node.isEmpty()) {
        problems.add(PREFIX + key + " must be a non-empty JSON list, was " + value);
        return null;
      }
      return node;
    } catch (JsonProcessingException e) {
      problems.add(PREFIX + key + " is not JSON: " + value);
      return null;
    }
  }

  private static List<String> strings(Map<String, String> props, String key, List<String> problems) {
    JsonNode node = json(props, key, problems);
    List<String> values = new ArrayList<>();
    if (node != null) {
      node.forEach(element -> {
        if (element.isTextual()) {
          values.add(element.asText());
        } else {
          problems.add(PREFIX + key + " has a non-string entry " + element);
        }
      });
    }
    return values;
  }

  private static List<Bounds> bounds(Map<String, String> props, List<String> problems) {
    JsonNode node = json(props, "target_bounds", problems);
    List<Bounds> bounds = new ArrayList<>();
    if (node != null) {
      for (JsonNode pair : node) {
        boolean numeric = pair.isArray() && pair.size() == 2 && pair.get(0).isNumber() && pair.get(1).isNumber();
        double low = numeric ? pair.get(0).asDouble() : Double.NaN;
        double high = numeric ? pair.get(1).asDouble() : Double.NaN;
        if (!(Double.isFinite(low) && Double.isFinite(high) && low <= high)) {
          problems.add(PREFIX + "target_bounds entry " + pair + " is not a finite [low, high] with low <= high");
        }
        bounds.add(new Bounds(low, high));
      }
    }
    return bounds;
  }

  private static int integer(Map<String, String> props, String key, List<String> problems) {
    String value = text(props, key, problems);
    try {
      return value.isEmpty() ? -1 : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      problems.add(PREFIX + key + " is not an integer: " + value);
      return -1;
    }
  }
}
