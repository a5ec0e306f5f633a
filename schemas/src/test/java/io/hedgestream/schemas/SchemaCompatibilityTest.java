package io.hedgestream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every current record schema must read bytes written with every released version of the same record:
 * checked by Avro's schema-compatibility rules and by decoding seeded random records written with the
 * released schema through the production serde.
 */
class SchemaCompatibilityTest {

  static Stream<Arguments> releasedRecords() {
    List<Arguments> cases = new ArrayList<>();
    for (Map.Entry<String, Map<String, Schema>> version : ReleasedSchemas.all().entrySet()) {
      for (Schema schema : version.getValue().values()) {
        if (!schema.getFullName().equals("io.hedgestream.avro.SabrParams")) {
          cases.add(Arguments.of(version.getKey(), schema.getFullName(), schema));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{1} from {0}")
  @MethodSource("releasedRecords")
  void currentReaderShouldReadReleasedWriter(String version, String fullName, Schema released) throws Exception {
    Class<? extends SpecificRecord> type = Class.forName(fullName).asSubclass(SpecificRecord.class);
    Schema current = SpecificData.get().getSchema(type);

    SchemaCompatibility.SchemaPairCompatibility pair =
        SchemaCompatibility.checkReaderWriterCompatibility(current, released);
    assertThat(pair.getType())
        .as("%s %s: %s", fullName, version, pair.getDescription())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);

    AvroSerde<? extends SpecificRecord> serde = AvroSerde.of(type);
    Random random = new Random(fullName.hashCode());
    for (int i = 0; i < 50; i++) {
      Object old = RandomRecords.of(released, random);
      BinaryMessageEncoder<Object> encoder = new BinaryMessageEncoder<>(GenericData.get(), released);
      ByteBuffer buffer = encoder.encode(old);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      SpecificRecord decoded = serde.decode(bytes);
      assertThat(decoded.getSchema().getFullName()).isEqualTo(fullName);
      assertThat(plainBinary(current, decoded)).isNotEmpty();
    }
  }

  @ParameterizedTest(name = "{1} from {0} is the latest released shape or a superset")
  @MethodSource("releasedRecords")
  void releasedFieldsShouldStillExist(String version, String fullName, Schema released) throws Exception {
    Schema current = SpecificData.get().getSchema(Class.forName(fullName));
    for (Schema.Field field : released.getFields()) {
      boolean present = current.getField(field.name()) != null
          || current.getFields().stream().anyMatch(f -> f.aliases().contains(field.name()));
      assertThat(present).as("%s.%s removed without alias", fullName, field.name()).isTrue();
    }
  }

  private static byte[] plainBinary(Schema schema, Object record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<Object>(schema, SpecificData.get()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
