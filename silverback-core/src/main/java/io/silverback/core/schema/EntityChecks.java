package io.silverback.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Factories for Kong's entity checkers ({@code Schema.entity_checkers} in kong/db/schema/init.lua),
 * each with Kong's run conditions and message.
 */
public final class EntityChecks {
  private EntityChecks() {}

  /** At least one of the fields is non-empty. */
  public static EntityCheck atLeastOneOf(String... fields) {
    List<String> names = List.of(fields);
    return new EntityCheck(names, Set.copyOf(names), true, true) {
      @Override
      protected Optional<String> evaluate(Context ctx) {
        for (String f : names) {
          if (Json.isNonEmpty(Json.path(ctx.input(), f))) {
            return Optional.empty();
          }
        }
        return Optional.of(String.format(Messages.AT_LEAST_ONE_OF, Messages.quotedList(names)));
      }
    };
  }

  /** Exactly one of the fields is non-empty (Kong's {@code only_one_of}). */
  public static EntityCheck onlyOneOf(String... fields) {
    List<String> names = List.of(fields);
    return new EntityCheck(names, Set.copyOf(names), false, true) {
      @Override
      protected Optional<String> evaluate(Context ctx) {
        long n = names.stream().filter(f -> Json.isNonEmpty(Json.path(ctx.input(), f))).count();
        return n == 1
            ? Optional.empty()
            : Optional.of(String.format(Messages.ONLY_ONE_OF, Messages.quotedList(names)));
      }
    };
  }

  /** The non-empty values of the fields are all different. */
  public static EntityCheck distinct(String... fields) {
    List<String> names = List.of(fields);
    return new EntityCheck(names, Set.copyOf(names), false, true) {
      @Override
      protected Optional<String> evaluate(Context ctx) {
        Set<JsonNode> seen = new HashSet<>();
        for (String f : names) {
          JsonNode v = Json.path(ctx.input(), f);
          if (Json.isNonEmpty(v) && !seen.add(v)) {
            return Optional.of(String.format(Messages.DISTINCT, Messages.quotedList(names)));
          }
        }
        return Optional.empty();
      }
    };
  }

  /** All of the fields are set, or none (Kong's {@code mutually_required}). */
  public static EntityCheck mutuallyRequired(String... fields) {
    return countCheck(List.of(fields), Messages.MUTUALLY_REQUIRED, (n, total) -> n == 0 || n == total);
  }

  /** At most one of the fields is set (Kong's {@code mutually_exclusive}). */
  public static EntityCheck mutuallyExclusive(String... fields) {
    return countCheck(List.of(fields), Messages.MUTUALLY_EXCLUSIVE, (n, total) -> n <= 1);
  }

  private interface CountRule {
    boolean ok(long nonEmpty, int total);
  }

  private static EntityCheck countCheck(List<String> names, String message, CountRule rule) {
    return new EntityCheck(names, Set.copyOf(names), true, false) {
      @Override
      protected Optional<String> evaluate(Context ctx) {
        long n = names.stream().filter(f -> Json.isNonEmpty(Json.path(ctx.input(), f))).count();
        return rule.ok(n, names.size())
            ? Optional.empty()
            : Optional.of(String.format(message, Messages.quotedList(names)));
      }
    };
  }

  /** No field of {@code set1} is set together with a field of {@code set2}. */
  public static EntityCheck mutuallyExclusiveSets(List<String> set1, List<String> set2) {
    List<String> all = new ArrayList<>(set1);
    all.addAll(set2);
    return new EntityCheck(all, Set.copyOf(all), true, false) {
      @Override
      protected Optional<String> evaluate(Context ctx) {
        List<String> a = set1.stream().filter(f -> Json.isNonEmpty(Json.path(ctx.input(), f))).toList();
        List<String> b = set2.stream().filter(f -> Json.isNonEmpty(Json.path(ctx.input(), f))).toList();
        if (a.isEmpty() || b.isEmpty()) {
          return Optional.empty();
        }
        String list = "(" + Messages.quotedList(a) + "), (" + Messages.quotedList(b) + ")";
        return Optional.of(String.format(Messages.MUTUALLY_EXCLUSIVE_SETS, list));
      }
    };
  }

  /** A rule written as code over the named fields (Kong's {@code custom_entity_check}). */
  public static EntityCheck custom(List<String> fields, Function<ObjectNode, Optional<String>> fn) {
    return new EntityCheck.Custom(fields, false, fn);
  }

  /** A custom rule that also runs when its fields are absent. */
  public static EntityCheck customWithMissingFields(List<String> fields, Function<ObjectNode, Optional<String>> fn) {
    return new EntityCheck.Custom(fields, true, fn);
  }

  /**
   * Starts a {@code conditional} check: when {@code ifField} passes {@code ifMatch} (a refinement
   * of its own definition), {@code thenField} must pass {@code thenMatch}.
   */
  public static Conditional.Builder conditional(String ifField, UnaryOperator<Field.Builder> ifMatch) {
    return new Conditional.Builder(ifField, ifMatch);
  }

  /**
   * Kong's {@code conditional_at_least_one_of}: when {@code ifField} passes {@code ifMatch}, one of
   * {@code then} must be non-empty; otherwise, when it passes {@code elseMatch}, one of {@code
   * elseThen} must be.
   */
  public static EntityCheck conditionalAtLeastOneOf(
      String ifField,
      UnaryOperator<Field.Builder> ifMatch,
      List<String> then,
      String thenErr,
      UnaryOperator<Field.Builder> elseMatch,
      List<String> elseThen,
      String elseThenErr) {
    List<String> all = new ArrayList<>(List.of(ifField));
    all.addAll(then);
    if (elseThen != null) {
      all.addAll(elseThen);
    }
    Refinements refine = new Refinements();
    return new EntityCheck(all, Set.of(ifField), true, true) {
      @Override
      protected Optional<String> evaluate(Context ctx) {
        JsonNode ifValue = Json.path(ctx.input(), ifField);
        if (ifValue == null) {
          return Optional.empty();
        }
        Field base = ctx.field(ifField).orElseThrow();
        if (ctx.matches(refine.apply(base, ifMatch), ifValue)) {
          return atLeastOne(ctx, then, thenErr);
        }
        if (elseMatch == null || !ctx.matches(refine.apply(base, elseMatch), ifValue)) {
          return Optional.empty();
        }
        return atLeastOne(ctx, elseThen, elseThenErr);
      }
    };
  }

  private static Optional<String> atLeastOne(EntityCheck.Context ctx, List<String> names, String err) {
    for (String f : names) {
      if (Json.isNonEmpty(Json.path(ctx.input(), f))) {
        return Optional.empty();
      }
    }
    String list = Messages.quotedList(names);
    return Optional.of(err != null ? String.format(err, list) : String.format(Messages.AT_LEAST_ONE_OF, list));
  }

  /** Caches the refined field definitions of conditional checks, per base field. */
  static final class Refinements {
    private final Map<Field, Map<UnaryOperator<Field.Builder>, Field>> cache = new ConcurrentHashMap<>();

    Field apply(Field base, UnaryOperator<Field.Builder> refinement) {
      return cache
          .computeIfAbsent(base, b -> new ConcurrentHashMap<>())
          .computeIfAbsent(refinement, r -> r.apply(base.toBuilder()).build());
    }
  }

  /** Kong's {@code conditional} checker. */
  public static final class Conditional extends EntityCheck {
    private final String ifField;
    private final UnaryOperator<Field.Builder> ifMatch;
    private final String thenField;
    private final UnaryOperator<Field.Builder> thenMatch;
    private final boolean thenRequired;
    private final String thenErr;
    private final Refinements refine = new Refinements();

    private Conditional(Builder b) {
      super(List.of(b.ifField, b.thenField), Set.of(b.ifField), false, true);
      this.ifField = b.ifField;
      this.ifMatch = b.ifMatch;
      this.thenField = b.thenField;
      this.thenMatch = b.thenMatch;
      this.thenRequired = b.thenRequired;
      this.thenErr = b.thenErr;
    }

    @Override
    protected Optional<String> evaluate(Context ctx) {
      JsonNode ifValue = Json.path(ctx.input(), ifField);
      JsonNode thenValue = Json.path(ctx.input(), thenField);
      if (thenValue == null) {
        thenValue = NullNode.getInstance();
      }
      Field ifBase = ctx.field(ifField).orElseThrow();
      if (!ctx.matches(refine.apply(ifBase, ifMatch), ifValue)) {
        return Optional.empty();
      }
      if (thenRequired && thenValue.isNull()) {
        ctx.errors().putPath(thenField, Messages.REQUIRED);
        return Optional.of(String.format(Messages.CONDITIONAL, ifField));
      }
      // Kong's then_match inherits the field's own validators, so an invalid value fails it too
      Field thenBase = ctx.field(thenField).orElseThrow();
      Optional<String> err = ctx.validate(thenMatch == null ? thenBase : refine.apply(thenBase, thenMatch), thenValue);
      if (err.isEmpty()) {
        return Optional.empty();
      }
      ctx.errors().putPath(thenField, err.get());
      return Optional.of(thenErr != null ? String.format(thenErr, ifField) : String.format(Messages.CONDITIONAL, ifField));
    }

    /** Builds a {@link Conditional}. */
    public static final class Builder {
      private final String ifField;
      private final UnaryOperator<Field.Builder> ifMatch;
      private String thenField;
      private UnaryOperator<Field.Builder> thenMatch;
      private boolean thenRequired;
      private String thenErr;

      private Builder(String ifField, UnaryOperator<Field.Builder> ifMatch) {
        this.ifField = ifField;
        this.ifMatch = ifMatch;
      }

      /** The field that must then pass {@code match} (a refinement of its definition). */
      public Builder then(String field, UnaryOperator<Field.Builder> match) {
        this.thenField = field;
        this.thenMatch = match;
        return this;
      }

      /** The field that must then be present. */
      public Builder thenRequired(String field) {
        this.thenField = field;
        this.thenRequired = true;
        return this;
      }

      /** The field that must then be present and pass {@code match}. */
      public Builder thenRequired(String field, UnaryOperator<Field.Builder> match) {
        thenRequired(field);
        this.thenMatch = match;
        return this;
      }

      /** Replaces Kong's generic message; {@code %s} is the if-field's name. */
      public Builder thenErr(String message) {
        this.thenErr = message;
        return this;
      }

      public EntityCheck build() {
        if (thenField == null) {
          throw new SchemaDefinitionException("conditional on '%s' has no then-field", ifField);
        }
        return new Conditional(this);
      }
    }
  }
}
