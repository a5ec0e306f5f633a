package io.hedgestream.market;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Objects;

/**
 * Maps a tick's event time to its trading day: the local calendar date of the event time in one zone,
 * as an epoch day number ({@link LocalDate#toEpochDay()}). Only days on which ticks arrive exist, so a
 * weekend or a holiday is not a day of the rolling windows.
 *
 * <p>The engine's default zone is UTC: the cash sessions of the US, European and most Asian exchanges
 * each fall inside one UTC date, a fixed zone has no daylight-saving ambiguity, and daily bars stamped at
 * the close (or at midnight UTC) land on their own date. A market whose session crosses UTC midnight
 * (e.g. Sydney) needs its exchange zone. Immutable and thread-safe.
 */
public final class TradingDays {

  /** The UTC calendar. */
  public static final TradingDays UTC = new TradingDays(ZoneOffset.UTC);

  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long SECONDS_PER_DAY = 86_400L;

  private final ZoneId zone;
  private final ZoneRules rules;
  private final int fixedOffsetSeconds;

  /**
   * The calendar of a zone.
   *
   * @param zone the zone whose local date is the trading day
   */
  public TradingDays(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.rules = zone.getRules();
    this.fixedOffsetSeconds = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : 0;
  }

  /** The zone whose local date is the trading day. */
  public ZoneId zone() {
    return zone;
  }

  /**
   * The trading day of an event time.
   *
   * @param eventMicros event time, epoch microseconds
   * @return the local date in the zone, as an epoch day
   */
  public long dayOf(long eventMicros) {
    long epochSecond = Math.floorDiv(eventMicros, MICROS_PER_SECOND);
    int offset = rules.isFixedOffset() ? fixedOffsetSeconds
        : rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    return Math.floorDiv(epochSecond + offset, SECONDS_PER_DAY);
  }

  @Override
  public String toString() {
    return "TradingDays[" + zone + "]";
  }
}
