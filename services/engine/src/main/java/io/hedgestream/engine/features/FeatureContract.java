package io.hedgestream.engine.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The policy feature contract ({@code schemas/policy/features.json}): the features it defines (name and
 * source), the ordered feature sets, the instrument ids and which sources the engine can serve. The engine
 * jar carries the file itself (the engine pom copies it), so the feature lists are defined in one place.
 *
 * @param version contract version ({@code version} in the file)
 * @param sources each defined feature's source ({@code book}, {@code market}, {@code rolling},
 *     {@code simulator}), in file order
 * @param featureSets ordered feature names of each named set
 * @param instruments instrument ids the contract defines
 * @param servableSources the sources a serving engine can build
 */
public record FeatureContract(int version, Map<String, String> sources, Map<String, List<String>> featureSets,
    Set<String> instruments, Set<String> servableSources) {

  /** Classpath location of the contract inside the engine jar. */
  public static final String RESOURCE = "/io/hedgestream/engine/features/features.json";

  /** Copies the collections. */
  public FeatureContract {
    sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    featureSets = Map.copyOf(featureSets);
    instruments = Set.copyOf(instruments);
    servableSources = Set.copyOf(servableSources);
  }

  /**
   * The contract packaged with the engine.
   *
   * @return the parsed contract
   * @throws IllegalStateException when the resource is missing or malformed (a broken build)
   */
  public static FeatureContract packaged() {
    try (InputStream in = FeatureContract.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("feature contract " + RESOURCE + " is not on the classpath");
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the feature contract " + RESOURCE, e);
    }
  }

  /**
   * Parses a contract document.
   *
   * @param root the JSON document
   * @return the contract
   * @throws IllegalStateException when a set uses an undefined feature or a field is missing
   */
  public static FeatureContract parse(JsonNode root) {
    Map<String, String> sources = new LinkedHashMap<>();
    for (JsonNode feature : required(root, "features")) {
      sources.put(required(feature, "name").asText(), required(feature, "source").asText());
    }
    Map<String, List<String>> sets = new LinkedHashMap<>();
    required(root, "featureSets").fields().forEachRemaining(set -> {
      List<String> names = new ArrayList<>();
      set.getValue().forEach(name -> names.add(name.asText()));
      List<String> undefined = names.stream().filter(name -> !sources.containsKey(name)).toList();
      if (!undefined.isEmpty()) {
        throw new IllegalStateException("feature set " + set.getKey() + " uses undefined features " + undefined);
      }
      sets.put(set.getKey(), List.copyOf(names));
    });
    Set<String> instruments = new TreeSet<>();
    required(root, "instruments").fieldNames().forEachRemaining(instruments::add);
    Set<String> servable = new TreeSet<>();
    required(root, "servableSources").forEach(source -> servable.add(source.asText()));
    return new FeatureContract(required(root, "version").asInt(), sources, sets, instruments, servable);
  }

  /** The ordered names of a feature set, empty when the contract does not define it. */
  public Optional<List<String>> featureSet(String name) {
    return Optional.ofNullable(featureSets.get(name));
  }

  /** Whether the contract defines a feature of this name. */
  public boolean defines(String feature) {
    return sources.containsKey(feature);
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalStateException("feature contract: missing field '" + field + "'");
    }
    return value;
  }
}
