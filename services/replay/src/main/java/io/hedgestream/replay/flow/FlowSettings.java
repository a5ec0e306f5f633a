package io.hedgestream.replay.flow;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of a liability flow.
 *
 * @param kind which flow
 * @param book the desk book the orders are booked in
 * @param client the client name on the orders
 * @param runId prefix of order ids (change it to replay again on a cluster that holds this run's ids)
 * @param contracts contracts per order (HIRM and Poisson), &gt; 0
 * @param multiplier underlying units per contract, &gt; 0
 * @param tenorDays calendar days to expiry of HIRM and Poisson options, &gt; 0
 * @param strikeStep strike grid (strike = close rounded to a multiple), 0 = the unrounded close
 * @param poissonRatePerDay expected Poisson orders per trading day, &gt;= 0
 * @param seed seed of the Poisson draws
 * @param bookFile the fixed book's file (kind BOOK only)
 */
public record FlowSettings(Kind kind, String book, String client, String runId, double contracts,
    double multiplier, int tenorDays, double strikeStep, double poissonRatePerDay, long seed, Path bookFile) {

  /** The flows. */
  public enum Kind {
    /** Short an ATM 60-calendar-day call, rolled every close. */
    HIRM,
    /** Poisson arrivals of ATM calls, client long or short 50/50. */
    POISSON,
    /** The trades of a file. */
    BOOK,
    /** No client orders: ticks only. */
    NONE;

    /** The lower-case name used on the command line. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Validates the settings. */
  public FlowSettings {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(book, "book");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(runId, "runId");
    if (!(contracts > 0) || !(multiplier > 0) || tenorDays <= 0 || !(strikeStep >= 0) || !(poissonRatePerDay >= 0)) {
      throw new IllegalArgumentException("contracts, multiplier, tenorDays must be > 0, strikeStep and "
          + "poissonRatePerDay >= 0");
    }
    if (kind == Kind.BOOK && bookFile == null) {
      throw new IllegalArgumentException("the book flow needs a book file (replay.flow.book-file / --book-file)");
    }
  }

  /** HIRM defaults for a symbol: book {@code <symbol>-hirm}, 1 contract x 100, 60 days, unrounded strikes. */
  public static FlowSettings hirm(String symbol) {
    return new FlowSettings(Kind.HIRM, symbol + "-hirm", "hirm", "replay", 1, 100, 60, 0, 1, 42, null);
  }

  /** The strike of an at-the-money option at a close: the close, rounded to the grid when there is one. */
  public double atmStrike(double close) {
    return strikeStep > 0 ? Math.round(close / strikeStep) * strikeStep : close;
  }
}
