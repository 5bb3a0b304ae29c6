package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void aQuietRunPrintsNothingUnlessTimingIsAskedForThenEveryStepWithItsTimeSinceTheJvmStarted() {
    StringWriter quiet = new StringWriter();
    new Progress(new PrintWriter(quiet), true).step("Loading");
    assertThat(quiet.toString()).isEmpty();

    StringWriter timed = new StringWriter();
    System.setProperty(Progress.TIMING, "true");
    try {
      Progress progress = new Progress(new PrintWriter(timed), true);
      progress.step("Loading");
      progress.step("Swapping");
    } finally {
      System.clearProperty(Progress.TIMING);
    }
    assertThat(timed.toString()).matches("\\[[0-9]+ ms\\] Loading\n\\[[0-9]+ ms\\] Swapping\n");
  }
}
