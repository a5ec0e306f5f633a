package io.hedgestream.replay.flow;

import io.hedgestream.avro.OptionType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a fixed book: a CSV file with the header {@value #HEADER} and one trade per line ({@code #} starts a
 * comment line):
 * <ul>
 *   <li>{@code trade_date}: ISO date, booked at the first replayed close on or after it; empty = the
 *       replay's first close;</li>
 *   <li>{@code type}: {@code CALL} or {@code PUT};</li>
 *   <li>{@code strike}: a number, or {@code ATM} (the booking close, on the strike grid);</li>
 *   <li>{@code expiry}: an ISO date (expiring at its 16:00 New York close) or {@code <N>D}, N calendar days
 *       after the booking day;</li>
 *   <li>{@code quantity}: contracts the client buys (+) or sells (−), not 0;</li>
 *   <li>{@code multiplier}: optional, default 100.</li>
 * </ul>
 * Example: {@code ,CALL,ATM,60D,1,100} is the HIRM liability held without rolling.
 */
public final class BookFile {

  /** The required header. */
  public static final String HEADER = "trade_date,type,strike,expiry,quantity,multiplier";

  private BookFile() {}

  /**
   * Reads and validates a book file.
   *
   * @param file the file
   * @return its trades in file order
   * @throws IllegalArgumentException naming the file, line and problem
   */
  public static List<BookTrade> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read book file " + file, e);
    }
    List<BookTrade> trades = new ArrayList<>();
    boolean headerSeen = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (!headerSeen) {
        if (!line.equals(HEADER)) {
          throw new IllegalArgumentException("book file " + file + ": header is " + line + ", expected " + HEADER);
        }
        headerSeen = true;
        continue;
      }
      try {
        trades.add(parse(line.split(",", -1), i + 1));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new IllegalArgumentException("book file " + file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    if (trades.isEmpty()) {
      throw new IllegalArgumentException("book file " + file + " has no trades");
    }
    return trades;
  }

  private static BookTrade parse(String[] fields, int line) {
    if (fields.length < 5 || fields.length > 6) {
      throw new IllegalArgumentException("expected 5 or 6 fields, got " + fields.length);
    }
    LocalDate trade = fields[0].isBlank() ? null : LocalDate.parse(fields[0].strip());
    OptionType type = OptionType.valueOf(fields[1].strip().toUpperCase(Locale.ROOT));
    String strikeText = fields[2].strip();
    double strike = strikeText.equalsIgnoreCase("ATM") ? Double.NaN : Double.parseDouble(strikeText);
    String expiryText = fields[3].strip().toUpperCase(Locale.ROOT);
    LocalDate expiry = expiryText.endsWith("D") ? null : LocalDate.parse(expiryText);
    int tenor = expiry == null ? Integer.parseInt(expiryText.substring(0, expiryText.length() - 1)) : 0;
    double quantity = Double.parseDouble(fields[4].strip());
    double multiplier = fields.length == 6 && !fields[5].isBlank() ? Double.parseDouble(fields[5].strip()) : 100;
    if (!(strike > 0) && !Double.isNaN(strike) || quantity == 0 || !Double.isFinite(quantity) || !(multiplier > 0)
        || (expiry == null && tenor <= 0) || (expiry != null && trade != null && !expiry.isAfter(trade))) {
      throw new IllegalArgumentException("strike must be > 0 or ATM, quantity non-zero, multiplier > 0, and the "
          + "expiry after the trade date");
    }
    return new BookTrade(trade, type, strike, expiry, tenor, quantity, multiplier, line);
  }
}
