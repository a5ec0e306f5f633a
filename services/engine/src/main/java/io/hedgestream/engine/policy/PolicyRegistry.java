package io.hedgestream.engine.policy;

import io.hedgestream.basics.Result;
import io.hedgestream.engine.policy.onnx.ModelFiles;
import io.hedgestream.engine.policy.onnx.ModelRejectedException;
import io.hedgestream.engine.policy.onnx.OnnxPolicy;
import io.hedgestream.engine.policy.onnx.PolicyDevice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policies one engine instance can serve: the configured one and every model an operator activated,
 * each loaded once and shared by all tasks (policies keep no per-book state). Activated models are keyed
 * by the sha256 of their ONNX file, built-in policies by name; the configured policy is kept apart (an
 * activation of the same file loads its own session, closed with the registry).
 *
 * <p>Activation checks, in order: the command's arguments, the file's sha256 against the command's, the
 * model itself ({@link OnnxPolicy#load}: metadata against what the engine can build, graph, opset) and the
 * expected version; any failure leaves the registry (and so the active policy) as it was. Loaded models
 * stay open until {@link #close()}: a task may still be deciding with the previous one while another
 * switches, so none is closed under it. An engine that activates many distinct models holds them all.
 */
public final class PolicyRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PolicyRegistry.class);

  private final HedgePolicy configured;
  private final boolean ownsConfigured;
  private final PolicyDevice device;
  private final Map<String, HedgePolicy> policies = new ConcurrentHashMap<>();

  private PolicyRegistry(HedgePolicy configured, boolean ownsConfigured, PolicyDevice device) {
    this.configured = configured;
    this.ownsConfigured = ownsConfigured;
    this.device = device;
  }

  /**
   * A registry whose default is the policy of a name or model path; it owns (and closes) that policy.
   *
   * @param name {@code delta}, {@code none} or a model path
   * @param device where models run
   * @return the registry
   * @throws ModelRejectedException when the configured model cannot be served
   */
  public static PolicyRegistry configured(String name, PolicyDevice device) {
    return new PolicyRegistry(HedgePolicies.named(name, device), true, device);
  }

  /**
   * A registry around a policy the caller owns (tests, studies); activated models run on the CPU.
   *
   * @param policy the default policy, not closed by the registry
   * @return the registry
   */
  public static PolicyRegistry around(HedgePolicy policy) {
    return new PolicyRegistry(policy, false, PolicyDevice.CPU);
  }

  /** The policy the engine was configured with (used where no model was activated). */
  public HedgePolicy configuredPolicy() {
    return configured;
  }

  /**
   * Loads (or finds) the policy an activation names, checking it fully. A model already loaded is found
   * without a lock (the engine asks at every decision); loading is serialised so tasks activating the same
   * model at once load it once.
   *
   * @param activation the operator's request
   * @return the policy, or why it is refused
   */
  public Result<HedgePolicy> activate(ModelActivation activation) {
    String problem = activation.problem();
    if (problem != null) {
      return Result.failure(problem);
    }
    HedgePolicy known = policies.get(activation.builtIn() ? activation.path() : activation.sha256());
    Result<HedgePolicy> loaded = known != null ? Result.success(known) : load(activation);
    if (!loaded.isSuccess()) {
      return loaded;
    }
    HedgePolicy policy = loaded.value();
    if (!versionMatches(activation.version(), policy)) {
      return Result.failure("ACTIVATE_MODEL expected version " + activation.version() + " but " + activation.path()
          + " is " + policy.version());
    }
    return Result.success(policy);
  }

  private synchronized Result<HedgePolicy> load(ModelActivation activation) {
    HedgePolicy raced = policies.get(activation.builtIn() ? activation.path() : activation.sha256());
    if (raced != null) {
      return Result.success(raced);
    }
    if (activation.builtIn()) {
      HedgePolicy builtIn = HedgePolicies.named(activation.path(), device);
      policies.put(activation.path(), builtIn);
      return Result.success(builtIn);
    }
    Path path = Path.of(activation.path());
    try {
      String actual = ModelFiles.read(path).sha256();
      if (!actual.equals(activation.sha256())) {
        return Result.failure("ACTIVATE_MODEL of " + path.toAbsolutePath() + " refused: the file's sha256 is "
            + actual + " but the command says " + activation.sha256());
      }
      OnnxPolicy model = OnnxPolicy.load(path, device);
      if (!model.sha256().equals(activation.sha256())) {
        model.close();
        return Result.failure("ACTIVATE_MODEL of " + path.toAbsolutePath() + " refused: the file changed while loading");
      }
      policies.put(model.sha256(), model);
      LOG.info("model {} from {} loaded for activation", model.version(), path.toAbsolutePath());
      return Result.success(model);
    } catch (ModelRejectedException e) {
      return Result.failure("ACTIVATE_MODEL of " + path.toAbsolutePath() + " refused: " + e.getMessage());
    }
  }

  private static boolean versionMatches(String expected, HedgePolicy policy) {
    if (expected.isEmpty() || expected.equals(policy.version())) {
      return true;
    }
    return policy instanceof OnnxPolicy model && expected.equals(model.metadata().version());
  }

  /** Closes every model this registry loaded, and the configured one when it owns it. */
  @Override
  public synchronized void close() {
    List<AutoCloseable> open = new ArrayList<>();
    for (HedgePolicy policy : policies.values()) {
      if (policy instanceof AutoCloseable closeable && policy != configured) {
        open.add(closeable);
      }
    }
    if (ownsConfigured && configured instanceof AutoCloseable closeable) {
      open.add(closeable);
    }
    policies.clear();
    for (AutoCloseable closeable : open) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("closing a policy failed", e);
      }
    }
  }
}
