package io.hedgestream.engine.policy.onnx;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The repository's shipped models, the tiny test graphs, and copies of a model with other metadata. */
public final class ModelFixtures {

  /** Name of the shipped model the engine tests use. */
  public static final String SHIPPED = "bs-delta-mlp-v1";

  private static final int METADATA_PROPS = 14;

  private ModelFixtures() {}

  /** The repository's {@code models/} folder (found from the module directory). */
  public static Path modelsDir() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../../models").normalize();
  }

  /** Every model folder under {@code models/} (a folder holding {@code policy.onnx}). */
  public static List<Path> modelDirs() {
    try (Stream<Path> dirs = Files.list(modelsDir())) {
      return dirs.filter(dir -> Files.isRegularFile(dir.resolve(ModelFiles.ONNX_FILE))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + modelsDir(), e);
    }
  }

  /** The shipped model's folder. */
  public static Path shipped() {
    return modelsDir().resolve(SHIPPED);
  }

  /** A test graph from {@code src/test/resources/onnx} (see {@code src/test/python/make_test_models.py}). */
  public static Path testGraph(String name) {
    try {
      return Path.of(ModelFixtures.class.getResource("/onnx/" + name + ".onnx").toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no test graph " + name, e);
    }
  }

  /**
   * Copies the shipped model into {@code dir} with some graph metadata_props replaced, and a
   * {@code metadata.json} that matches the new file (so only the graph's content can cause a refusal).
   *
   * @param dir the target folder
   * @param replaced metadata entries to set in the graph
   * @return the folder
   */
  public static Path shippedWithGraphMetadata(Path dir, Map<String, String> replaced) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode sidecar = (ObjectNode) json.readTree(shipped().resolve(ModelFiles.METADATA_FILE).toFile());
    replaced.forEach(sidecar::put);
    Map<String, String> props = new java.util.TreeMap<>();
    sidecar.fields().forEachRemaining(e -> {
      if (e.getKey().startsWith(ModelMetadata.PREFIX)) {
        props.put(e.getKey(), e.getValue().asText());
      }
    });
    byte[] rewritten = withMetadataProps(Files.readAllBytes(shipped().resolve(ModelFiles.ONNX_FILE)), props);
    Files.write(dir.resolve(ModelFiles.ONNX_FILE), rewritten);
    sidecar.put("sha256", ModelFiles.sha256(rewritten));
    json.writeValue(dir.resolve(ModelFiles.METADATA_FILE).toFile(), sidecar);
    return dir;
  }

  /**
   * An ONNX model with its metadata_props (ModelProto field 14) replaced: every other top-level field is
   * copied byte for byte, then one StringStringEntryProto {key = 1, value = 2} per entry is appended.
   */
  public static byte[] withMetadataProps(byte[] model, Map<String, String> props) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int position = 0;
    while (position < model.length) {
      int start = position;
      long[] tag = varint(model, position);
      position = (int) tag[1];
      int wireType = (int) (tag[0] & 7);
      switch (wireType) {
        case 0 -> position = (int) varint(model, position)[1];
        case 1 -> position += 8;
        case 5 -> position += 4;
        case 2 -> {
          long[] length = varint(model, position);
          position = (int) (length[1] + length[0]);
        }
        default -> throw new IllegalArgumentException("wire type " + wireType);
      }
      if ((tag[0] >>> 3) != METADATA_PROPS) {
        out.write(model, start, position - start);
      }
    }
    props.forEach((key, value) -> {
      ByteArrayOutputStream entry = new ByteArrayOutputStream();
      field(entry, 1, key.getBytes(StandardCharsets.UTF_8));
      field(entry, 2, value.getBytes(StandardCharsets.UTF_8));
      field(out, METADATA_PROPS, entry.toByteArray());
    });
    return out.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, int number, byte[] bytes) {
    writeVarint(out, ((long) number << 3) | 2);
    writeVarint(out, bytes.length);
    out.write(bytes, 0, bytes.length);
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7fL) != 0) {
      out.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  /** {value, next position} of the varint at {@code position}. */
  private static long[] varint(byte[] bytes, int position) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = bytes[position++];
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return new long[] {value, position};
      }
    }
  }
}
