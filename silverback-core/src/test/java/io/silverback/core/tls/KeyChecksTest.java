package io.silverback.core.tls;

import static io.silverback.core.tls.TlsFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyChecksTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"rsa-spki.pub", "rsa-pkcs1.pub", "ed25519.pub", "rsa-pkcs8.key", "rsa.jwk.json"})
  void acceptsAnythingOpenSslLoadsAsJwtRsaPublicKey(String fixture) {
    assertThat(KeyChecks.jwtPublicKey(read(fixture))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not a key",
        "{vault://env/jwt-key}",
        "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----"
      })
  void rejectsJwtRsaPublicKeysThatDoNotLoad(String value) {
    assertThat(KeyChecks.jwtPublicKey(value)).contains("invalid key");
  }

  @ParameterizedTest
  @CsvSource({
    "rsa-spki.pub, rsa-pkcs1.key",
    "rsa-pkcs1.pub, rsa-pkcs8.key",
    "ec-p256.pub, ec-p256-sec1.key",
    "ed25519.pub, ed25519.key",
    "dsa.pub, dsa.key",
  })
  void acceptsAMatchingPemKeyPair(String publicKey, String privateKey) {
    assertThat(KeyChecks.pemPair(Optional.of(read(privateKey)), Optional.of(read(publicKey))))
        .isEmpty();
  }

  @Test
  void acceptsASinglePemKey() {
    assertThat(KeyChecks.pemPair(Optional.empty(), Optional.of(read("rsa-spki.pub")))).isEmpty();
    assertThat(KeyChecks.pemPair(Optional.of(read("ec-p256-pkcs8.key")), Optional.empty()))
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "rsa-other.pub, rsa-pkcs1.key",
    "ec-p256.pub, rsa-pkcs8.key",
    "ed25519.pub, ed25519-other.key",
    "dsa-other.pub, dsa.key"
  })
  void rejectsAPublicKeyOfAnotherPrivateKey(String publicKey, String privateKey) {
    assertThat(KeyChecks.pemPair(Optional.of(read(privateKey)), Optional.of(read(publicKey))))
        .contains("public key does not match private key");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not a key", "rsa-pkcs8.key", "rsa.jwk.json"})
  void rejectsAPublicKeyFieldThatIsNoPemPublicKey(String value) {
    var text = value.contains(".") ? read(value) : value;

    assertThat(KeyChecks.pemPair(Optional.of(read("rsa-pkcs8.key")), Optional.of(text)))
        .contains("could not load public key");
  }

  @Test
  void appendsTheReasonToThePrivateKeyMessageWithoutASeparatorLikeKong() {
    assertThat(KeyChecks.pemPair(Optional.of(read("rsa-spki.pub")), Optional.empty()))
        .contains("could not load private keypkey.new:load_key: no PRIVATE KEY block found");
  }

  @Test
  void rejectsAnEncryptedPrivateKey() {
    assertThat(KeyChecks.pemPair(Optional.of(read("rsa-encrypted-pkcs8.key")), Optional.empty()))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .startsWith("could not load private key")
                    .contains("encrypted private keys are not supported"));
  }

  @Test
  void skipsThePairWhenEitherKeyIsAVaultReference() {
    assertThat(KeyChecks.pemPair(Optional.of("{vault://env/private}"), Optional.of("garbage")))
        .isEmpty();
    assertThat(KeyChecks.pemPair(Optional.of("garbage"), Optional.of("{vault://env/public}")))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa.jwk.json", "ec-p256.jwk.json", "ed25519.jwk.json"})
  void acceptsRsaEcAndOkpJwks(String fixture) {
    assertThat(KeyChecks.jwk(read(fixture))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"kid\": \"36\"}",
        "{\"kty\": \"oct\", \"k\": \"c2VjcmV0\"}",
        "{\"kty\": \"RSA\", \"n\": \"AQAB\"}",
        "{\"kty\": \"RSA\", \"n\": \"AQAB\", \"e\": \"AQ+B\"}",
        "{\"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \"AQ\", \"y\": \"AQ\"}",
        "{\"kty\": \"EC\", \"crv\": \"secp256k1\", \"x\": \"AQ\", \"y\": \"AQ\"}",
        "{\"kty\": \"OKP\", \"crv\": \"Ed25519\", \"x\": \"AQAB\"}",
        "{\"kty\": \"OKP\", \"crv\": \"Ed25519\"}",
        "[]",
        "not json"
      })
  void rejectsJwksThatDoNotLoad(String jwk) {
    assertThat(KeyChecks.jwk(jwk)).contains("could not load JWK, likely not a valid key");
  }

  @Test
  void rejectsAnEcJwkWhosePointIsOffTheCurve() {
    var offCurve = read("ec-p256.jwk.json").replace("\"y\": \"A", "\"y\": \"B");

    assertThat(KeyChecks.jwk(offCurve)).contains("could not load JWK, likely not a valid key");
  }

  @Test
  void acceptsJwkVaultReferences() {
    assertThat(KeyChecks.jwk("{vault://env/jwk}")).isEmpty();
  }

  @Test
  void acceptsAKeysEntityJwkWithTheEntityKid() {
    assertThat(KeyChecks.jwkForKid(read("rsa.jwk.json"), "rsa-1")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "{\"kid\": \"rsa-1\"} trailing", ""})
  void rejectsAKeysEntityJwkThatIsNotJson(String jwk) {
    assertThat(KeyChecks.jwkForKid(jwk, "rsa-1")).contains("could not json decode jwk string");
  }

  @ParameterizedTest
  @ValueSource(strings = {"other", "RSA-1"})
  void rejectsAKeysEntityWhoseKidDiffersFromTheJwkKid(String kid) {
    assertThat(KeyChecks.jwkForKid(read("rsa.jwk.json"), kid))
        .contains("kid in jwk.kid must be equal to keys.kid");
  }

  @Test
  void comparesKidsAsStringsLikeLua() {
    assertThat(
            KeyChecks.jwkForKid(
                "{\"kid\": 1, \"kty\": \"RSA\", \"n\": \"AQAB\", \"e\": \"AQAB\"}", "1"))
        .contains("kid in jwk.kid must be equal to keys.kid");
  }

  @Test
  void checksTheKidBeforeLoadingTheKey() {
    assertThat(KeyChecks.jwkForKid("{\"kid\": \"36\"}", "36"))
        .contains("could not load JWK, likely not a valid key");
    assertThat(KeyChecks.jwkForKid("{\"kid\": \"36\"}", "37"))
        .contains("kid in jwk.kid must be equal to keys.kid");
  }

  @Test
  void reportsMembersOutsideKongsJwkRecord() {
    var jwk =
        read("ed25519.jwk.json")
            .replace("{", "{\"ext\": true, \"key_ops\": \"sign\", \"use\": \"\",");

    assertThat(KeyChecks.jwkForKid(jwk, "ed-1"))
        .contains(
            "Validation error: ext: unknown field; key_ops: expected an array; "
                + "use: length must be at least 1");
  }

  @Test
  void reportsArrayElementsThatAreNotStrings() {
    var jwk = read("ed25519.jwk.json").replace("{", "{\"x5c\": [1, true, \"MIIB\", 2],");

    assertThat(KeyChecks.jwkForKid(jwk, "ed-1"))
        .contains("Validation error: x5c: Validation error: expected a string; expected a string");
  }

  @Test
  void ignoresNullMembersLikeKong() {
    var jwk = read("ed25519.jwk.json").replace("{", "{\"ext\": null, \"alg\": null,");

    assertThat(KeyChecks.jwkForKid(jwk, "ed-1")).isEmpty();
  }

  @Test
  void acceptsAKeysEntityJwkVaultReference() {
    assertThat(KeyChecks.jwkForKid("{vault://env/jwk}", "any")).isEmpty();
  }
}
