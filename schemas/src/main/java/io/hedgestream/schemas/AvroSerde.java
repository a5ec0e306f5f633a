package io.hedgestream.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for one generated Avro record type in Avro's single-object encoding.
 *
 * <p>Each value starts with the 2-byte marker and the 64-bit fingerprint of its writer schema, so no schema
 * registry is needed. The reader knows the current schema and every released version of the same record
 * (see {@link ReleasedSchemas}); bytes written with any of them decode into the current class. Bytes with an
 * unknown fingerprint fail closed with a {@link SerializationException} that the caller turns into a
 * dead letter.
 *
 * @param <T> the generated record class
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  /** Generated records live here; Avro 1.12 only instantiates classes from packages it is told to trust. */
  private static final String RECORD_PACKAGE = "io.hedgestream.avro.";

  static {
    ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
        previous, type -> type.getName().startsWith(RECORD_PACKAGE)));
  }

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private AvroSerde(Class<T> type) {
    this.type = type;
    Schema schema = SpecificData.get().getSchema(type);
    SpecificData model = new SpecificData(type.getClassLoader());
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    SchemaStore.Cache released = new SchemaStore.Cache();
    ReleasedSchemas.versionsOf(schema.getFullName()).forEach(released::addSchema);
    this.decoder = new BinaryMessageDecoder<>(model, schema, released);
  }

  /** A serde for {@code type}, which must be a class generated from {@code schemas/src/main/avro}. */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    return new AvroSerde<>(Objects.requireNonNull(type, "type"));
  }

  /** The record class this serde reads and writes. */
  public Class<T> type() {
    return type;
  }

  /** Encodes a record; a record that violates its schema (e.g. a null required field) is an error. */
  public byte[] encode(T record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** Decodes bytes written by the current or any released schema of this record. */
  public T decode(byte[] bytes) {
    if (bytes == null) {
      throw new SerializationException("null value for " + type.getSimpleName());
    }
    try {
      return decoder.decode(bytes);
    } catch (org.apache.avro.message.MissingSchemaException e) {
      throw new UnknownSchemaException(type.getSimpleName(), e);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, data) -> data == null ? null : encode(data);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, data) -> data == null ? null : decode(data);
  }

  /** Thrown when the bytes carry a schema fingerprint this reader does not know. */
  public static final class UnknownSchemaException extends SerializationException {
    private static final long serialVersionUID = 1L;

    UnknownSchemaException(String typeName, Throwable cause) {
      super("unknown schema fingerprint for " + typeName + ": " + cause.getMessage(), cause);
    }
  }
}
