package io.silverback.core.typedef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CompiledRegexTest {

  @Test
  void copiesGroupMapAndKeepsItsOrder() {
    Map<String, Integer> groups = new LinkedHashMap<>();
    groups.put("z_last", 1);
    groups.put("a_first", 2);
    CompiledRegex regex = new CompiledRegex("(?<z_last>x)(?<a_first>y)",
        Pattern.compile("(x)(y)"), groups);
    groups.clear();
    assertThat(regex.groupNames()).containsExactly("z_last", "a_first");
    assertThatThrownBy(() -> regex.namedGroups().put("b", 3))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void returnsEmptyForGroupThatDidNotParticipate() {
    CompiledRegex regex = Regexes.compile("/(?<a>a)?(?<b>b)").orElseThrow();
    Matcher matcher = regex.pattern().matcher("/b");
    assertThat(matcher.lookingAt()).isTrue();
    assertThat(regex.group(matcher, "a")).isEmpty();
    assertThat(regex.group(matcher, "b")).contains("b");
    assertThat(regex.group(matcher, "missing")).isEmpty();
  }
}
