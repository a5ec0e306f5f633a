package io.hedgestream.config;

import io.hedgestream.kafka.KafkaClients;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * Reads typed, validated settings from {@link Properties} and collects every problem instead of stopping at
 * the first, so a misconfigured service fails once at start-up with all its mistakes listed.
 *
 * <p>Every read remembers the name it asked for; {@link #throwIfInvalid} then also reports each property
 * under the reader's prefix that nothing asked for, which is almost always a typo. Values are stripped, and
 * a blank value counts as unset. A value that fails its check is reported as {@code name=value: why} and
 * the read returns the fallback, so a config object can finish reading before it throws. {@code kafka.*}
 * properties are the Kafka clients' own settings ({@link #kafkaOverrides}).
 *
 * <p>Typical use, in a service's config object:
 * <pre>{@code
 * SettingsReader in = new SettingsReader(properties, "feed.");
 * long seed = in.integer("feed.seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
 * ...
 * in.throwIfInvalid("feed");
 * }</pre>
 */
public final class SettingsReader {

  private final Properties properties;
  private final String prefix;
  private final Set<String> read = new HashSet<>();
  private final List<String> errors = new ArrayList<>();

  /**
   * A reader of {@code properties} that owns the names starting with {@code prefix}.
   *
   * @param properties the settings (not copied; read as they are at each call)
   * @param prefix the service's prefix, e.g. {@code engine.}; unknown names under it are errors
   */
  public SettingsReader(Properties properties, String prefix) {
    this.properties = Objects.requireNonNull(properties, "properties");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    if (prefix.isBlank()) {
      throw new IllegalArgumentException("prefix must not be blank");
    }
  }

  /** The stripped value of {@code name}, or {@code fallback} when it is unset or blank. */
  public String text(String name, String fallback) {
    read.add(name);
    String value = stripped(name);
    return value == null ? fallback : value;
  }

  /** Whether {@code name} is set to a non-blank value. */
  public boolean isSet(String name) {
    return text(name, null) != null;
  }

  /**
   * A value that must be set; when it is not, an error says what it is for ({@code meaning}) and the
   * empty string is returned.
   */
  public String required(String name, String meaning) {
    String value = text(name, null);
    if (value == null) {
      errors.add(name + ": required (" + meaning + ")");
      return "";
    }
    return value;
  }

  /** A decimal that must satisfy {@code rule}, which {@code ruleText} describes (e.g. "in [0, 1]"). */
  public double decimal(String name, double fallback, DoublePredicate rule, String ruleText) {
    return number(name, fallback, Double::parseDouble, rule::test, ruleText, "not a number");
  }

  /** A finite decimal strictly greater than zero. */
  public double positiveDecimal(String name, double fallback) {
    return decimal(name, fallback, v -> v > 0 && Double.isFinite(v), "finite and > 0");
  }

  /** An integer that must satisfy {@code rule}, which {@code ruleText} describes (e.g. ">= 0"). */
  public long integer(String name, long fallback, LongPredicate rule, String ruleText) {
    return number(name, fallback, Long::parseLong, rule::test, ruleText, "not an integer");
  }

  /** An integer within {@code [min, max]}. */
  public long integer(String name, long fallback, long min, long max) {
    return integer(name, fallback, v -> v >= min && v <= max, "in [" + min + ", " + max + "]");
  }

  /**
   * A positive duration, written as ISO-8601 ({@code PT1M}, case-insensitive) or as a number of seconds
   * ({@code 60}, {@code 0.5}).
   */
  public Duration positiveDuration(String name, Duration fallback) {
    return duration(name, fallback, parsed -> !parsed.isNegative() && !parsed.isZero(),
        "must be a positive ISO-8601 duration (PT1M) or seconds (60)");
  }

  /**
   * A duration that may be zero (a setting whose zero means "off"), written as ISO-8601 ({@code PT30S}) or
   * seconds ({@code 30}, {@code 0.5}).
   */
  public Duration nonNegativeDuration(String name, Duration fallback) {
    return duration(name, fallback, parsed -> !parsed.isNegative(),
        "must be a duration >= 0, ISO-8601 (PT30S) or seconds (30)");
  }

  private Duration duration(String name, Duration fallback, java.util.function.Predicate<Duration> rule,
      String ruleText) {
    String value = text(name, null);
    if (value == null) {
      return fallback;
    }
    Duration parsed = parseDuration(value);
    if (parsed == null || !rule.test(parsed)) {
      errors.add(name + "=" + value + ": " + ruleText);
      return fallback;
    }
    return parsed;
  }

  /** {@code true} or {@code false}, case-insensitive. */
  public boolean bool(String name, boolean fallback) {
    String value = text(name, null);
    if (value == null) {
      return fallback;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("false")) {
      return Boolean.parseBoolean(lower);
    }
    errors.add(name + "=" + value + ": must be true or false");
    return fallback;
  }

  /** One of {@code choices} (case-insensitive), returned in the spelling of the choice. */
  public String choice(String name, String fallback, List<String> choices) {
    String value = text(name, null);
    if (value == null) {
      return fallback;
    }
    for (String choice : choices) {
      if (choice.equalsIgnoreCase(value)) {
        return choice;
      }
    }
    errors.add(name + "=" + value + ": must be one of " + choices);
    return fallback;
  }

  /**
   * A value that {@code parser} turns into a {@code T}; the parser signals a bad value with an
   * {@link IllegalArgumentException} or {@link DateTimeException}, whose message becomes the error.
   */
  public <T> T parsed(String name, T fallback, Function<String, ? extends T> parser) {
    String value = text(name, null);
    if (value == null) {
      return fallback;
    }
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException | DateTimeException e) {
      errors.add(name + "=" + value + ": " + e.getMessage());
      return fallback;
    }
  }

  /** Records a problem found by a check of its own, e.g. one that relates two settings. */
  public void error(String message) {
    errors.add(message);
  }

  /**
   * The Kafka client settings: every {@code kafka.<name>} property as {@code <name>} (see
   * {@link KafkaClients#passThrough}). A name in {@code reserved} is one the service sets itself; setting
   * it is an error.
   *
   * @param reserved client setting names (without {@code kafka.}) that must not be overridden
   * @return the settings, immutable
   */
  public Map<String, Object> kafkaOverrides(Set<String> reserved) {
    Map<String, Object> overrides = KafkaClients.passThrough(properties);
    for (String clientName : new TreeSet<>(overrides.keySet())) {
      if (reserved.contains(clientName)) {
        errors.add(KafkaClients.PASS_THROUGH_PREFIX + clientName
            + ": set by the service itself and cannot be overridden");
        overrides.remove(clientName);
      }
    }
    return Map.copyOf(overrides);
  }

  /**
   * Throws if anything was wrong: one exception whose message lists every error so far and every
   * {@code <prefix>*} property that no read asked for.
   *
   * @param what the configuration's name in the message, e.g. {@code feed}
   * @throws IllegalArgumentException {@code invalid <what> configuration:} and one problem per line
   */
  public void throwIfInvalid(String what) {
    List<String> all = new ArrayList<>(errors);
    for (String name : new TreeSet<>(properties.stringPropertyNames())) {
      if (name.startsWith(prefix) && !read.contains(name)) {
        all.add(name + ": unknown setting");
      }
    }
    if (!all.isEmpty()) {
      throw new IllegalArgumentException("invalid " + what + " configuration:\n  - " + String.join("\n  - ", all));
    }
  }

  /** The stripped value, or null when unset or blank. */
  private String stripped(String name) {
    String value = properties.getProperty(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private <T> T number(String name, T fallback, Function<String, T> parse, Predicate<T> rule, String ruleText,
      String unparsable) {
    String value = text(name, null);
    if (value == null) {
      return fallback;
    }
    try {
      T parsed = parse.apply(value);
      if (rule.test(parsed)) {
        return parsed;
      }
      errors.add(name + "=" + value + ": must be " + ruleText);
    } catch (NumberFormatException e) {
      errors.add(name + "=" + value + ": " + unparsable);
    }
    return fallback;
  }

  private static Duration parseDuration(String text) {
    try {
      if (text.startsWith("P") || text.startsWith("p")) {
        return Duration.parse(text.toUpperCase(Locale.ROOT));
      }
      double seconds = Double.parseDouble(text);
      return Double.isFinite(seconds) ? Duration.ofNanos(Math.round(seconds * 1e9)) : null;
    } catch (DateTimeException | NumberFormatException | ArithmeticException e) {
      return null;
    }
  }
}
