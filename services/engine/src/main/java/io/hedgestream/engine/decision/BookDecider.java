package io.hedgestream.engine.decision;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.RiskSnapshot;
import io.hedgestream.basics.Result;
import io.hedgestream.engine.journal.DecisionJournal;
import io.hedgestream.engine.instruments.ListedOptionRules;
import io.hedgestream.engine.instruments.ListedTargets;
import io.hedgestream.engine.marking.BookMarker;
import io.hedgestream.engine.marking.BookMarks;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.marking.OptionMark;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.policy.DeltaHedgePolicy;
import io.hedgestream.engine.policy.HedgePolicy;
import io.hedgestream.engine.policy.PolicyBatch;
import io.hedgestream.engine.policy.PolicySource;
import io.hedgestream.engine.policy.TargetHoldings;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.market.RollingFeatures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's step for the books due at one market: settle expired options, mark the book, ask the
 * policy (once for all books, so a model can batch), guard its targets and fall back to the delta hedge,
 * send the orders for the difference, and book the step's PnL and risk.
 *
 * <p>A killed book targets zero holdings (reason KILL) and a book without live options flattens its
 * hedges (reason EXPIRY); neither asks the policy.
 *
 * <p>Every decision, whatever its reason, is appended to the {@link DecisionJournal} given with
 * {@link #journalTo} (none by default) with what the policy computed for it ({@link DecisionRecords}).
 */
public final class BookDecider {

  private static final Logger LOG = LoggerFactory.getLogger(BookDecider.class);

  private final PolicySource policies;
  private final OrderPlanner planner;
  private final int riskWindow;
  private DecisionJournal journal = DecisionJournal.NONE;
  private ListedOptionRules listedRules = ListedOptionRules.DEFAULTS;
  private ListedTargets listed = new ListedTargets(listedRules);
  /** The policy of the symbol being decided: read from {@link #policies} once per call of {@link #decide}. */
  private HedgePolicy policy;

  /**
   * Creates a decider with one policy for every symbol.
   *
   * @param policy the policy asked for targets
   * @param lotSize order lot size in units
   * @param riskWindow steps in the rolling risk window
   */
  public BookDecider(HedgePolicy policy, double lotSize, int riskWindow) {
    this(symbol -> policy, lotSize, riskWindow);
  }

  /**
   * Creates a decider whose policy may change between decisions (hot reload): the source is asked once
   * per call of {@link #decide}, so every book of one batch is decided by the same policy.
   *
   * @param policies the active policy per symbol
   * @param lotSize order lot size in units
   * @param riskWindow steps in the rolling risk window
   */
  public BookDecider(PolicySource policies, double lotSize, int riskWindow) {
    this.policies = policies;
    this.planner = new OrderPlanner(lotSize);
    this.riskWindow = riskWindow;
  }

  /**
   * Journals every later decision to {@code journal}.
   *
   * @param journal where decisions are recorded ({@link DecisionJournal#NONE} for nowhere)
   * @return this decider
   */
  public BookDecider journalTo(DecisionJournal journal) {
    this.journal = journal;
    return this;
  }

  /**
   * Resolves listed-option families named by targets with {@code rules} (strike grid, expiries, multiplier,
   * rolling; {@link ListedOptionRules#DEFAULTS} until set).
   *
   * @param rules the engine's listed-option rules
   * @return this decider
   */
  public BookDecider listedOptions(ListedOptionRules rules) {
    this.listedRules = rules;
    this.listed = new ListedTargets(rules);
    return this;
  }

  /**
   * One book to decide and the operator settings that apply to it.
   *
   * @param book the book (updated in place)
   * @param killed whether the kill switch covers the book
   * @param limits the book's limits
   */
  public record Request(BookState book, boolean killed, HedgeLimits limits) {}

  /**
   * What one book's decision produced.
   *
   * @param book the updated book
   * @param orders orders to send (may be empty)
   * @param pnl the step's ledger line
   * @param risk the step's risk snapshot
   */
  public record Outcome(BookState book, List<HedgeOrder> orders, PnlEvent pnl, RiskSnapshot risk) {}

  /**
   * Decides every requested book at {@code market}.
   *
   * @param requests the books, all of the market's symbol
   * @param market the latest market of the symbol
   * @return one outcome per request, in order
   */
  public List<Outcome> decide(List<Request> requests, MarketSnapshot market) {
    return decide(requests, market, RollingFeatures.NONE);
  }

  /**
   * Decides every requested book at {@code market}, with the symbol's rolling market features.
   *
   * @param requests the books, all of the market's symbol
   * @param market the latest market of the symbol
   * @param rolling the symbol's rolling features as of {@code market}
   * @return one outcome per request, in order
   */
  public List<Outcome> decide(List<Request> requests, MarketSnapshot market, RollingFeatures rolling) {
    policy = policies.policyFor(market.symbol());
    List<BookMarks> marks = new ArrayList<>(requests.size());
    List<List<String>> notes = new ArrayList<>(requests.size());
    List<DecisionContext> contexts = new ArrayList<>();
    Map<Integer, Integer> contextOf = new HashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      Request request = requests.get(i);
      List<String> bookNotes = new ArrayList<>(ExpirySettler.settle(request.book(), market));
      BookMarks bookMarks = BookMarker.mark(request.book(), market);
      for (OptionMark option : bookMarks.options()) {
        if (option.stale()) {
          bookNotes.add("stale mark kept for " + option.optionId());
        }
      }
      marks.add(bookMarks);
      notes.add(bookNotes);
      if (!request.killed() && !bookMarks.options().isEmpty()) {
        contextOf.put(i, contexts.size());
        contexts.add(contextFor(request.book(), bookMarks, rolling));
      }
    }
    PolicyBatch batch = askPolicy(contexts);
    List<Outcome> outcomes = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      Request request = requests.get(i);
      Integer context = contextOf.get(i);
      DecisionRecords.Asked asked = context == null ? null
          : new DecisionRecords.Asked(batch, batch.decisions().get(context), contexts.get(context));
      Choice choice = asked == null
          ? flatten(request, marks.get(i))
          : choose(asked.decision().target(), asked.context(), request.limits());
      outcomes.add(finish(request, marks.get(i), choice, notes.get(i), asked));
    }
    return outcomes;
  }

  private record Choice(TargetHoldings target, HedgeReason reason, String policyVersion, String detail) {}

  private PolicyBatch askPolicy(List<DecisionContext> contexts) {
    if (contexts.isEmpty()) {
      return PolicyBatch.analytic(List.of());
    }
    try {
      PolicyBatch proposals = policy.decideWithDetails(contexts);
      if (proposals != null && proposals.decisions().size() == contexts.size()) {
        return proposals;
      }
      return failAll(contexts.size(), "policy returned "
          + (proposals == null ? "null" : proposals.decisions().size()) + " results for " + contexts.size() + " books");
    } catch (RuntimeException e) {
      LOG.warn("policy {} threw; falling back to the delta hedge for {} books", policy.version(), contexts.size(), e);
      return failAll(contexts.size(), "policy threw " + e);
    }
  }

  private static PolicyBatch failAll(int count, String reason) {
    List<Result<TargetHoldings>> failures = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      failures.add(Result.failure(reason));
    }
    return PolicyBatch.analytic(failures);
  }

  private Choice choose(Result<TargetHoldings> proposal, DecisionContext context, HedgeLimits limits) {
    Result<TargetHoldings> checked = PolicyGuard.check(proposal, context, limits);
    if (checked.isSuccess()) {
      return new Choice(checked.value(), HedgeReason.POLICY, policy.version(), "");
    }
    LOG.warn("book {} {}: {}; falling back to the delta hedge", context.book(), context.symbol(), checked.reason());
    return new Choice(PolicyGuard.fallback(context, limits), HedgeReason.FALLBACK, DeltaHedgePolicy.VERSION,
        checked.reason());
  }

  private Choice flatten(Request request, BookMarks marks) {
    BookState book = request.book();
    Map<String, Double> zero = new HashMap<>();
    zero.put(book.symbol(), 0.0);
    book.holdings().keySet().forEach(instrument -> zero.put(instrument, 0.0));
    book.pendingByInstrument().keySet().forEach(instrument -> zero.put(instrument, 0.0));
    HedgeReason reason = request.killed() ? HedgeReason.KILL : HedgeReason.EXPIRY;
    String detail = request.killed() ? "kill switch on" : marks.options().isEmpty() ? "no live options" : "";
    return new Choice(new TargetHoldings(zero), reason, policy.version(), detail);
  }

  private Outcome finish(Request request, BookMarks marks, Choice choice, List<String> notes,
      DecisionRecords.Asked asked) {
    BookState book = request.book();
    long sequence = book.nextSequence();
    String decisionId = book.book() + ":" + book.symbol() + ":" + sequence;
    long now = marks.market().eventMicros();
    OrderPlanner.DecisionLabel label =
        new OrderPlanner.DecisionLabel(decisionId, choice.reason(), choice.policyVersion(), now);
    ListedTargets.Concrete concrete = listed.concretise(book, choice.target(), marks.market());
    OrderPlanner.Plan plan = planner.place(book, concrete.target(), label, request.limits());
    List<String> all = new ArrayList<>();
    if (!choice.detail().isEmpty()) {
      all.add(choice.detail());
    }
    all.addAll(notes);
    all.addAll(concrete.notes());
    all.addAll(plan.notes());
    String detail = String.join("; ", all);
    String reason = choice.reason().name() + (all.isEmpty() ? "" : ": " + detail);
    if (journal.enabled()) {
      journal.append(DecisionRecords.of(label, book, detail, policy.version(), choice.target(), plan.orders(),
          request.limits(), asked));
    }
    PnlEvent pnl = PnlAccountant.bookStep(book, marks, label, reason, riskWindow);
    pnl.setTargetHoldings(targetVector(book, concrete.target()));
    RiskSnapshot risk = RiskReporter.snapshot(book, riskWindow, now);
    book.setLastDecisionMicros(now);
    return new Outcome(book, plan.orders(), pnl, risk);
  }

  /**
   * a_t of the turnover ratio: the holdings the book targets after this decision, by instrument; an
   * instrument the target does not name keeps its current holding.
   */
  private static Map<String, Double> targetVector(BookState book, TargetHoldings target) {
    Map<String, Double> vector = new TreeMap<>(book.holdings());
    vector.putAll(target.units());
    return vector;
  }

  private DecisionContext contextFor(BookState book, BookMarks marks, RollingFeatures rolling) {
    return DecisionContext.of(book.book(), marks, book.holdings(), book.pendingByInstrument(), rolling)
        .withListed(book.currentSeriesByFamily(), listedRules);
  }
}
