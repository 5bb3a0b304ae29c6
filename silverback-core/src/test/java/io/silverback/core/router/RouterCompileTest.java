package io.silverback.core.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.entity.EntityRegistry;
import org.junit.jupiter.api.Test;

class RouterCompileTest {
  private static final String ID = "e8fb37f1-102d-461e-9c51-6608a6bb8101";

  private static Config oneRoute(ObjectNode route) {
    route.put("id", ID).putArray("protocols").add("http");
    return Config.builder(EntityRegistry.standard()).put(new Entity("routes", ID, route)).build();
  }

  @Test
  void refusesARegexPathJavaCannotCompileNamingTheRoute() {
    ObjectNode route = JsonNodeFactory.instance.objectNode();
    route.putArray("paths").add("~/unclosed(");
    assertThatThrownBy(() -> Router.compile(oneRoute(route)))
        .isInstanceOf(RouterException.class)
        .hasMessageContaining(ID)
        .hasMessageContaining("~/unclosed(");
  }

  @Test
  void refusesAHeaderRegexJavaCannotCompileNamingTheRouteAndHeader() {
    ObjectNode route = JsonNodeFactory.instance.objectNode();
    route.putObject("headers").putArray("x-v").add("~*[a");
    assertThatThrownBy(() -> Router.compile(oneRoute(route)))
        .isInstanceOf(RouterException.class)
        .hasMessageContaining(ID)
        .hasMessageContaining("x-v");
  }

  @Test
  void refusesANegativeCacheSize() {
    ObjectNode route = JsonNodeFactory.instance.objectNode();
    route.putArray("paths").add("/");
    assertThatThrownBy(() -> Router.compile(oneRoute(route), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void countsASplitRouteOnce() {
    ObjectNode route = JsonNodeFactory.instance.objectNode();
    route.putArray("paths").add("/a").add("/abc").add("~/x");
    Router router = Router.compile(oneRoute(route));
    assertThat(router.size()).isEqualTo(1);
  }
}
