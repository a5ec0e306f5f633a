package io.hedgestream.engine.policy.onnx;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the operator sets a model imports ({@code ModelProto.opset_import}, field 8: repeated
 * {@code OperatorSetIdProto {domain = 1, version = 2}}) straight from the ONNX protobuf bytes. ONNX
 * Runtime's Java API does not expose them, and a full protobuf dependency is not worth one field: the
 * scan walks the top-level fields by wire type and skips everything else.
 */
public final class OnnxOpsets {

  private static final int OPSET_IMPORT = 8;

  private OnnxOpsets() {}

  /**
   * The imported operator sets.
   *
   * @param model the ONNX model bytes
   * @return version by domain; the default domain is {@code ""} ({@code ai.onnx} is reported as {@code ""})
   * @throws ModelRejectedException when the bytes are not a well-formed protobuf message
   */
  public static Map<String, Long> read(byte[] model) {
    Map<String, Long> opsets = new TreeMap<>();
    Reader reader = new Reader(model, 0, model.length);
    while (reader.more()) {
      long tag = reader.varint();
      int field = (int) (tag >>> 3);
      int wireType = (int) (tag & 7);
      if (field == OPSET_IMPORT && wireType == 2) {
        int length = reader.length();
        readOpset(new Reader(model, reader.position, reader.position + length), opsets);
        reader.skip(length);
      } else {
        reader.skipValue(wireType);
      }
    }
    return opsets;
  }

  private static void readOpset(Reader reader, Map<String, Long> opsets) {
    String domain = "";
    long version = 0;
    while (reader.more()) {
      long tag = reader.varint();
      int field = (int) (tag >>> 3);
      int wireType = (int) (tag & 7);
      if (field == 1 && wireType == 2) {
        int length = reader.length();
        domain = new String(reader.bytes, reader.position, length, StandardCharsets.UTF_8);
        reader.skip(length);
      } else if (field == 2 && wireType == 0) {
        version = reader.varint();
      } else {
        reader.skipValue(wireType);
      }
    }
    opsets.put("ai.onnx".equals(domain) ? "" : domain, version);
  }

  /** A cursor over a protobuf message in {@code bytes[position, end)}. */
  private static final class Reader {
    private final byte[] bytes;
    private final int end;
    private int position;

    Reader(byte[] bytes, int start, int end) {
      this.bytes = bytes;
      this.position = start;
      this.end = end;
    }

    boolean more() {
      return position < end;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (position >= end) {
          throw malformed("truncated varint");
        }
        byte b = bytes[position++];
        value |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw malformed("varint longer than 10 bytes");
    }

    int length() {
      long length = varint();
      if (length < 0 || length > end - position) {
        throw malformed("field length " + length + " runs past the message");
      }
      return (int) length;
    }

    void skip(int count) {
      if (count > end - position) {
        throw malformed("field runs past the message");
      }
      position += count;
    }

    void skipValue(int wireType) {
      switch (wireType) {
        case 0 -> varint();
        case 1 -> skip(8);
        case 2 -> skip(length());
        case 5 -> skip(4);
        default -> throw malformed("unsupported wire type " + wireType);
      }
    }

    private static ModelRejectedException malformed(String what) {
      return new ModelRejectedException("not an ONNX model (protobuf: " + what + ")");
    }
  }
}
