package io.silverback.core.typedef;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SocketUrlTest {
  @Test
  void splitsAFullUrlIntoLuaSocketsParts() {
    SocketUrl u = SocketUrl.parse("https://user:pw@example.com:8443/a/b;p=1?q=2#frag");
    assertThat(u.scheme()).contains("https");
    assertThat(u.userinfo()).contains("user:pw");
    assertThat(u.host()).contains("example.com");
    assertThat(u.port()).contains("8443");
    assertThat(u.portNumber()).contains(8443);
    assertThat(u.path()).contains("/a/b");
  }

  @Test
  void takesTheUserInfoUpToTheFirstAt() {
    assertThat(SocketUrl.parse("http://a@b@host/").userinfo()).contains("a");
    assertThat(SocketUrl.parse("http://@host/").userinfo()).contains("");
  }

  @Test
  void stripsTheBracketsOfIpv6LiteralsAndKeepsTheirColons() {
    SocketUrl u = SocketUrl.parse("http://[::1]:8080");
    assertThat(u.host()).contains("::1");
    assertThat(u.port()).contains("8080");
    assertThat(u.path()).isEmpty();
  }

  @Test
  void readsTextWithoutSchemeAsARelativePath() {
    SocketUrl u = SocketUrl.parse("invalid url");
    assertThat(u.scheme()).isEmpty();
    assertThat(u.host()).isEmpty();
    assertThat(u.path()).contains("invalid url");
  }

  @Test
  void keepsANonNumericPortAsWrittenButNotAsANumber() {
    SocketUrl u = SocketUrl.parse("http://host:abc/");
    assertThat(u.port()).contains("abc");
    assertThat(u.portNumber()).isEqualTo(Optional.empty());
  }
}
