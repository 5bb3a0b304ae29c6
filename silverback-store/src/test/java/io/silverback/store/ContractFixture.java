package io.silverback.store;

import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;

/**
 * The realistic config every store's contract test loads: services with nested routes and
 * plugins, upstreams with targets, global plugins, and {@value #CONSUMERS} consumers with key-auth,
 * basic-auth and ACL credentials, tagged so that tag filters cross page boundaries.
 *
 * <p>Consumer {@code user-NNN} is tagged {@code gold} when NNN is a multiple of 3 and
 * {@code silver} when a multiple of 4; every 10th has a basic-auth credential, every 5th an ACL,
 * and {@value #MANY_KEYS_USER} has {@value #MANY_KEYS} key-auth credentials instead of one.
 */
public final class ContractFixture {
  public static final int CONSUMERS = 250;
  public static final String MANY_KEYS_USER = "user-007";
  public static final int MANY_KEYS = 12;

  public static final Config CONFIG = DeclarativeConfigParser.of(EntityRegistry.standard())
      .parseString(yaml()).orThrow().config();

  private ContractFixture() {}

  static String yaml() {
    StringBuilder sb = new StringBuilder("""
        _format_version: "3.0"
        services:
          - name: catalog
            url: http://catalog.internal:8080/v1
            tags: [shop, read]
            routes:
              - name: catalog-read
                paths: [/catalog]
                methods: [GET]
                tags: [read]
                plugins:
                  - name: rate-limiting
                    config:
                      minute: 600
                      policy: local
              - name: catalog-write
                paths: [/catalog]
                methods: [POST, PUT]
              - name: catalog-admin
                paths: [/catalog/admin]
            plugins:
              - name: key-auth
          - name: orders
            host: orders-upstream
            tags: [shop, write]
            routes:
              - name: orders
                paths: [/orders]
            plugins:
              - name: basic-auth
              - name: acl
                config:
                  allow: [buyers]
          - name: billing
            host: billing-upstream
            tags: [internal]
            routes:
              - name: billing
                paths: [/billing]
          - name: status
            url: http://status.internal/health
        upstreams:
          - name: orders-upstream
            tags: [shop]
            targets:
              - target: 10.0.0.11:8080
              - target: 10.0.0.12:8080
                weight: 50
              - target: 10.0.0.13:8080
          - name: billing-upstream
            targets:
              - target: 10.0.1.10:8080
        plugins:
          - name: correlation-id
          - name: prometheus
        consumers:
        """);
    for (int i = 0; i < CONSUMERS; i++) {
      consumer(sb, i);
    }
    return sb.toString();
  }

  private static void consumer(StringBuilder sb, int i) {
    String user = String.format("user-%03d", i);
    sb.append("  - username: ").append(user).append('\n');
    String tags = (i % 3 == 0 ? "gold," : "") + (i % 4 == 0 ? "silver," : "");
    if (!tags.isEmpty()) {
      sb.append("    tags: [").append(tags, 0, tags.length() - 1).append("]\n");
    }
    sb.append("    keyauth_credentials:\n");
    int keys = user.equals(MANY_KEYS_USER) ? MANY_KEYS : 1;
    for (int k = 0; k < keys; k++) {
      sb.append("      - key: ").append(user).append("-key-").append(k).append('\n');
    }
    if (i % 10 == 0) {
      sb.append("    basicauth_credentials:\n");
      sb.append("      - username: ").append(user).append("\n        password: secret-").append(i).append('\n');
    }
    if (i % 5 == 0) {
      sb.append("    acls:\n      - group: buyers\n");
    }
  }
}
