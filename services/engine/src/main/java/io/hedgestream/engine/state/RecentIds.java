package io.hedgestream.engine.state;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The last {@code capacity} ids seen, oldest evicted first: how a book recognises a replayed client order
 * or fill without keeping every id forever.
 */
public final class RecentIds {

  private final int capacity;
  private final ArrayDeque<String> order = new ArrayDeque<>();
  private final Set<String> members = new HashSet<>();

  /** Creates an empty set that keeps at most {@code capacity} ids. */
  public RecentIds(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1");
    }
    this.capacity = capacity;
  }

  /** True if {@code id} is among the remembered ids. */
  public boolean contains(String id) {
    return members.contains(id);
  }

  /** Remembers {@code id}, forgetting the oldest id when full; an id already present is kept where it is. */
  public void add(String id) {
    if (!members.add(id)) {
      return;
    }
    order.addLast(id);
    if (order.size() > capacity) {
      members.remove(order.removeFirst());
    }
  }

  /** The ids, oldest first. */
  public List<String> ids() {
    return List.copyOf(order);
  }

  void writeTo(StateWriter out) {
    out.writeInt(order.size());
    for (String id : order) {
      out.writeString(id);
    }
  }

  void readFrom(StateReader in) {
    for (int i = in.readCount(); i > 0; i--) {
      add(in.readString());
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RecentIds that && ids().equals(that.ids());
  }

  @Override
  public int hashCode() {
    return ids().hashCode();
  }
}
