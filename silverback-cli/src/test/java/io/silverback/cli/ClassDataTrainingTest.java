package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ClassDataTraining}: the training run of the launcher's class-data sharing archive. */
class ClassDataTrainingTest {
  @Test
  void theTrainingRunHandsEveryDirectiveOfItsListToTheArchiveDump(@TempDir Path dir) throws Exception {
    Path directives = dir.resolve("directives");

    ClassDataTraining.Result result = ClassDataTraining.load(directives);

    List<String> lines = Files.readAllLines(directives);
    assertThat(lines).hasSize(result.directives());
    assertThat(lines).allMatch(l -> l.startsWith("@lambda-proxy ") || l.startsWith("@lambda-form-invoker "));
    assertThat(lines).anyMatch(l -> l.startsWith("@lambda-proxy io/silverback/ops/"))
        .anyMatch(l -> l.startsWith("@lambda-form-invoker "));
  }

  @Test
  void theListStillNamesTheClassesTheCommandsLoad() {
    ClassDataTraining.Result result = ClassDataTraining.load(null);

    // Regenerate the list with bench/cds-classes.sh when this fails: the archive misses what it lacks.
    assertThat(result.listed()).isGreaterThan(2_000);
    assertThat(result.loaded()).isGreaterThanOrEqualTo(result.listed() * 95 / 100);
  }
}
