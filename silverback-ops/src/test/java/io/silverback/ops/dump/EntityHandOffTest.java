package io.silverback.ops.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link EntityHandOff}: the declarative export read on one thread and written on another. */
@Timeout(30)
class EntityHandOffTest {
  private static final EntitySchema CONSUMERS = EntityRegistry.withoutPlugins().get("consumers").orElseThrow();
  private static final int MANY = EntityHandOff.BATCH * (EntityHandOff.WAITING + 3) + 7;

  @Test
  void writesEveryEntityInTheOrderReadOnAThreadOfItsOwn() {
    List<String> written = new ArrayList<>();
    List<String> threads = new ArrayList<>();

    try (EntityHandOff<ObjectNode> handOff = EntityHandOff.start((schema, fields) -> {
      written.add(fields.get("username").asText());
      threads.add(Thread.currentThread().getName());
    }, "test-writer")) {
      for (int i = 0; i < MANY; i++) {
        handOff.accept(CONSUMERS, consumer(i));
      }
      handOff.finish();
    }

    assertThat(written).hasSize(MANY).startsWith("c0", "c1").endsWith("c" + (MANY - 1));
    for (int i = 0; i < MANY; i++) {
      assertThat(written.get(i)).isEqualTo("c" + i);
    }
    assertThat(threads).containsOnly("test-writer");
  }

  @Test
  void aWriterThatFailsStopsTheReaderWithItsFailureInsteadOfBlockingIt() {
    AtomicInteger calls = new AtomicInteger();
    UncheckedIOException full = new UncheckedIOException("disk full", new IOException("No space left on device"));
    int accepted = 0;

    try (EntityHandOff<ObjectNode> handOff = EntityHandOff.start((schema, fields) -> {
      calls.incrementAndGet();
      throw full;
    }, "test-writer")) {
      assertThatThrownBy(() -> {
        for (int i = 0; i < 100 * MANY; i++) {
          handOff.accept(CONSUMERS, consumer(i));
        }
      }).isSameAs(full);
      assertThatThrownBy(handOff::finish).isSameAs(full);
    }

    assertThat(calls).hasValue(1);
  }

  @Test
  void aReaderThatFailsStillEndsTheWriter() throws InterruptedException {
    List<Thread> writers = new ArrayList<>();
    List<String> written = new ArrayList<>();

    try (EntityHandOff<ObjectNode> handOff = EntityHandOff.start((schema, fields) -> {
      if (writers.isEmpty()) {
        writers.add(Thread.currentThread());
      }
      written.add(fields.get("username").asText());
    }, "test-writer")) {
      for (int i = 0; i < 3 * EntityHandOff.BATCH; i++) {
        handOff.accept(CONSUMERS, consumer(i));
      }
      // the reader fails here: no finish(), only close()
    }

    assertThat(writers).hasSize(1);
    writers.get(0).join(5_000);
    assertThat(writers.get(0).isAlive()).isFalse();
    assertThat(written).hasSize(3 * EntityHandOff.BATCH);
  }

  private static ObjectNode consumer(int i) {
    return Json.MAPPER.createObjectNode().put("id", "id-" + i).put("username", "c" + i);
  }
}
