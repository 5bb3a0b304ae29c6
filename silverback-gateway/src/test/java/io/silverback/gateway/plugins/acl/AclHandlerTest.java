package io.silverback.gateway.plugins.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.config.Config;
import io.silverback.gateway.plugin.testing.Snapshots;
import io.silverback.gateway.plugin.testing.TestExchange;
import io.silverback.gateway.plugins.keyauth.KeyAuthHandler;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class AclHandlerTest {
  private static final Config CONFIG = Snapshots.of("""
      consumers:
      - username: admin
        keyauth_credentials: [{key: admin-key}]
        acls: [{group: admins}, {group: staff}]
      - username: guest
        keyauth_credentials: [{key: guest-key}]
        acls: [{group: guests}]
      - username: loner
        keyauth_credentials: [{key: loner-key}]
      - username: anon
      services:
      - name: s
        url: http://upstream.test
        routes:
        - name: allow
          paths: [/allow]
          plugins:
          - name: key-auth
            config: {anonymous: anon}
          - name: acl
            config: {allow: [admins]}
        - name: deny
          paths: [/deny]
          plugins:
          - name: key-auth
          - name: acl
            config: {deny: [guests]}
        - name: hidden
          paths: [/hidden]
          plugins:
          - name: key-auth
          - name: acl
            config: {allow: [staff], hide_groups_header: true}
        - name: aclonly
          paths: [/aclonly]
          plugins:
          - name: acl
            config: {allow: [admins]}
      """);

  private final KeyAuthHandler keyAuth = new KeyAuthHandler(Clock.systemUTC());
  private final AclHandler acl = new AclHandler();
  private final TestExchange.Views views = new TestExchange.Views();

  private TestExchange run(String route, String key) {
    TestExchange ex = TestExchange.on(CONFIG, views, route, "GET", "/");
    if (key != null) {
      ex.header("apikey", key);
    }
    Snapshots.access(ex, keyAuth, acl);
    return ex;
  }

  @Test
  void aConsumerInAnAllowedGroupPassesWithItsGroupsUpstream() {
    TestExchange ex = run("allow", "admin-key");

    assertThat(ex.exited()).isFalse();
    assertThat(ex.upstreamHeaders().get("X-Consumer-Groups")).isEqualTo("admins, staff");
  }

  @Test
  void aConsumerOutsideTheAllowedGroupsIs403() {
    TestExchange ex = run("allow", "guest-key");

    assertThat(ex.status()).isEqualTo(403);
    assertThat(ex.exitBody()).isEqualTo("{\"message\":\"You cannot consume this service\"}");
  }

  @Test
  void aConsumerInADeniedGroupIs403AndOthersPass() {
    assertThat(run("deny", "guest-key").status()).isEqualTo(403);
    assertThat(run("deny", "admin-key").exited()).isFalse();
  }

  @Test
  void aConsumerWithoutGroupsPassesADenyListWithAnEmptyGroupsHeader() {
    TestExchange ex = run("deny", "loner-key");

    assertThat(ex.exited()).isFalse();
    assertThat(ex.upstreamHeaders().get("X-Consumer-Groups")).isEmpty();
  }

  @Test
  void anAuthenticatedConsumerWithoutGroupsIs403OnAnAllowList() {
    assertThat(run("hidden", "loner-key").status()).isEqualTo(403);
  }

  @Test
  void theAnonymousConsumerWithoutGroupsIs401() {
    TestExchange ex = run("allow", null);

    assertThat(ex.status()).isEqualTo(401);
    assertThat(ex.exitBody()).isEqualTo("{\"message\":\"Unauthorized\"}");
  }

  @Test
  void noConsumerAtAllIs401() {
    assertThat(run("aclonly", null).status()).isEqualTo(401);
  }

  @Test
  void hideGroupsHeaderSendsNoGroups() {
    TestExchange ex = run("hidden", "admin-key");

    assertThat(ex.exited()).isFalse();
    assertThat(ex.upstreamHeaders().contains("X-Consumer-Groups")).isFalse();
  }

  @Test
  void groupsAnotherPluginAuthenticatedAreUsedWithoutAConsumer() {
    TestExchange in = TestExchange.on(CONFIG, views, "aclonly", "GET", "/");
    in.ctx().put(AclHandler.AUTHENTICATED_GROUPS, List.of("admins"));
    TestExchange out = TestExchange.on(CONFIG, views, "aclonly", "GET", "/");
    out.ctx().put(AclHandler.AUTHENTICATED_GROUPS, List.of("others"));

    Snapshots.access(in, acl);
    Snapshots.access(out, acl);

    assertThat(in.exited()).isFalse();
    assertThat(in.upstreamHeaders().get("X-Authenticated-Groups")).isEqualTo("admins");
    assertThat(out.status()).isEqualTo(403);
  }
}
