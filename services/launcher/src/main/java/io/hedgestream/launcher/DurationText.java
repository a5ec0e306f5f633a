package io.hedgestream.launcher;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/**
 * Durations as people type them on a command line: {@code 500ms}, {@code 20s}, {@code 2m}, {@code 1h},
 * a bare number of seconds ({@code 30}), or ISO-8601 ({@code PT30S}).
 */
public final class DurationText implements ITypeConverter<Duration> {

  private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

  /** Used by picocli for {@code Duration} options. */
  public DurationText() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException if it is none of the accepted forms or not positive
   */
  public static Duration parse(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(value);
    Duration parsed;
    if (m.matches()) {
      double amount = Double.parseDouble(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      double millis = switch (unit) {
        case "ms" -> amount;
        case "m" -> amount * 60_000;
        case "h" -> amount * 3_600_000;
        default -> amount * 1_000;
      };
      parsed = Duration.ofMillis(Math.round(millis));
    } else {
      try {
        parsed = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 500ms, 20s, 2m, 1h, PT30S)");
      }
    }
    if (parsed.isNegative() || parsed.isZero()) {
      throw new IllegalArgumentException("duration must be positive, was '" + text + "'");
    }
    return parsed;
  }

  /** Picocli hook: {@link #parse(String)}. */
  @Override
  public Duration convert(String value) {
    return parse(value);
  }
}
