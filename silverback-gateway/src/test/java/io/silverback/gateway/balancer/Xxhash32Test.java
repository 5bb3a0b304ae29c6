package io.silverback.gateway.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Xxhash32Test {
  @Test
  void hashesTheReferenceVectorsOfXxh32WithSeedZero() {
    assertThat(Xxhash32.hash("")).isEqualTo(0x02CC5D05L);
    assertThat(Xxhash32.hash("a")).isEqualTo(0x550D7456L);
    assertThat(Xxhash32.hash("abc")).isEqualTo(0x32D153FFL);
    // 39 bytes: two full 16-byte stripes, then the tail
    assertThat(Xxhash32.hash("Nobody inspects the spammish repetition")).isEqualTo(0xE2293B2FL);
  }
}
