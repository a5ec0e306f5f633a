package io.hedgestream.replay.flow;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.replay.ticks.SessionClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed book: the trades of a {@link BookFile}, each booked once at the first close on or after its trade
 * date (a trade without a date at the replay's first close; a trade whose expiry is not after the booking
 * close is skipped). Positions are held to expiry, except at a segment's end, where every open one is
 * closed. Ids: {@code <runId>-book-L<line>}.
 */
public final class FixedBookFlow implements LiabilityFlow {

  private final FlowSettings settings;
  private final OrderFactory orders;
  private final List<BookTrade> pending;
  private final OpenPositions positions = new OpenPositions();

  /**
   * A flow over given trades.
   *
   * @param settings the flow settings (book, client, run id, strike grid)
   * @param trades the trades, e.g. {@link BookFile#read}
   */
  public FixedBookFlow(FlowSettings settings, List<BookTrade> trades) {
    this.settings = settings;
    this.orders = new OrderFactory(settings);
    this.pending = new ArrayList<>(trades);
  }

  @Override
  public List<ClientOrder> atClose(MarketTick close, boolean endOfSegment) {
    LocalDate day = SessionClock.dateOf(ChronoUnit.MICROS.between(Instant.EPOCH, close.getEventTimeMicros()));
    List<ClientOrder> out = new ArrayList<>();
    List<BookTrade> due = pending.stream().filter(t -> t.tradeDate() == null || !t.tradeDate().isAfter(day)).toList();
    pending.removeAll(due);
    positions.dropExpired(close);
    for (BookTrade trade : due) {
      LocalDate expiryDate = trade.expiryDate() != null ? trade.expiryDate() : day.plusDays(trade.tenorDays());
      Instant expiry = Instant.EPOCH.plus(SessionClock.closeMicros(expiryDate), ChronoUnit.MICROS);
      if (!expiry.isAfter(close.getEventTimeMicros())) {
        continue;
      }
      double strike = Double.isNaN(trade.strike()) ? settings.atmStrike(close.getLast()) : trade.strike();
      OptionSpec option = OrderFactory.contract(trade.type(), strike, expiry, trade.multiplier());
      String id = "L" + trade.line();
      out.add(orders.order(id, close, option, trade.quantity()));
      positions.add(new OpenPositions.Position(id, option, trade.quantity()));
    }
    if (endOfSegment) {
      out.addAll(positions.closeAll(close, orders));
    }
    return out;
  }
}
