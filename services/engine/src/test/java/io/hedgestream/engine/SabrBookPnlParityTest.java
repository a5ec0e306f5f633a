package io.hedgestream.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.SabrParams;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.engine.policy.onnx.ModelFixtures;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;
import io.hedgestream.pricing.SabrSmile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Train/serve parity of the whole step: a {@code sabr-book} feed path ({@code --path-out} CSV) goes through the
 * engine (TopologyTestDriver: each day's client orders, then its tick, then fills of the decision's orders at
 * the tick, options at the SABR model price with the paper gateway's cost fraction), and every
 * {@code PnlEvent.stepPnl} equals the trainer's served environment ({@code hedgetrain.rl.served}) on the same
 * path, to 1e-6, for the delta policy and for the exported GVDH actor, whose option leg trades. The golden
 * file and path are written by {@code python3 -m hedgetrain.rl.served_parity} under
 * {@code services/trainer/tests/golden}.
 */
class SabrBookPnlParityTest {

  private static final double YEAR_MICROS = 365.0 * 86_400 * 1e6;
  private static final String BOOK = "book-1";

  private record Day(String symbol, long micros, double spot, double alpha, double atmVol, int orders, int longs) {}

  private static Path golden(String name) {
    return ModelFixtures.modelsDir().getParent().resolve("services/trainer/tests/golden").resolve(name);
  }

  @Test
  void engineStepPnlEqualsTheServedEnvironmentForTheDeltaPolicyAndTheExportedActor() throws IOException {
    JsonNode doc = new ObjectMapper().readTree(golden("sabr-book-parity.json").toFile());
    List<Day> days = readPath(golden(doc.get("path").asText()));
    assertThat(doc.get("policies").has("delta")).isTrue();
    assertThat(doc.get("policies").size()).as("delta and at least one model").isGreaterThanOrEqualTo(2);
    var policies = doc.get("policies").fields();
    while (policies.hasNext()) {
      var policy = policies.next();
      double[] expected = doubles(policy.getValue().get("stepPnl"));
      Map<Integer, Double> actual = run(doc, days, policy.getValue().get("enginePolicy").asText());
      double worst = 0;
      for (int day = 0; day < expected.length; day++) {
        double engine = actual.getOrDefault(day, 0.0);
        worst = Math.max(worst, Math.abs(engine - expected[day]));
        assertThat(engine).as("%s stepPnl at day %d", policy.getKey(), day)
            .isCloseTo(expected[day], org.assertj.core.data.Offset.offset(doc.get("tolerance").asDouble()));
      }
      assertThat(actual.keySet()).as(policy.getKey() + " decided days").allMatch(day -> day < expected.length);
      System.out.printf("sabr-book parity %s: %d days, max |stepPnl diff| %.3e%n", policy.getKey(),
          expected.length, worst);
    }
  }

  @Test
  void theActorTradesTheListedSeriesOnThisPath() throws IOException {
    JsonNode doc = new ObjectMapper().readTree(golden("sabr-book-parity.json").toFile());
    JsonNode actor = doc.get("policies").get("gvdh-sabr-v1");
    assertThat(actor.get("costs").asDouble()).as("option fees paid by the actor").isGreaterThan(0);
  }

  /** Engine stepPnl by path day. */
  private static Map<Integer, Double> run(JsonNode doc, List<Day> days, String policy) {
    JsonNode engine = doc.get("engine");
    String policyProperty = policy.equals("delta") ? "delta"
        : ModelFixtures.modelsDir().getParent().resolve(policy).toString();
    Map<Integer, Double> stepPnl = new HashMap<>();
    try (EngineDriver driver = EngineDriver.create(EngineDriver.config("engine.policy", policyProperty,
        "engine.listed.multiplier", engine.get("engine.listed.multiplier").asText(),
        "engine.listed.strike-step", engine.get("engine.listed.strike-step").asText(),
        "engine.lot-size", engine.get("engine.lot-size").asText(),
        "engine.listed.roll-days", engine.get("engine.listed.roll-days").asText()),
        io.hedgestream.engine.policy.HedgePolicies.named(policyProperty))) {
      Map<Long, Integer> dayOf = new HashMap<>();
      int sequence = 0;
      for (int d = 0; d < days.size(); d++) {
        Day day = days.get(d);
        dayOf.put(day.micros(), d);
        SabrSmile smile = smile(doc, day);
        for (int i = 0; i < day.orders(); i++) {
          driver.order(clientOrder(doc, day, smile, "o-" + ++sequence, i < day.longs() ? 1.0 : -1.0));
        }
        driver.tick(tick(day, smile));
        for (HedgeOrder order : driver.drainOrders()) {
          driver.fill(fillAtTheTick(doc, order, day, smile));
        }
        for (PnlEvent event : driver.drainPnl()) {
          stepPnl.merge(dayOf.get(EpochMicros.of(event.getEventTimeMicros())), event.getStepPnl(), Double::sum);
        }
      }
    }
    return stepPnl;
  }

  private static SabrSmile smile(JsonNode doc, Day day) {
    JsonNode market = doc.get("market");
    return new SabrSmile(day.alpha(), market.get("beta").asDouble(), market.get("rho").asDouble(),
        market.get("nu").asDouble());
  }

  private static ClientOrder clientOrder(JsonNode doc, Day day, SabrSmile smile, String id, double quantity) {
    JsonNode market = doc.get("market");
    long maturity = market.get("bookMaturityDays").asLong() * market.get("stepMicros").asLong();
    double ttm = maturity / YEAR_MICROS;
    double premium = BlackScholes.price(PutCall.CALL, day.spot(), day.spot(), ttm,
        smile.volAt(day.spot(), day.spot(), ttm, 0, 0), 0, 0);
    return ClientOrder.newBuilder().setOrderId(id).setBook(BOOK).setClient("client-1").setSymbol(day.symbol())
        .setOption(OptionSpec.newBuilder().setOptionType(OptionType.CALL).setStrike(day.spot())
            .setExpiryMicros(EpochMicros.toInstant(day.micros() + maturity))
            .setMultiplier(market.get("unitsPerOrder").asDouble()).build())
        .setQuantity(quantity).setPremium(premium).setEventTimeMicros(EpochMicros.toInstant(day.micros())).build();
  }

  private static MarketTick tick(Day day, SabrSmile smile) {
    return MarketTick.newBuilder().setSymbol(day.symbol()).setEventTimeMicros(EpochMicros.toInstant(day.micros()))
        .setBid(day.spot()).setAsk(day.spot()).setLast(day.spot()).setVolume(0).setAtmImpliedVol(day.atmVol())
        .setRate(0).setDividendYield(0)
        .setSabr(new SabrParams(smile.alpha(), smile.beta(), smile.rho(), smile.nu())).setSource("parity").build();
  }

  /** The paper gateway's cost-fraction fill at the decision tick: options at the SABR model price. */
  private static Fill fillAtTheTick(JsonNode doc, HedgeOrder order, Day day, SabrSmile smile) {
    double price = day.spot();
    double fee = doc.get("gateway").get("underlyingFeeBps").asDouble() * 1e-4 * order.getQuantity() * price;
    OptionSpec option = order.getOption();
    if (option != null) {
      double ttm = (EpochMicros.of(option.getExpiryMicros()) - day.micros()) / YEAR_MICROS;
      price = BlackScholes.price(PutCall.CALL, day.spot(), option.getStrike(), ttm,
          smile.volAt(day.spot(), option.getStrike(), ttm, 0, 0), 0, 0);
      fee = doc.get("gateway").get("optionCostFraction").asDouble() * order.getQuantity() * option.getMultiplier()
          * price;
    }
    return Samples.fillOf(order, "fill-" + order.getOrderId(), order.getQuantity(), price, fee);
  }

  private static List<Day> readPath(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    List<String> header = List.of(lines.get(0).split(","));
    List<Day> days = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      days.add(new Day(f[header.indexOf("symbol")], Long.parseLong(f[header.indexOf("event_time_micros")]),
          Double.parseDouble(f[header.indexOf("spot")]), Double.parseDouble(f[header.indexOf("alpha")]),
          Double.parseDouble(f[header.indexOf("atm_vol")]), Integer.parseInt(f[header.indexOf("orders")]),
          Integer.parseInt(f[header.indexOf("client_long")])));
    }
    assertThat(days).as(csv + " days").hasSizeGreaterThan(10);
    assertThat(Instant.ofEpochSecond(days.get(0).micros() / 1_000_000)).isNotNull();
    return days;
  }

  private static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }
}
