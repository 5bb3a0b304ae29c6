package io.silverback.cli;

import io.silverback.store.pg.PgSettings;
import io.silverback.store.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines pointed at a test database, with a throw-away prefix. */
final class DbArgs {
  private DbArgs() {}

  static String[] with(TestDatabase db, Path prefix, String... command) {
    PgSettings s = db.settings();
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of("--pg-host", s.host(), "--pg-port", String.valueOf(s.port()), "--pg-user", s.user(),
        "--pg-database", s.database(), "-p", prefix.toString()));
    return args.toArray(new String[0]);
  }
}
