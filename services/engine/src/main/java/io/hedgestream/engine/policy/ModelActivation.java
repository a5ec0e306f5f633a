package io.hedgestream.engine.policy;

import io.hedgestream.avro.PolicyControl;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an operator's ACTIVATE_MODEL command asks for: a model path and the sha256 the file must have, with
 * an optional expected version. A built-in policy ({@code delta}, {@code none}) is named by its path and
 * needs no checksum, so an operator can roll back to the analytic hedge with the same command.
 *
 * @param version expected version (the model's {@code hedgestream.version} or the engine's
 *     {@code version#sha12}); empty when the command does not pin one
 * @param path model directory or ONNX file, as the engine host sees it, or a built-in name
 * @param sha256 lower-case hex sha256 of the ONNX file; empty for a built-in policy
 */
public record ModelActivation(String version, String path, String sha256) {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** Normalises nulls to empty strings and the checksum to lower case. */
  public ModelActivation {
    version = version == null ? "" : version.strip();
    path = path == null ? "" : path.strip();
    sha256 = sha256 == null ? "" : sha256.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * The activation a command asks for.
   *
   * @param command an ACTIVATE_MODEL command
   * @return its activation (not yet checked: see {@link #problem()})
   */
  public static ModelActivation of(PolicyControl command) {
    return new ModelActivation(command.getPolicyVersion(), command.getModelPath(), command.getSha256());
  }

  /** Whether this names a built-in analytic policy rather than a model file. */
  public boolean builtIn() {
    return HedgePolicies.isBuiltIn(path);
  }

  /**
   * What is wrong with the command's arguments, before any file is read.
   *
   * @return the problem, or null when the arguments are usable
   */
  public String problem() {
    if (path.isEmpty()) {
      return "ACTIVATE_MODEL without modelPath (a model directory, an .onnx file, or one of "
          + HedgePolicies.NAMES + ")";
    }
    if (!builtIn() && !SHA256.matcher(sha256).matches()) {
      return "ACTIVATE_MODEL of " + path + " needs the file's sha256 as 64 hex digits, got '" + sha256 + "'";
    }
    return null;
  }
}
