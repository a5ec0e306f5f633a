package io.hedgestream.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets by reference: a setting's value may contain {@code ${env:NAME}} (an environment variable) or
 * {@code ${file:PATH}} (a file's content, one trailing newline dropped), so SASL, keystore and FIX passwords
 * live in the secret store's environment or in a file only the service user can read, never in a properties
 * file in git. Errors name the setting and the reference, never a value.
 */
final class SecretReferences {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");

  private SecretReferences() {}

  /**
   * Where references are looked up: this process's environment and file system, or (in a test that checks a
   * deployment's manifests) what a container would be given.
   */
  interface Source {

    /** The environment variables. */
    Map<String, String> environment();

    /** A file's content. */
    String read(Path file) throws IOException;

    /** This process's environment and file system. */
    static Source system() {
      return new Source() {
        @Override
        public Map<String, String> environment() {
          return System.getenv();
        }

        @Override
        public String read(Path file) throws IOException {
          return Files.readString(file, StandardCharsets.UTF_8);
        }
      };
    }
  }

  /**
   * Replaces every reference in {@code props} (in place), files read from disk.
   *
   * @param env the environment lookup
   * @throws IllegalArgumentException when a variable is unset or a file unreadable
   */
  static void resolve(Properties props, Map<String, String> env) {
    resolve(props, new Source() {
      @Override
      public Map<String, String> environment() {
        return env;
      }

      @Override
      public String read(Path file) throws IOException {
        return Source.system().read(file);
      }
    });
  }

  /**
   * Replaces every reference in {@code props} (in place).
   *
   * @param source the environment and files
   * @throws IllegalArgumentException when a variable is unset or a file unreadable
   */
  static void resolve(Properties props, Source source) {
    for (String name : props.stringPropertyNames()) {
      String value = props.getProperty(name);
      if (value.contains("${")) {
        props.setProperty(name, substitute(name, value, source));
      }
    }
  }

  private static String substitute(String name, String value, Source source) {
    Matcher matcher = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String kind = matcher.group(1);
      String target = matcher.group(2);
      String secret = kind.equals("env") ? fromEnv(name, target, source) : fromFile(name, target, source);
      matcher.appendReplacement(out, Matcher.quoteReplacement(secret));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String fromEnv(String name, String variable, Source source) {
    String secret = source.environment().get(variable);
    if (secret == null) {
      throw new IllegalArgumentException(name + " refers to ${env:" + variable + "}, which is not set");
    }
    return secret;
  }

  private static String fromFile(String name, String file, Source source) {
    Path path = Path.of(file);
    try {
      String secret = source.read(path);
      return secret.endsWith("\n") ? secret.substring(0, secret.length() - (secret.endsWith("\r\n") ? 2 : 1)) : secret;
    } catch (IOException e) {
      throw new IllegalArgumentException(name + " refers to ${file:" + file + "}, which cannot be read ("
          + e.getClass().getSimpleName() + ")");
    }
  }
}
