package io.hedgestream.schemas;

import java.io.ByteArrayInputStream;
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
 * <p>Decoding is bounded, because a few hostile bytes must not exhaust the heap: a value longer than
 * {@link AvroLimits#MAX_RECORD_BYTES} is refused before decoding; Avro's own limits on string, bytes and
 * collection lengths ({@link AvroLimits}) stop a length prefix from asking for gigabytes; and bytes left over
 * after a complete record are an error ({@link TrailingBytesException}), not silently ignored.
 *
 * @param <T> the generated record class
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  /** Generated records live here; Avro 1.12 only instantiates classes from packages it is told to trust. */
  private static final String RECORD_PACKAGE = "io.hedgestream.avro.";

  static {
    AvroLimits.apply();
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

  /**
   * Decodes bytes written by the current or any released schema of this record: exactly one record, no
   * more than {@link AvroLimits#MAX_RECORD_BYTES} long.
   *
   * @throws UnknownSchemaException for a fingerprint this reader does not know
   * @throws TrailingBytesException when bytes are left over after the record
   * @throws SerializationException for anything else that is not one valid record
   */
  public T decode(byte[] bytes) {
    if (bytes == null) {
      throw new SerializationException("null value for " + type.getSimpleName());
    }
    if (bytes.length > AvroLimits.MAX_RECORD_BYTES) {
      throw new SerializationException(type.getSimpleName() + " of " + bytes.length + " bytes exceeds the "
          + AvroLimits.MAX_RECORD_BYTES + "-byte record limit");
    }
    // A stream, not the byte[] overload: Avro then reads it with a direct (non-buffering) decoder, so what
    // the stream still has after the record is exactly the trailing garbage.
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    T value;
    try {
      value = decoder.decode(in, null);
    } catch (org.apache.avro.message.MissingSchemaException e) {
      throw new UnknownSchemaException(type.getSimpleName(), e);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
    if (in.available() > 0) {
      throw new TrailingBytesException(type.getSimpleName(), in.available(), bytes.length);
    }
    return value;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, data) -> data == null ? null : encode(data);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, data) -> data == null ? null : decode(data);
  }

  /** Thrown when a complete record is followed by more bytes. */
  public static final class TrailingBytesException extends SerializationException {
    private static final long serialVersionUID = 1L;

    TrailingBytesException(String typeName, int trailing, int total) {
      super(trailing + " trailing bytes after a complete " + typeName + " (" + total + " bytes in all)");
    }
  }

  /** Thrown when the bytes carry a schema fingerprint this reader does not know. */
  public static final class UnknownSchemaException extends SerializationException {
    private static final long serialVersionUID = 1L;

    UnknownSchemaException(String typeName, Throwable cause) {
      super("unknown schema fingerprint for " + typeName + ": " + cause.getMessage(), cause);
    }
  }
}
