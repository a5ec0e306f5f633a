package io.hedgestream.engine.journal;

import io.hedgestream.engine.policy.onnx.ModelFiles;
import io.hedgestream.engine.policy.onnx.ModelRejectedException;
import io.hedgestream.engine.policy.onnx.OnnxPolicy;
import io.hedgestream.engine.policy.onnx.PolicyDevice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The models a journal's decisions were made with, found by content: the recorded path when the file there
 * still has the recorded sha256, else any {@code .onnx} file with that sha256 under a models folder. Each
 * model is loaded once (on the CPU) and closed with this object.
 */
final class JournalModels implements AutoCloseable {

  private final Path modelsDir;
  private final Map<String, OnnxPolicy> bySha = new HashMap<>();
  private Map<String, Path> catalogue;

  /**
   * Models looked up by recorded path, then under {@code modelsDir}.
   *
   * @param modelsDir a folder searched (three levels deep) for moved or copied models, or null
   */
  JournalModels(Path modelsDir) {
    this.modelsDir = modelsDir;
  }

  /**
   * The model with a sha256.
   *
   * @param sha256 hex sha256 of the ONNX file
   * @param recordedPath where the engine loaded it from
   * @return the loaded model, or null when no file with that content can be found
   */
  OnnxPolicy model(String sha256, String recordedPath) {
    OnnxPolicy loaded = bySha.get(sha256);
    if (loaded != null) {
      return loaded;
    }
    Path file = sha256.equalsIgnoreCase(shaOf(Path.of(recordedPath))) ? Path.of(recordedPath) : catalogue().get(sha256);
    if (file == null) {
      return null;
    }
    try {
      loaded = OnnxPolicy.load(file, PolicyDevice.CPU);
    } catch (ModelRejectedException e) {
      return null;
    }
    bySha.put(sha256, loaded);
    return loaded;
  }

  private Map<String, Path> catalogue() {
    if (catalogue == null) {
      catalogue = new HashMap<>();
      if (modelsDir != null && Files.isDirectory(modelsDir)) {
        try (Stream<Path> files = Files.walk(modelsDir, 3)) {
          List<Path> onnx = files.filter(f -> f.getFileName().toString().endsWith(".onnx")).sorted().toList();
          onnx.forEach(f -> catalogue.putIfAbsent(shaOf(f), f));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list models under " + modelsDir, e);
        }
      }
    }
    return catalogue;
  }

  private static String shaOf(Path file) {
    try {
      return Files.isRegularFile(file) ? ModelFiles.sha256(Files.readAllBytes(file)) : "";
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    bySha.values().forEach(OnnxPolicy::close);
    bySha.clear();
  }
}
