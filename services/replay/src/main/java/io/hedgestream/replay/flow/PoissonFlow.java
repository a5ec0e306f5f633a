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
import java.util.SplittableRandom;

/**
 * Random client orders: at each close, N ~ Poisson({@code poissonRatePerDay}) orders, each an ATM call
 * (strike = the close, on the grid when set) expiring {@code tenorDays} calendar days later, the client
 * buying or selling {@code contracts} with probability 1/2 each. Seeded: equal settings give equal orders.
 * Options are held to expiry (the engine settles them), except at a segment's end, where every open one
 * is closed. Ids: {@code <runId>-poisson-<date>-<k>}.
 */
public final class PoissonFlow implements LiabilityFlow {

  private final FlowSettings settings;
  private final OrderFactory orders;
  private final OpenPositions positions = new OpenPositions();
  private final SplittableRandom random;

  /** A flow with the given settings (kind POISSON). */
  public PoissonFlow(FlowSettings settings) {
    this.settings = settings;
    this.orders = new OrderFactory(settings);
    this.random = new SplittableRandom(settings.seed());
  }

  @Override
  public List<ClientOrder> atClose(MarketTick close, boolean endOfSegment) {
    if (endOfSegment) {
      return positions.closeAll(close, orders);
    }
    positions.dropExpired(close);
    LocalDate day = SessionClock.dateOf(ChronoUnit.MICROS.between(Instant.EPOCH, close.getEventTimeMicros()));
    Instant expiry = Instant.EPOCH.plus(SessionClock.closeMicros(day.plusDays(settings.tenorDays())), ChronoUnit.MICROS);
    int count = poisson(settings.poissonRatePerDay());
    List<ClientOrder> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      double quantity = random.nextBoolean() ? settings.contracts() : -settings.contracts();
      OptionSpec option = OrderFactory.contract(OptionType.CALL, settings.atmStrike(close.getLast()), expiry,
          settings.multiplier());
      String id = day + "-" + k;
      out.add(orders.order(id, close, option, quantity));
      positions.add(new OpenPositions.Position(id, option, quantity));
    }
    return out;
  }

  /** Knuth's method: fine for the small daily rates of a replay. */
  private int poisson(double rate) {
    double limit = Math.exp(-rate);
    int count = 0;
    for (double product = random.nextDouble(); product > limit; product *= random.nextDouble()) {
      count++;
    }
    return count;
  }
}
