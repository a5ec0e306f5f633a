package io.hedgestream.replay.ticks;

import io.hedgestream.avro.MarketTick;
import io.hedgestream.replaydata.DailyBar;
import io.hedgestream.replaydata.DailySeries;
import io.hedgestream.replaydata.DataValidationException;
import io.hedgestream.replaydata.GapReport;
import io.hedgestream.replaydata.RateObservation;
import io.hedgestream.replaydata.RateSeries;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins SPY daily bars, VIX and DTB3 by date into ticks. Per trading day:
 * <ul>
 *   <li>{@code last} = SPY's raw {@code close} (not {@code adj_close}: strikes and moneyness are in traded
 *       prices); bid/ask = last &#8723; the half-spread;</li>
 *   <li>{@code volume} = the day's SPY volume on the close tick only (the rolling state sums tick volumes per
 *       day, so its daily volume, and Amihud, equal the file's);</li>
 *   <li>{@code atmImpliedVol} = VIX close / 100, flat in tenor (VIX is a 30-day variance-swap level; no tenor
 *       scaling is applied to price 60-day options);</li>
 *   <li>{@code rate} = DTB3 through {@link RateConversion}, carrying the latest earlier print on days DTB3
 *       lacks (bond-market holidays; counted in the report);</li>
 *   <li>{@code dividendYield} = 0: prices are raw closes and the engine's PnL receives no dividends, so the
 *       forward must not drift down by a yield that the PnL never credits;</li>
 *   <li>{@code source} = {@value #SOURCE}.</li>
 * </ul>
 * The span is the SPY days from the first date with both a VIX and a DTB3 value to the last VIX date. A VIX
 * date SPY lacks inside it is skipped (exchange closures, reported); a SPY day VIX lacks inside it is an
 * error, since that day's options could not be priced.
 */
public final class TickBuilder {

  /** The ticks' source field. */
  public static final String SOURCE = "replay";

  private TickBuilder() {}

  /**
   * Builds the ticks.
   *
   * @param spy SPY daily bars
   * @param vix VIX daily bars
   * @param dtb3 DTB3 observations
   * @param settings symbol, spread and intraday choice
   * @return the ticks and the report
   * @throws DataValidationException when a SPY day inside the span has no VIX close
   */
  public static TickBuild build(DailySeries spy, DailySeries vix, RateSeries dtb3, TickSettings settings) {
    Map<LocalDate, DailyBar> vixByDate = vix.byDate();
    LocalDate spanStart = max(vix.bars().get(0).date(), dtb3.observations().get(0).date());
    LocalDate spanEnd = vix.bars().get(vix.bars().size() - 1).date();
    List<MarketTick> ticks = new ArrayList<>();
    List<LocalDate> days = new ArrayList<>();
    List<LocalDate> noVix = new ArrayList<>();
    int outside = 0;
    int carried = 0;
    long longestCarry = 0;
    for (DailyBar bar : spy.bars()) {
      if (bar.date().isBefore(spanStart) || bar.date().isAfter(spanEnd)) {
        outside++;
        continue;
      }
      DailyBar vixBar = vixByDate.get(bar.date());
      if (vixBar == null) {
        noVix.add(bar.date());
        continue;
      }
      RateObservation rate = dtb3.latestOnOrBefore(bar.date()).orElseThrow();
      if (!rate.date().equals(bar.date())) {
        carried++;
        longestCarry = Math.max(longestCarry, ChronoUnit.DAYS.between(rate.date(), bar.date()));
      }
      addDay(ticks, bar, vixBar.close() / 100, RateConversion.continuousFromDiscountPercent(rate.percent()), settings);
      days.add(bar.date());
    }
    if (!noVix.isEmpty()) {
      throw new DataValidationException(vix.file(), noVix.size() + " SPY trading days inside " + spanStart + " .. "
          + spanEnd + " have no VIX close, e.g. " + noVix.subList(0, Math.min(5, noVix.size())));
    }
    if (days.isEmpty()) {
      throw new DataValidationException(spy.file(), "no SPY day has both a VIX and a DTB3 value");
    }
    LocalDate first = days.get(0);
    LocalDate last = days.get(days.size() - 1);
    Set<LocalDate> spyDays = new HashSet<>(days);
    List<LocalDate> vixOnly = vix.bars().stream().map(DailyBar::date)
        .filter(d -> !d.isBefore(first) && !d.isAfter(last) && !spyDays.contains(d)).toList();
    BuildReport report = new BuildReport(days.size(), ticks.size(), first, last, outside, vixOnly, carried,
        longestCarry, GapReport.of(days, 3));
    return new TickBuild(ticks, report);
  }

  private static void addDay(List<MarketTick> ticks, DailyBar bar, double vol, double rate, TickSettings settings) {
    if (settings.intraday()) {
      boolean up = bar.close() >= bar.open();
      ticks.add(tick(bar.date(), SessionClock.OPEN, bar.open(), 0, vol, rate, settings));
      ticks.add(tick(bar.date(), SessionClock.FIRST_EXTREME, up ? bar.low() : bar.high(), 0, vol, rate, settings));
      ticks.add(tick(bar.date(), SessionClock.SECOND_EXTREME, up ? bar.high() : bar.low(), 0, vol, rate, settings));
    }
    double volume = Double.isFinite(bar.volume()) ? bar.volume() : 0;
    ticks.add(tick(bar.date(), SessionClock.CLOSE, bar.close(), volume, vol, rate, settings));
  }

  private static MarketTick tick(LocalDate date, LocalTime time, double price, double volume, double vol,
      double rate, TickSettings settings) {
    double half = price * settings.halfSpreadBps() / 10_000;
    return MarketTick.newBuilder()
        .setSymbol(settings.symbol())
        .setEventTimeMicros(Instant.EPOCH.plus(SessionClock.micros(date, time), ChronoUnit.MICROS))
        .setBid(price - half)
        .setAsk(price + half)
        .setLast(price)
        .setVolume(volume)
        .setAtmImpliedVol(vol)
        .setRate(rate)
        .setDividendYield(0.0)
        .setSabr(null)
        .setSource(SOURCE)
        .build();
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }
}
