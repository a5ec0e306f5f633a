package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.T0;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.OptionType;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.RiskSnapshot;
import io.hedgestream.avro.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded random hedging session through the whole topology: client trades of calls and puts, a random
 * walk of the mid with spreads, every hedge order filled at the touch with a fee, ticks running past the
 * options' expiry.
 */
record HedgingRun(List<PnlEvent> pnl, List<RiskSnapshot> risk, List<HedgeOrder> orders) {

  static HedgingRun random(EngineDriver engine, long seed, int ticks) {
    Random random = new Random(seed);
    List<PnlEvent> pnl = new ArrayList<>();
    List<RiskSnapshot> risk = new ArrayList<>();
    List<HedgeOrder> orders = new ArrayList<>();
    double mid = 100;
    Duration step = Duration.between(T0, Samples.EXPIRY).dividedBy(ticks - 20);
    int fills = 0;
    for (int i = 0; i < ticks; i++) {
      Instant now = T0.plus(step.multipliedBy(i));
      mid *= Math.exp(0.01 * random.nextGaussian());
      double spread = 0.01 + 0.05 * random.nextDouble();
      engine.tick(Samples.tickBuilder(Samples.SPY, now, mid).setBid(mid - spread).setAsk(mid + spread).build());
      if (i % 50 == 0 && i < ticks - 40) {
        OptionType type = random.nextBoolean() ? OptionType.CALL : OptionType.PUT;
        double quantity = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(20));
        engine.order(Samples.orderBuilder("c" + i, type, Math.round(mid), quantity, now)
            .setPremium(2 + random.nextDouble()).build());
      }
      for (HedgeOrder order : engine.drainOrders()) {
        orders.add(order);
        double price = order.getSide() == Side.BUY ? mid + spread : mid - spread;
        engine.fill(Samples.fillOf(order, "f" + fills++, order.getQuantity(), price, 0.0005 * order.getQuantity()));
      }
      pnl.addAll(engine.drainPnl());
      risk.addAll(engine.drainRisk());
    }
    return new HedgingRun(pnl, risk, orders);
  }
}
