package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WarmUpTest {
  @Test
  void aStepThatFailsEvenWithAnErrorOfClassInitializationIsSkippedAndTheLaterStepsStillRun() {
    List<String> ran = new ArrayList<>();
    WarmUp.runAll(
        () -> ran.add("conf"),
        () -> {
          throw new ExceptionInInitializerError(new IllegalStateException("Shutdown in progress"));
        },
        () -> {
          throw new ClassNotFoundException("org.postgresql.jdbc.Gone");
        },
        () -> ran.add("digest"));
    assertThat(ran).containsExactly("conf", "digest");
  }

  @Test
  void theWarmUpThreadEndsWithoutAnUncaughtFailureWhateverItsStepsMeet() throws InterruptedException {
    AtomicReference<Throwable> uncaught = new AtomicReference<>();
    Thread t = new Thread(() -> WarmUp.runAll(() -> {
      throw new NoClassDefFoundError("com/github/luben/zstd/util/Native");
    }));
    t.setUncaughtExceptionHandler((thread, e) -> uncaught.set(e));
    t.start();
    t.join();
    assertThat(uncaught.get()).isNull();
  }

  @Test
  void aVirtualMachineErrorIsNotSwallowed() {
    assertThatThrownBy(() -> WarmUp.runAll(() -> {
      throw new OutOfMemoryError("test");
    })).isInstanceOf(OutOfMemoryError.class);
  }
}
