package io.silverback.core.tls;

import java.math.BigInteger;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/**
 * Affine arithmetic on prime-field Weierstrass curves, enough to derive an EC public key from its
 * private scalar. The JDK has no public API for that; OpenSSL does it when a key is loaded (and
 * Kong then compares the derived public key with the certificate's). Not constant-time: it only
 * runs while validating a key that its own submitter already holds.
 */
final class EcMath {
  private static final BigInteger TWO = BigInteger.TWO;
  private static final BigInteger THREE = BigInteger.valueOf(3);

  private EcMath() {}

  /** {@code k·G} for the curve's generator {@code G}. */
  static ECPoint multiplyGenerator(ECParameterSpec spec, BigInteger k) {
    var p = prime(spec);
    var a = spec.getCurve().getA();
    var scalar = k.mod(spec.getOrder());
    var result = ECPoint.POINT_INFINITY;
    for (var bit = scalar.bitLength() - 1; bit >= 0; bit--) {
      result = add(result, result, p, a);
      if (scalar.testBit(bit)) {
        result = add(result, spec.getGenerator(), p, a);
      }
    }
    return result;
  }

  /**
   * Whether {@code (x, y)} satisfies {@code y² = x³ + ax + b} with both coordinates in the field.
   */
  static boolean isOnCurve(ECParameterSpec spec, BigInteger x, BigInteger y) {
    var p = prime(spec);
    if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return false;
    }
    var curve = spec.getCurve();
    var right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
    return y.pow(2).mod(p).equals(right);
  }

  private static ECPoint add(ECPoint first, ECPoint second, BigInteger p, BigInteger a) {
    if (first.equals(ECPoint.POINT_INFINITY)) {
      return second;
    }
    if (second.equals(ECPoint.POINT_INFINITY)) {
      return first;
    }
    var x1 = first.getAffineX();
    var y1 = first.getAffineY();
    var x2 = second.getAffineX();
    var y2 = second.getAffineY();
    BigInteger slope;
    if (x1.equals(x2)) {
      if (y1.add(y2).mod(p).signum() == 0) {
        return ECPoint.POINT_INFINITY;
      }
      slope = THREE.multiply(x1.pow(2)).add(a).multiply(TWO.multiply(y1).modInverse(p)).mod(p);
    } else {
      slope = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(p)).mod(p);
    }
    var x3 = slope.pow(2).subtract(x1).subtract(x2).mod(p);
    var y3 = slope.multiply(x1.subtract(x3)).subtract(y1).mod(p);
    return new ECPoint(x3, y3);
  }

  private static BigInteger prime(ECParameterSpec spec) {
    if (!(spec.getCurve().getField() instanceof ECFieldFp field)) {
      throw new PemException(
          PemException.Problem.UNSUPPORTED, "binary-field EC curves are not supported");
    }
    return field.getP();
  }
}
