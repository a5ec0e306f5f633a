package io.hedgestream.engine.policy.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * One thread's reusable inference memory: a direct input buffer [capacity, F] and a direct output buffer
 * [capacity, K], and for each batch size used so far an input tensor and a pinned output tensor that wrap
 * the first rows of those buffers without copying. A decision writes its features into the input buffer,
 * runs, and reads the output buffer: no tensor is allocated per decision once a batch size has been seen.
 * The buffers grow (doubling) when a larger batch comes. Not thread-safe: one per thread.
 */
final class InferenceBuffers implements AutoCloseable {

  /** Rows the buffers hold at first. */
  static final int INITIAL_CAPACITY = 64;

  private final OrtEnvironment env;
  private final int featureCount;
  private final int targetCount;
  private FloatBuffer input;
  private FloatBuffer output;
  private Binding[] bindings;

  /** The tensors of one batch size, as the maps {@link OrtSession#run(Map, Map)} takes. */
  private record Binding(Map<String, OnnxTensor> inputs, Map<String, OnnxTensor> outputs) {}

  InferenceBuffers(OrtEnvironment env, int featureCount, int targetCount) {
    this.env = env;
    this.featureCount = featureCount;
    this.targetCount = targetCount;
    allocate(INITIAL_CAPACITY);
  }

  /** Rows the buffers hold now. */
  int capacity() {
    return bindings.length - 1;
  }

  /** Makes room for {@code rows} rows, replacing the buffers and tensors if they are too small. */
  void reserve(int rows) {
    if (rows > capacity()) {
      closeBindings();
      allocate(Math.max(rows, 2 * capacity()));
    }
  }

  /** Writes feature {@code column} of row {@code row}, cast to float32 as the contract says. */
  void put(int row, int column, double value) {
    input.put(row * featureCount + column, (float) value);
  }

  /** Output {@code column} of row {@code row} after {@link #run}. */
  float output(int row, int column) {
    return output.get(row * targetCount + column);
  }

  /**
   * Runs the first {@code rows} rows through the session, into the pinned output buffer.
   *
   * @param session the session
   * @param rows rows written, 1..capacity
   * @throws OrtException when ONNX Runtime fails
   */
  void run(OrtSession session, int rows) throws OrtException {
    Binding binding = binding(rows);
    try (OrtSession.Result ignored = session.run(binding.inputs(), binding.outputs())) {
      // The outputs are pinned: the values are already in the output buffer; the result owns nothing.
    }
  }

  private Binding binding(int rows) throws OrtException {
    Binding binding = bindings[rows];
    if (binding == null) {
      OnnxTensor in = OnnxTensor.createTensor(env, rowsOf(input, rows * featureCount), new long[] {rows, featureCount});
      OnnxTensor out;
      try {
        out = OnnxTensor.createTensor(env, rowsOf(output, rows * targetCount), new long[] {rows, targetCount});
      } catch (OrtException e) {
        in.close();
        throw e;
      }
      binding = new Binding(Map.of(ModelValidator.INPUT, in), Map.of(ModelValidator.OUTPUT, out));
      bindings[rows] = binding;
    }
    return binding;
  }

  private static FloatBuffer rowsOf(FloatBuffer buffer, int length) {
    return buffer.duplicate().position(0).limit(length).slice();
  }

  private void allocate(int capacity) {
    input = direct(capacity * featureCount);
    output = direct(capacity * targetCount);
    bindings = new Binding[capacity + 1];
  }

  private static FloatBuffer direct(int floats) {
    return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  private void closeBindings() {
    for (int i = 0; i < bindings.length; i++) {
      if (bindings[i] != null) {
        bindings[i].inputs().values().forEach(OnnxTensor::close);
        bindings[i].outputs().values().forEach(OnnxTensor::close);
        bindings[i] = null;
      }
    }
  }

  @Override
  public void close() {
    closeBindings();
  }
}
