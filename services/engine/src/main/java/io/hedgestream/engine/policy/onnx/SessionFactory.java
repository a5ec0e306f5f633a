package io.hedgestream.engine.policy.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens ONNX Runtime sessions the way the engine's hot path wants them: one intra-op thread, sequential
 * execution, no spinning threads (a decision is microseconds; spinning would burn a core between ticks),
 * all graph optimisations. CUDA when asked for and available; otherwise the CPU with one log line.
 */
final class SessionFactory {

  private static final Logger LOG = LoggerFactory.getLogger(SessionFactory.class);

  private SessionFactory() {}

  /**
   * A session on the model bytes.
   *
   * @param model the model's name, for messages
   * @param bytes the ONNX bytes
   * @param device the requested device
   * @return the session and the provider it runs on
   * @throws ModelRejectedException when ONNX Runtime cannot load the model
   */
  static Opened open(String model, byte[] bytes, PolicyDevice device) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.addConfigEntry("session.inter_op.allow_spinning", "0");
      OrtProvider provider = device == PolicyDevice.CPU ? OrtProvider.CPU : cudaOrCpu(model, options, device);
      return new Opened(env.createSession(bytes, options), provider);
    } catch (OrtException e) {
      throw new ModelRejectedException("ONNX Runtime cannot load model " + model + ": " + e.getMessage(), e);
    }
  }

  /**
   * An open session and where it runs.
   *
   * @param session the session
   * @param provider {@link OrtProvider#CPU} or {@link OrtProvider#CUDA}
   */
  record Opened(OrtSession session, OrtProvider provider) {}

  private static OrtProvider cudaOrCpu(String model, OrtSession.SessionOptions options, PolicyDevice device) {
    if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
      LOG.warn("engine.policy.device={}: this ONNX Runtime has no CUDA execution provider (the default build "
          + "ships the CPU runtime; build with -Pgpu on a CUDA 12 + cuDNN 9 machine); model {} runs on the CPU",
          device.name().toLowerCase(java.util.Locale.ROOT), model);
      return OrtProvider.CPU;
    }
    try {
      options.addCUDA(0);
      return OrtProvider.CUDA;
    } catch (OrtException e) {
      LOG.warn("engine.policy.device={}: the CUDA execution provider failed to start ({}); model {} runs on the CPU",
          device.name().toLowerCase(java.util.Locale.ROOT), e.getMessage(), model);
      return OrtProvider.CPU;
    }
  }
}
