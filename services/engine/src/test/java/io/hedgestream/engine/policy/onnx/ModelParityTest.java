package io.hedgestream.engine.policy.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hedgestream.engine.features.Books;
import io.hedgestream.engine.instruments.ListedOptionRules;
import io.hedgestream.engine.marking.BookMarker;
import io.hedgestream.engine.marking.BookMarks;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.engine.state.HedgeSeries;
import io.hedgestream.engine.state.OptionPosition;
import io.hedgestream.market.RollingFeatures;
import io.hedgestream.pricing.PutCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Train/serve parity: every model under the repository's {@code models/} replays its trainer-written
 * {@code parity.json} (raw snapshot -> features -> output) through the engine's marking, feature builder
 * and ONNX session. A snapshot of a model with rolling features carries the symbol's daily series
 * ({@code rolling.closes} and {@code rolling.volumes}, oldest first, the decision day's last), from which the
 * engine computes them. A snapshot of a served SABR-book model ({@code sabr-book-v1}) carries the tick's SABR
 * parameters ({@code sabr}), the listed series the book holds and hedges with ({@code hedgeSeries}) and the
 * engine's listed-option rules ({@code listedRules}), so the traded-series features are checked too.
 * Features must match to 1e-9 (float64), outputs to 1e-5.
 */
class ModelParityTest {

  private static final double FEATURE_TOLERANCE = 1e-9;
  private static final double OUTPUT_TOLERANCE = 1e-5;

  /** A parity case: the engine's context for the snapshot and what the trainer computed. */
  private record Case(DecisionContext context, double[] features, double[] target, double holding) {}

  @Test
  void theModelsFolderHoldsAtLeastTheShippedModel() {
    assertThat(ModelFixtures.modelsDir()).as("repository models folder").isDirectory();
    assertThat(ModelFixtures.modelDirs()).contains(ModelFixtures.shipped());
  }

  @Test
  void everyModelReproducesItsParityVectorsInOneBatchAndOneByOne() throws IOException {
    List<Path> models = ModelFixtures.modelDirs();
    assertThat(models).as("models under " + ModelFixtures.modelsDir()).isNotEmpty();
    for (Path model : models) {
      assertParity(model);
    }
  }

  private static void assertParity(Path model) throws IOException {
    JsonNode parity = new ObjectMapper().readTree(model.resolve("parity.json").toFile());
    List<Case> cases = new ArrayList<>();
    for (JsonNode node : parity.get("cases")) {
      cases.add(parse(cases.size(), node));
    }
    assertThat(cases).as(model + " parity cases").isNotEmpty();
    try (OnnxPolicy policy = OnnxPolicy.load(model, PolicyDevice.CPU)) {
      List<String> names = new ArrayList<>();
      parity.get("features").forEach(name -> names.add(name.asText()));
      assertThat(policy.features().names()).as("parity.json features vs model metadata").isEqualTo(names);

      List<BookDecision> batch = policy.evaluate(cases.stream().map(Case::context).toList());
      double[] worst = compare(model, policy.metadata(), cases, batch);
      for (int i = 0; i < cases.size(); i++) {
        BookDecision single = policy.evaluate(List.of(cases.get(i).context())).get(0);
        assertThat(single.output()).as("case %d alone vs in the batch", i).containsExactly(batch.get(i).output());
      }
      System.out.printf("parity %s: %d cases, max |feature diff| %.3e, max |output diff| %.3e, max |holding diff|"
          + " / scale %.3e%n", model.getFileName(), cases.size(), worst[0], worst[1], worst[2]);
    }
  }

  /** Asserts every case; returns the largest feature, output and holding/scale differences. */
  private static double[] compare(Path model, ModelMetadata metadata, List<Case> cases,
      List<BookDecision> decisions) {
    double[] worst = new double[3];
    for (int i = 0; i < cases.size(); i++) {
      Case expected = cases.get(i);
      BookDecision actual = decisions.get(i);
      String label = model.getFileName() + " case " + i;
      assertThat(actual.features()).as(label + " features").isNotNull();
      assertThat(actual.output()).as(label + " output").isNotNull().hasSize(expected.target().length);
      for (int f = 0; f < expected.features().length; f++) {
        double diff = Math.abs(actual.features()[f] - expected.features()[f]);
        worst[0] = Math.max(worst[0], diff);
        assertThat(diff).as("%s feature %d (%s vs %s)", label, f, actual.features()[f], expected.features()[f])
            .isLessThanOrEqualTo(FEATURE_TOLERANCE);
      }
      for (int k = 0; k < expected.target().length; k++) {
        double diff = Math.abs(actual.output()[k] - expected.target()[k]);
        worst[1] = Math.max(worst[1], diff);
        assertThat(diff).as("%s output %d", label, k).isLessThanOrEqualTo(OUTPUT_TOLERANCE);
      }
      double holding = actual.output()[0] * actual.scale();
      worst[2] = Math.max(worst[2], Math.abs(holding - expected.holding()) / actual.scale());
      assertThat(Math.abs(holding - expected.holding())).as(label + " holding")
          .isLessThanOrEqualTo(OUTPUT_TOLERANCE * actual.scale());
      assertTargetFollowsTheBounds(label, metadata, actual);
    }
    return worst;
  }

  /**
   * With every output in its bounds the target is output x scale per instrument (the underlying under its
   * symbol); otherwise it is the OUT_OF_BOUNDS guardrail failure.
   */
  private static void assertTargetFollowsTheBounds(String label, ModelMetadata metadata, BookDecision decision) {
    boolean inBounds = true;
    for (int k = 0; k < decision.output().length; k++) {
      inBounds &= metadata.targetBounds().get(k).contains(decision.output()[k]);
    }
    if (inBounds) {
      assertThat(decision.target().isSuccess()).as(label).isTrue();
      for (int k = 0; k < decision.output().length; k++) {
        String instrument = metadata.instruments().get(k);
        assertThat(decision.target().value().units()).as(label).containsEntry(
            "UNDERLYING".equals(instrument) ? Books.SYMBOL : instrument, decision.output()[k] * decision.scale());
      }
    } else {
      assertThat(decision.target().isSuccess()).as(label).isFalse();
      assertThat(decision.target().reason()).as(label).startsWith("guardrail OUT_OF_BOUNDS");
    }
  }

  private static Case parse(int index, JsonNode node) {
    JsonNode in = node.get("input");
    long now = in.get("nowEpochMicros").asLong();
    MarketSnapshot market = Books.market(now, in.get("spot").asDouble(), in.get("atmVol").asDouble(),
        in.get("rate").asDouble(), in.get("dividendYield").asDouble());
    List<Books.Option> options = new ArrayList<>();
    for (JsonNode option : in.get("options")) {
      options.add(new Books.Option(PutCall.valueOf(option.get("type").asText()), option.get("strike").asDouble(),
          option.get("expiryEpochMicros").asLong(), option.get("multiplier").asDouble(),
          option.get("deskQuantity").asDouble()));
    }
    double holding = in.path("holdings").path("UNDERLYING").asDouble(0);
    JsonNode series = in.get("rolling");
    RollingFeatures rolling = series == null ? RollingFeatures.NONE
        : RollingFeatures.of(doubles(series.get("closes")), doubles(series.get("volumes")));
    DecisionContext context = in.has("sabr")
        ? servedContext("parity-" + index, in, options, holding, rolling)
        : Books.context("parity-" + index, market, options, holding, rolling);
    return new Case(context, doubles(node.get("features")), doubles(node.get("expected").get("target")),
        node.get("expected").get("holdings").get("UNDERLYING").asDouble());
  }

  /** A book on a SABR tick with its held listed series and the engine's listed rules, marked by the engine. */
  private static DecisionContext servedContext(String id, JsonNode in, List<Books.Option> options, double holding,
      RollingFeatures rolling) {
    JsonNode sabr = in.get("sabr");
    double spot = in.get("spot").asDouble();
    MarketSnapshot market = new MarketSnapshot(Books.SYMBOL, in.get("nowEpochMicros").asLong(), spot, spot,
        in.get("atmVol").asDouble(), in.get("rate").asDouble(), in.get("dividendYield").asDouble(),
        new MarketSnapshot.Sabr(sabr.get("alpha").asDouble(), sabr.get("beta").asDouble(), sabr.get("rho").asDouble(),
            sabr.get("nu").asDouble()));
    BookState book = new BookState(id, Books.SYMBOL);
    for (Books.Option option : options) {
      book.options().add(OptionPosition.open(Books.SYMBOL, option.putCall(), option.strike(), option.expiryMicros(),
          option.multiplier(), option.deskQuantity(), 0.0));
    }
    if (holding != 0) {
      book.holdings().put(Books.SYMBOL, holding);
    }
    JsonNode held = in.path("hedgeSeries");
    if (held.isObject()) {
      HedgeSeries series = HedgeSeries.of(Books.SYMBOL, held.get("family").asText(), PutCall.CALL,
          held.get("strike").asDouble(), held.get("expiryEpochMicros").asLong(), held.get("multiplier").asDouble());
      book.useSeries(series);
      if (held.get("contracts").asDouble() != 0) {
        book.holdings().put(series.optionId(), held.get("contracts").asDouble());
      }
    }
    JsonNode rules = in.get("listedRules");
    ListedOptionRules listed = new ListedOptionRules(rules.get("strikeStep").asDouble(),
        rules.get("multiplier").asDouble(), LocalTime.parse(rules.get("expiryTimeUtc").asText()),
        rules.get("rollDays").asDouble());
    BookMarks marks = BookMarker.mark(book, market);
    return DecisionContext.of(id, marks, book.holdings(), Map.of(), rolling)
        .withListed(book.currentSeriesByFamily(), listed);
  }

  private static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }
}
