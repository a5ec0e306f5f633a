package io.hedgestream.engine.policy;

import java.util.List;

/**
 * Which exported model made a batch of decisions, precisely enough to run it again: the file, its content
 * hash, and the names of its inputs and outputs.
 *
 * @param sha256 hex SHA-256 of the ONNX file
 * @param path the ONNX file as it was loaded
 * @param featureNames the model's input features, in vector order
 * @param instruments the instruments the model's outputs are holdings of, in output order
 */
public record ModelIdentity(String sha256, String path, List<String> featureNames, List<String> instruments) {

  /** Copies the lists. */
  public ModelIdentity {
    featureNames = List.copyOf(featureNames);
    instruments = List.copyOf(instruments);
  }
}
