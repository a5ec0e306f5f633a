package io.hedgestream.engine.policy.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.hedgestream.basics.Result;
import io.hedgestream.engine.features.FeatureBuilder;
import io.hedgestream.engine.features.FeatureContract;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.policy.HedgePolicy;
import io.hedgestream.engine.policy.ModelIdentity;
import io.hedgestream.engine.policy.PolicyBatch;
import io.hedgestream.engine.policy.PolicyDecision;
import io.hedgestream.engine.policy.TargetHoldings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hedge policy exported by the trainer and run with ONNX Runtime. All books of one {@link #decide} call
 * (the books due at one tick of a task) go to the model as one batch: features per book from the
 * contract ({@link FeatureBuilder}), one session run, then per book the output is checked by the
 * guardrails (finite, within the model's {@code hedgestream.target_bounds}) and scaled to holdings:
 * {@code target = output x book scale}. A book that fails a guardrail, or every book of a batch whose run
 * fails, gets a failure naming the {@link Guardrail}; the engine then hedges it with the delta hedge
 * (reason FALLBACK). A book with scale 0 gets target 0 without the model, as the contract says.
 *
 * <p>Load with {@link #load}: it verifies the file against {@code metadata.json} (sha256), validates the
 * graph's metadata, inputs, outputs and opset ({@link ModelValidator}), and refuses a mismatch. The
 * version on every order and PnL event is the model's {@code hedgestream.version} followed by {@code #} and
 * the first 12 hex digits of the file's sha256, so a retrained model that kept its name is still told
 * apart. Thread-safe: the session
 * is shared, each thread has its own {@link InferenceBuffers}. Close it to free the native session.
 */
public final class OnnxPolicy implements HedgePolicy, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OnnxPolicy.class);
  private static final String UNDERLYING = "UNDERLYING";

  private final String name;
  private final ModelFiles files;
  private final ModelMetadata metadata;
  private final FeatureBuilder features;
  private final OrtSession session;
  private final OrtProvider provider;
  private final PolicyCounters counters = new PolicyCounters();
  private final Queue<InferenceBuffers> allBuffers = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<InferenceBuffers> buffers;
  private final ModelIdentity identity;
  private volatile boolean closed;

  private OnnxPolicy(String name, ModelFiles files, ModelMetadata metadata, FeatureBuilder features,
      SessionFactory.Opened opened) {
    this.name = name;
    this.files = files;
    this.metadata = metadata;
    this.features = features;
    this.session = opened.session();
    this.provider = opened.provider();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    int targets = metadata.instruments().size();
    this.identity = new ModelIdentity(files.sha256(), files.onnxFile().toString(), features.names(),
        metadata.instruments());
    this.buffers = ThreadLocal.withInitial(() -> {
      InferenceBuffers created = new InferenceBuffers(env, features.size(), targets);
      allBuffers.add(created);
      return created;
    });
  }

  /**
   * Loads and validates a model.
   *
   * @param path a model directory ({@code policy.onnx}, optionally {@code metadata.json}) or an ONNX file
   * @param device where to run it; CUDA falls back to the CPU with a log line when unavailable
   * @return the policy
   * @throws ModelRejectedException naming every problem when the model cannot be served
   */
  public static OnnxPolicy load(Path path, PolicyDevice device) {
    ModelFiles files = ModelFiles.read(path);
    String name = files.onnxFile().toString();
    SessionFactory.Opened opened = SessionFactory.open(name, files.bytes(), device);
    try {
      Map<String, String> props = opened.session().getMetadata().getCustomMetadata();
      files.sidecar().ifPresent(sidecar -> ModelValidator.sidecar(name, props, sidecar));
      ModelMetadata metadata = ModelMetadata.parse(name, props);
      FeatureBuilder builder = ModelValidator.features(name, metadata, FeatureContract.packaged());
      ModelValidator.graph(name, opened.session(), files.bytes(), builder.size(), metadata.instruments().size());
      LOG.info("policy {} loaded from {} (sha256 {}, features {} -> {} on {})", metadata.version(), name,
          files.sha256(), builder.names(), metadata.instruments(), opened.provider());
      return new OnnxPolicy(name, files, metadata, builder, opened);
    } catch (OrtException | RuntimeException e) {
      closeQuietly(opened.session());
      if (e instanceof ModelRejectedException rejected) {
        throw rejected;
      }
      throw new ModelRejectedException("model " + name + " refused: " + e.getMessage(), e);
    }
  }

  /** Hex digits of the sha256 that {@link #version()} appends to the model's own version. */
  public static final int VERSION_SHA_DIGITS = 12;

  @Override
  public String version() {
    return versionOf(metadata.version(), files.sha256());
  }

  /**
   * The policy version of a model: {@code <hedgestream.version>#<first 12 hex of sha256>}.
   *
   * @param modelVersion the model's {@code hedgestream.version}
   * @param sha256 hex sha256 of the ONNX file
   * @return the version orders, PnL events and the journal carry
   */
  public static String versionOf(String modelVersion, String sha256) {
    return modelVersion + "#" + sha256.substring(0, Math.min(VERSION_SHA_DIGITS, sha256.length()));
  }

  @Override
  public List<Result<TargetHoldings>> decide(List<DecisionContext> contexts) {
    List<BookDecision> decisions = evaluate(contexts);
    List<Result<TargetHoldings>> targets = new ArrayList<>(decisions.size());
    for (BookDecision decision : decisions) {
      targets.add(decision.target());
    }
    return targets;
  }

  /**
   * Decides books in one batch and keeps what was computed on the way: features, raw outputs, scale.
   *
   * @param contexts the books
   * @return one decision per book, in order
   */
  public List<BookDecision> evaluate(List<DecisionContext> contexts) {
    return evaluateTimed(contexts).decisions();
  }

  /**
   * Decides books in one batch like {@link #decide(List)}, with the features, raw outputs, scales, the
   * model's identity and the batch's feature-build and inference wall times (two clock reads each).
   */
  @Override
  public PolicyBatch decideWithDetails(List<DecisionContext> contexts) {
    Evaluation evaluation = evaluateTimed(contexts);
    List<PolicyDecision> decisions = new ArrayList<>(evaluation.decisions().size());
    for (BookDecision decision : evaluation.decisions()) {
      decisions.add(new PolicyDecision(decision.target(), decision.features(), decision.output(), decision.scale()));
    }
    return new PolicyBatch(decisions, identity, evaluation.featureNanos(), evaluation.inferenceNanos());
  }

  /** A batch's decisions and the wall time of its feature build and its model run, ns. */
  private record Evaluation(List<BookDecision> decisions, long featureNanos, long inferenceNanos) {}

  private Evaluation evaluateTimed(List<DecisionContext> contexts) {
    int count = contexts.size();
    counters.books(count);
    if (closed) {
      return new Evaluation(closedDecisions(count), 0, 0);
    }
    long featuresStart = System.nanoTime();
    List<FeatureBuilder.BookFeatures> built = new ArrayList<>(count);
    List<BookDecision> decisions = new ArrayList<>(count);
    InferenceBuffers rows = buffers.get();
    rows.reserve(count);
    int batch = 0;
    for (DecisionContext context : contexts) {
      Result<FeatureBuilder.BookFeatures> row = features.build(context);
      FeatureBuilder.BookFeatures values = row.isSuccess() ? row.value() : null;
      built.add(values);
      if (values == null) {
        counters.refused(Guardrail.FEATURES);
        decisions.add(new BookDecision(null, null, 0, Result.failure(Guardrail.FEATURES.reason(row.reason()))));
      } else if (values.scale() == 0) {
        Result<TargetHoldings> zero = Result.success(TargetHoldings.of(context.symbol(), 0.0));
        decisions.add(new BookDecision(values.values(), null, 0, zero));
      } else {
        for (int column = 0; column < features.size(); column++) {
          rows.put(batch, column, values.value(column));
        }
        batch++;
        decisions.add(null);
      }
    }
    long inferenceStart = System.nanoTime();
    String error = batch == 0 ? null : run(rows, batch);
    long inferenceEnd = System.nanoTime();
    int row = 0;
    for (int i = 0; i < count; i++) {
      if (decisions.get(i) == null) {
        decisions.set(i, error == null
            ? checked(contexts.get(i), built.get(i), rows, row) : failed(built.get(i), error));
        row++;
      }
    }
    return new Evaluation(decisions, inferenceStart - featuresStart, batch == 0 ? 0 : inferenceEnd - inferenceStart);
  }

  /**
   * Runs one feature vector through the model as a batch of one, on the calling thread's buffers, without
   * guardrails: how {@code hedge journal verify} re-executes a journaled decision.
   *
   * @param featureValues float64 features in the model's order (cast to float32 as in a decision)
   * @return the raw output per instrument, or why the model could not run
   */
  public Result<float[]> infer(double[] featureValues) {
    if (featureValues.length != features.size()) {
      return Result.failure(featureValues.length + " features given, the model takes " + features.size());
    }
    if (closed) {
      return Result.failure("policy " + version() + " is closed");
    }
    InferenceBuffers rows = buffers.get();
    rows.reserve(1);
    for (int column = 0; column < featureValues.length; column++) {
      rows.put(0, column, featureValues[column]);
    }
    String error = run(rows, 1);
    if (error != null) {
      return Result.failure(error);
    }
    float[] output = new float[metadata.instruments().size()];
    for (int k = 0; k < output.length; k++) {
      output[k] = rows.output(0, k);
    }
    return Result.success(output);
  }

  /** The model's identity as the decision journal records it. */
  public ModelIdentity identity() {
    return identity;
  }

  private List<BookDecision> closedDecisions(int count) {
    counters.refused(Guardrail.MODEL_ERROR, count);
    Result<TargetHoldings> failure = Result.failure(Guardrail.MODEL_ERROR.reason("policy " + version() + " is closed"));
    List<BookDecision> decisions = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      decisions.add(new BookDecision(null, null, 0, failure));
    }
    return decisions;
  }

  private String run(InferenceBuffers rows, int batch) {
    counters.batch();
    try {
      rows.run(session, batch);
      return null;
    } catch (OrtException | RuntimeException e) {
      LOG.warn("policy {}: ONNX Runtime failed on a batch of {} books ({}); they fall back to the delta hedge",
          version(), batch, e.toString());
      LOG.debug("ONNX Runtime failure", e);
      return "ONNX Runtime failed on a batch of " + batch + ": " + e.getMessage();
    }
  }

  private BookDecision failed(FeatureBuilder.BookFeatures values, String error) {
    counters.refused(Guardrail.MODEL_ERROR);
    return new BookDecision(values.values(), null, values.scale(), Result.failure(Guardrail.MODEL_ERROR.reason(error)));
  }

  private BookDecision checked(DecisionContext context, FeatureBuilder.BookFeatures values, InferenceBuffers rows,
      int row) {
    List<String> instruments = metadata.instruments();
    float[] output = new float[instruments.size()];
    Result<TargetHoldings> target = null;
    for (int k = 0; k < output.length; k++) {
      output[k] = rows.output(row, k);
      ModelMetadata.Bounds bounds = metadata.targetBounds().get(k);
      if (target == null && !Float.isFinite(output[k])) {
        counters.refused(Guardrail.NON_FINITE);
        target = Result.failure(Guardrail.NON_FINITE.reason("model output " + output[k] + " for "
            + instruments.get(k)));
      } else if (target == null && !bounds.contains(output[k])) {
        counters.refused(Guardrail.OUT_OF_BOUNDS);
        target = Result.failure(Guardrail.OUT_OF_BOUNDS.reason("model output " + output[k] + " for "
            + instruments.get(k) + " outside target bounds [" + bounds.low() + ", " + bounds.high() + "]"));
      }
    }
    if (target == null) {
      target = Result.success(targets(context, instruments, output, values.scale()));
    }
    return new BookDecision(values.values(), output, values.scale(), target);
  }

  /**
   * Output column k is the holding of the model's instrument k per unit of book scale: {@code UNDERLYING}
   * becomes the book's symbol (underlying units), a listed family such as {@code CALL_ATM_30D} keeps its
   * name (option units, contracts x multiplier) and the engine resolves it to a series.
   */
  private static TargetHoldings targets(DecisionContext context, List<String> instruments, float[] output,
      double scale) {
    Map<String, Double> units = new java.util.TreeMap<>();
    for (int k = 0; k < output.length; k++) {
      String instrument = instruments.get(k);
      units.put(UNDERLYING.equals(instrument) ? context.symbol() : instrument, output[k] * scale);
    }
    return new TargetHoldings(units);
  }

  /** The model's metadata. */
  public ModelMetadata metadata() {
    return metadata;
  }

  /** The builder of the model's features. */
  public FeatureBuilder features() {
    return features;
  }

  /** Where the session runs: {@link OrtProvider#CPU} or {@link OrtProvider#CUDA}. */
  public OrtProvider provider() {
    return provider;
  }

  /** Hex SHA-256 of the loaded ONNX file. */
  public String sha256() {
    return files.sha256();
  }

  /** The ONNX file the policy was loaded from. */
  public Path file() {
    return files.onnxFile();
  }

  /** Books decided and guardrail fallbacks since the policy was loaded. */
  public PolicyCounters counters() {
    return counters;
  }

  /**
   * Frees the session and the buffers; later decisions fail (and so fall back). Call it once no thread is
   * deciding any more (after the engine's streams closed). Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    InferenceBuffers each;
    while ((each = allBuffers.poll()) != null) {
      each.close();
    }
    closeQuietly(session);
    LOG.info("policy {} from {} closed after {} books, {} fallbacks", version(), name, counters.books(),
        counters.fallbacks());
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException e) {
      LOG.warn("closing an ONNX Runtime session failed", e);
    }
  }
}
