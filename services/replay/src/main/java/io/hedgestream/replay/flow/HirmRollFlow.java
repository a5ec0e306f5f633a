package io.hedgestream.replay.flow;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.replay.ticks.SessionClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The HIRM protocol's liability: the desk is short one ATM call with {@code tenorDays} (60) calendar days to
 * expiry, rolled daily to stay ATM-60D. At each close the client sells back the option opened at the
 * previous close (same contract, opposite quantity, at today's Black–Scholes price) and buys a new one:
 * strike = today's close (on the strike grid when one is set), expiry = the close {@code tenorDays} calendar
 * days later, {@code contracts} x {@code multiplier}. Ids: {@code <runId>-hirm-<date>-open} and
 * {@code <runId>-hirm-<date>-open-close} for the close of the option opened on {@code <date>}. After every
 * close exactly one option is open, except at a segment's end (see {@link LiabilityFlow#atClose}).
 */
public final class HirmRollFlow implements LiabilityFlow {

  private final FlowSettings settings;
  private final OrderFactory orders;
  private final OpenPositions positions = new OpenPositions();

  /** A roll with the given settings (kind HIRM). */
  public HirmRollFlow(FlowSettings settings) {
    this.settings = settings;
    this.orders = new OrderFactory(settings);
  }

  @Override
  public List<ClientOrder> atClose(MarketTick close, boolean endOfSegment) {
    List<ClientOrder> out = new ArrayList<>(positions.closeAll(close, orders));
    if (!endOfSegment) {
      LocalDate day = SessionClock.dateOf(ChronoUnit.MICROS.between(Instant.EPOCH, close.getEventTimeMicros()));
      Instant expiry = Instant.EPOCH.plus(SessionClock.closeMicros(day.plusDays(settings.tenorDays())), ChronoUnit.MICROS);
      OptionSpec option = OrderFactory.contract(OptionType.CALL, settings.atmStrike(close.getLast()), expiry,
          settings.multiplier());
      String id = day + "-open";
      out.add(orders.order(id, close, option, settings.contracts()));
      positions.add(new OpenPositions.Position(id, option, settings.contracts()));
    }
    return out;
  }

  /** The contracts open now (one after every close but a segment's last). */
  public List<OptionSpec> openOptions() {
    return positions.all().stream().map(OpenPositions.Position::option).toList();
  }
}
