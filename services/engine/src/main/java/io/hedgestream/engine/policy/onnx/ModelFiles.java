package io.hedgestream.engine.policy.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The files of an exported model: the ONNX bytes (read once, so what is checksummed is what is loaded)
 * and, when present, {@code metadata.json} beside it, the trainer's convenience copy of the metadata plus
 * the file's {@code sha256}. The copy is checked, never trusted over the graph.
 *
 * @param onnxFile the ONNX file
 * @param bytes its content
 * @param sha256 hex SHA-256 of the content
 * @param sidecar the {@code metadata.json} entries (string values), when the file is there and describes
 *     this ONNX file
 */
public record ModelFiles(Path onnxFile, byte[] bytes, String sha256, Optional<Map<String, String>> sidecar) {

  /** File name of the model inside a model directory. */
  public static final String ONNX_FILE = "policy.onnx";
  /** File name of the metadata copy inside a model directory. */
  public static final String METADATA_FILE = "metadata.json";

  /**
   * Reads a model.
   *
   * @param path a model directory (holding {@code policy.onnx}) or an {@code .onnx} file
   * @return its files
   * @throws ModelRejectedException when the model cannot be read, or {@code metadata.json} is malformed or
   *     its {@code sha256} differs from the file's
   */
  public static ModelFiles read(Path path) {
    Path onnx = Files.isDirectory(path) ? path.resolve(ONNX_FILE) : path;
    if (!Files.isRegularFile(onnx)) {
      throw new ModelRejectedException("no ONNX model at " + onnx.toAbsolutePath()
          + " (engine.policy takes delta, none, a model directory holding " + ONNX_FILE + ", or an .onnx file)");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(onnx);
    } catch (IOException e) {
      throw new ModelRejectedException("cannot read model " + onnx + ": " + e.getMessage(), e);
    }
    String sha256 = sha256(bytes);
    Optional<Map<String, String>> sidecar = sidecar(onnx);
    sidecar.map(entries -> entries.get("sha256")).ifPresent(expected -> {
      if (!expected.equalsIgnoreCase(sha256)) {
        throw new ModelRejectedException("model " + onnx + " has sha256 " + sha256 + " but " + METADATA_FILE
            + " beside it says " + expected + ": the file was changed or the metadata belongs to another export");
      }
    });
    return new ModelFiles(onnx, bytes, sha256, sidecar);
  }

  /** Hex SHA-256 of bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static Optional<Map<String, String>> sidecar(Path onnx) {
    Path dir = onnx.toAbsolutePath().getParent();
    Path file = dir == null ? null : dir.resolve(METADATA_FILE);
    if (file == null || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new ModelRejectedException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ModelRejectedException(file + " is not a JSON object");
    }
    String describes = root.path("onnx_file").asText(ONNX_FILE);
    if (!describes.equals(onnx.getFileName().toString())) {
      return Optional.empty();
    }
    Map<String, String> entries = new LinkedHashMap<>();
    root.fields().forEachRemaining(entry -> entries.put(entry.getKey(),
        entry.getValue().isTextual() ? entry.getValue().asText() : entry.getValue().toString()));
    return Optional.of(entries);
  }
}
