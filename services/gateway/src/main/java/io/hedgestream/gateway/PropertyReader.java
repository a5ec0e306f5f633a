package io.hedgestream.gateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoublePredicate;
import java.util.function.LongPredicate;

/**
 * Reads typed, validated settings from {@link Properties} and collects every problem, so a bad
 * configuration fails once at start-up with all its mistakes listed. Names under the owned prefix that are
 * never read are reported as unknown (typos do not pass silently); {@code kafka.*} names pass through to
 * the Kafka clients with the prefix stripped. (The feed has the same reader; each service module owns
 * its configuration code so neither depends on the other.)
 */
final class PropertyReader {

  private static final String KAFKA_PREFIX = "kafka.";

  private final Properties properties;
  private final String prefix;
  private final Set<String> read = new LinkedHashSet<>();
  private final List<String> errors = new ArrayList<>();

  PropertyReader(Properties properties, String prefix) {
    this.properties = properties;
    this.prefix = prefix;
  }

  /** The raw text of {@code name}, or {@code fallback} when it is unset or blank. */
  String text(String name, String fallback) {
    read.add(name);
    String value = properties.getProperty(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  /** Whether {@code name} is set to a non-blank value. */
  boolean isSet(String name) {
    read.add(name);
    String value = properties.getProperty(name);
    return value != null && !value.isBlank();
  }

  /** A decimal setting that must satisfy {@code rule} (described by {@code ruleText}). */
  double decimal(String name, double fallback, DoublePredicate rule, String ruleText) {
    String value = text(name, null);
    if (value == null) {
      return fallback;
    }
    try {
      double parsed = Double.parseDouble(value);
      if (rule.test(parsed)) {
        return parsed;
      }
      errors.add(name + "=" + value + ": must be " + ruleText);
    } catch (NumberFormatException e) {
      errors.add(name + "=" + value + ": not a number");
    }
    return fallback;
  }

  /** An integer setting that must satisfy {@code rule} (described by {@code ruleText}). */
  long integer(String name, long fallback, LongPredicate rule, String ruleText) {
    String value = text(name, null);
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value);
      if (rule.test(parsed)) {
        return parsed;
      }
      errors.add(name + "=" + value + ": must be " + ruleText);
    } catch (NumberFormatException e) {
      errors.add(name + "=" + value + ": not an integer");
    }
    return fallback;
  }

  /** Records a problem found while interpreting a setting. */
  void error(String message) {
    errors.add(message);
  }

  /** The {@code kafka.*} settings with the prefix stripped; {@code reserved} client settings are refused. */
  Map<String, Object> kafkaOverrides(Set<String> reserved) {
    Map<String, Object> overrides = new HashMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(KAFKA_PREFIX)) {
        String clientName = name.substring(KAFKA_PREFIX.length());
        if (reserved.contains(clientName)) {
          errors.add(name + ": set by the service itself and cannot be overridden");
        } else {
          overrides.put(clientName, properties.getProperty(name));
        }
      }
    }
    return Map.copyOf(overrides);
  }

  /** Throws one exception listing every invalid and every unknown {@code <prefix>*} setting. */
  void throwIfInvalid(String what) {
    Set<String> unknown = new TreeSet<>();
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(prefix) && !read.contains(name)) {
        unknown.add(name);
      }
    }
    List<String> all = new ArrayList<>(errors);
    unknown.forEach(name -> all.add(name + ": unknown setting"));
    if (!all.isEmpty()) {
      throw new IllegalArgumentException("invalid " + what + " configuration: " + String.join("; ", all));
    }
  }
}
