package io.hedgestream.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.UnaryOperator;
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
   * Replaces every reference in {@code props} (in place).
   *
   * @param env the environment lookup (System::getenv)
   * @throws IllegalArgumentException when a variable is unset or a file unreadable
   */
  static void resolve(Properties props, UnaryOperator<String> env) {
    for (String name : props.stringPropertyNames()) {
      String value = props.getProperty(name);
      if (value.contains("${")) {
        props.setProperty(name, substitute(name, value, env));
      }
    }
  }

  private static String substitute(String name, String value, UnaryOperator<String> env) {
    Matcher matcher = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String kind = matcher.group(1);
      String target = matcher.group(2);
      String secret = kind.equals("env") ? fromEnv(name, target, env) : fromFile(name, target);
      matcher.appendReplacement(out, Matcher.quoteReplacement(secret));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String fromEnv(String name, String variable, UnaryOperator<String> env) {
    String secret = env.apply(variable);
    if (secret == null) {
      throw new IllegalArgumentException(name + " refers to ${env:" + variable + "}, which is not set");
    }
    return secret;
  }

  private static String fromFile(String name, String file) {
    Path path = Path.of(file);
    try {
      String secret = Files.readString(path, StandardCharsets.UTF_8);
      return secret.endsWith("\n") ? secret.substring(0, secret.length() - (secret.endsWith("\r\n") ? 2 : 1)) : secret;
    } catch (IOException e) {
      throw new IllegalArgumentException(name + " refers to ${file:" + file + "}, which cannot be read ("
          + e.getClass().getSimpleName() + ")");
    }
  }
}
