package io.hedgestream.schemas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Every released version of every record schema, read from the {@code schemas/released} tree packaged
 * in this jar. Readers accept bytes written by any released version; the compatibility test checks that
 * the current schemas can read all of them.
 */
public final class ReleasedSchemas {

  private static final String ROOT = "released/";
  private static final Map<String, Map<String, Schema>> BY_VERSION = load();

  private ReleasedSchemas() {}

  /** Released versions, oldest first, each mapping full record name to its schema. */
  public static Map<String, Map<String, Schema>> all() {
    return BY_VERSION;
  }

  /** Every released schema of the named record (e.g. {@code io.hedgestream.avro.MarketTick}), oldest first. */
  public static List<Schema> versionsOf(String fullName) {
    List<Schema> out = new ArrayList<>();
    for (Map<String, Schema> version : BY_VERSION.values()) {
      Schema schema = version.get(fullName);
      if (schema != null) {
        out.add(schema);
      }
    }
    return out;
  }

  private static Map<String, Map<String, Schema>> load() {
    Map<String, Map<String, Schema>> versions = new LinkedHashMap<>();
    for (String line : readLines(ROOT + "index.txt")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      List<String> parts = Arrays.asList(trimmed.split("\\s+"));
      String version = parts.get(0);
      Schema.Parser parser = new Schema.Parser();
      Map<String, Schema> records = new LinkedHashMap<>();
      for (String file : parts.subList(1, parts.size())) {
        Schema schema = parser.parse(String.join("\n", readLines(ROOT + version + "/" + file)));
        if (schema.getType() == Schema.Type.RECORD) {
          records.put(schema.getFullName(), schema);
        }
      }
      versions.put(version, Map.copyOf(records));
    }
    return java.util.Collections.unmodifiableMap(versions);
  }

  private static List<String> readLines(String resource) {
    try (InputStream in = ReleasedSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing released-schema resource " + resource);
      }
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        return reader.lines().toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
