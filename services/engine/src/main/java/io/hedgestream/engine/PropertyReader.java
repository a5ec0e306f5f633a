package io.hedgestream.engine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Reads typed values from {@link Properties}, collecting every problem instead of stopping at the first,
 * so a misconfigured service reports all its mistakes in one start-up message.
 */
final class PropertyReader {

  private final Properties properties;
  private final List<String> problems = new ArrayList<>();
  private final Set<String> known = new HashSet<>();

  PropertyReader(Properties properties) {
    this.properties = properties;
  }

  /** The trimmed value of {@code name}, or {@code fallback} when absent or blank. */
  String string(String name, String fallback) {
    known.add(name);
    String value = properties.getProperty(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  /** A value that must be present and not blank. */
  String required(String name, String meaning) {
    String value = string(name, null);
    if (value == null) {
      problems.add(name + " is required (" + meaning + ")");
      return "";
    }
    return value;
  }

  /** A finite double strictly greater than zero. */
  double positiveDouble(String name, double fallback) {
    String text = string(name, null);
    if (text == null) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(text);
      if (Double.isFinite(value) && value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(name + " must be a finite number > 0, was '" + text + "'");
    return fallback;
  }

  /** An int within {@code [min, max]}. */
  int intInRange(String name, int fallback, int min, int max) {
    String text = string(name, null);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(name + " must be an integer in [" + min + ", " + max + "], was '" + text + "'");
    return fallback;
  }

  /** A positive duration written as ISO-8601 ({@code PT1M}) or as a number of seconds ({@code 60}, {@code 0.5}). */
  Duration positiveDuration(String name, Duration fallback) {
    String text = string(name, null);
    if (text == null) {
      return fallback;
    }
    Duration value = parseDuration(text);
    if (value == null || value.isNegative() || value.isZero()) {
      problems.add(name + " must be a positive ISO-8601 duration (PT1M) or seconds (60), was '" + text + "'");
      return fallback;
    }
    return value;
  }

  /** {@code true} or {@code false}, case-insensitive. */
  boolean bool(String name, boolean fallback) {
    String text = string(name, null);
    if (text == null) {
      return fallback;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("false")) {
      return Boolean.parseBoolean(lower);
    }
    problems.add(name + " must be true or false, was '" + text + "'");
    return fallback;
  }

  /** One of {@code choices} (case-insensitive), returned in the spelling of the choice. */
  String choice(String name, String fallback, List<String> choices) {
    String text = string(name, null);
    if (text == null) {
      return fallback;
    }
    for (String choice : choices) {
      if (choice.equalsIgnoreCase(text)) {
        return choice;
      }
    }
    problems.add(name + " must be one of " + choices + ", was '" + text + "'");
    return fallback;
  }

  /** Records a problem found by a cross-field check. */
  void problem(String message) {
    problems.add(message);
  }

  /** Flags every property with {@code prefix} that no read asked for: almost always a typo. */
  void rejectUnknown(String prefix) {
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(prefix) && !known.contains(name)) {
        problems.add("unknown property " + name);
      }
    }
  }

  /** Problems found so far, in the order found. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  private static Duration parseDuration(String text) {
    try {
      if (text.startsWith("P") || text.startsWith("p")) {
        return Duration.parse(text.toUpperCase(Locale.ROOT));
      }
      double seconds = Double.parseDouble(text);
      if (!Double.isFinite(seconds)) {
        return null;
      }
      return Duration.ofNanos(Math.round(seconds * 1e9));
    } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
      return null;
    }
  }
}
