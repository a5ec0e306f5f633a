package io.hedgestream.schemas;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/** Seeded random generic values of any schema, for compatibility tests. */
final class RandomRecords {

  private RandomRecords() {}

  static Object of(Schema schema, Random random) {
    return switch (schema.getType()) {
      case RECORD -> {
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
          record.put(field.pos(), of(field.schema(), random));
        }
        yield record;
      }
      case ENUM -> new GenericData.EnumSymbol(schema,
          schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())));
      case UNION -> of(schema.getTypes().get(random.nextInt(schema.getTypes().size())), random);
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          items.add(of(schema.getElementType(), random));
        }
        yield new GenericData.Array<>(schema, items);
      }
      case MAP -> {
        Map<String, Object> map = new HashMap<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          map.put("k" + random.nextInt(100), of(schema.getValueType(), random));
        }
        yield map;
      }
      case STRING -> "s" + random.nextInt(1_000_000);
      case BYTES -> ByteBuffer.wrap(new byte[] {(byte) random.nextInt(), (byte) random.nextInt()});
      case INT -> random.nextInt();
      case LONG -> random.nextLong() / 1024;
      case FLOAT -> random.nextFloat();
      case DOUBLE -> random.nextGaussian() * 100;
      case BOOLEAN -> random.nextBoolean();
      case NULL -> null;
      case FIXED -> new GenericData.Fixed(schema, new byte[schema.getFixedSize()]);
    };
  }
}
