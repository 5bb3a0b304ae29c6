package io.silverback.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The proxy's own answers to gRPC clients ({@link GrpcRequests#isGrpc}), in Kong's two shapes.
 * Both keep the HTTP status and carry {@code grpc-status} and {@code grpc-message} as headers of
 * an empty response ({@code Content-Length: 0}), which gRPC clients read as a trailers-only reply:
 *
 * <ul>
 *   <li>{@link #error}: {@code kong.response.error} ({@code kong/pdk/response.lua}), used for no
 *       route (404), no peer or name resolution (503), a plugin's rejection: {@code Content-Type:
 *       application/grpc}, the gRPC status mapped from the HTTP one, and that status's name as the
 *       message ({@code NotFound}, {@code Unavailable}, {@code Unauthenticated}...).
 *   <li>{@link #failure}: Kong's error page for a failed upstream ({@code kong/error_handlers.lua}
 *       through {@code kong.response.exit}): 502 or 504 with gRPC status 13 or 4 and Kong's error
 *       text as the message, no content type.
 * </ul>
 */
final class GrpcReplies {
  static final CharSequence GRPC_STATUS = HttpHeaders.createOptimized("grpc-status");
  static final CharSequence GRPC_MESSAGE = HttpHeaders.createOptimized("grpc-message");
  private static final CharSequence GRPC = HttpHeaders.createOptimized(GrpcRequests.GRPC_CONTENT_TYPE);
  private static final String[] NAMES = {"OK", "Canceled", "Unknown", "InvalidArgument", "DeadlineExceeded",
      "NotFound", "AlreadyExists", "PermissionDenied", "ResourceExhausted", "FailedPrecondition", "Aborted",
      "OutOfRange", "Unimplemented", "Internal", "Unavailable", "DataLoss", "Unauthenticated"};

  private GrpcReplies() {}

  /** Kong's {@code HTTP_TO_GRPC_STATUS}, with its fallbacks by class (5xx 13, 4xx 3, 2xx 0, else 2). */
  static int code(int httpStatus) {
    return switch (httpStatus) {
      case 200 -> 0;
      case 400 -> 3;
      case 401 -> 16;
      case 403 -> 7;
      case 404 -> 5;
      case 409 -> 6;
      case 429 -> 8;
      case 499 -> 1;
      case 500 -> 13;
      case 501 -> 12;
      case 503 -> 14;
      case 504 -> 4;
      default -> httpStatus >= 500 && httpStatus <= 599 ? 13 : httpStatus >= 400 && httpStatus <= 499 ? 3
          : httpStatus >= 200 && httpStatus <= 299 ? 0 : 2;
    };
  }

  /** The name Kong gives a gRPC status ({@code GRPC_MESSAGES}); {@code Unknown} past the known ones. */
  static String name(int code) {
    return code >= 0 && code < NAMES.length ? NAMES[code] : NAMES[2];
  }

  /** {@code kong.response.error(status)} to a gRPC client. */
  static void error(HttpServerResponse response, int status, long start, ResponseHeaders kong) {
    MultiMap headers = HttpHeaders.headers().set(HttpHeaders.CONTENT_TYPE, GRPC)
        .set(HttpHeaders.CONTENT_LENGTH, "0");
    shape(status, headers);
    Replies.send(response, status, null, headers, start, kong);
  }

  /** Kong's error page for a failed upstream, to a gRPC client: {@code message} is Kong's error text. */
  static void failure(HttpServerResponse response, int status, String message, long start,
      ResponseHeaders kong) {
    MultiMap headers = HttpHeaders.headers().set(GRPC_STATUS, Integer.toString(code(status)))
        .set(GRPC_MESSAGE, message).set(HttpHeaders.CONTENT_LENGTH, "0");
    Replies.send(response, status, null, headers, start, kong);
  }

  /**
   * Whether a plugin's exit is answered in gRPC shape: the client speaks gRPC and the exit has no
   * content type, Kong's JSON one (the auth and traffic plugins reject with {@code
   * kong.response.error} in Kong), or a gRPC one. Other content types are sent as they are.
   */
  static boolean shapesExit(Exchange exchange) {
    HttpServerRequest request = exchange.request();
    if (!GrpcRequests.isGrpc(request)) {
      return false;
    }
    String type = exchange.exitHeaders() == null ? null : exchange.exitHeaders().get(HttpHeaders.CONTENT_TYPE);
    return type == null || type.startsWith("application/json") || type.startsWith(GrpcRequests.GRPC_CONTENT_TYPE);
  }

  /**
   * Shapes a plugin's exit whose headers are already in {@code headers}: a gRPC body is kept and
   * gets the status headers it lacks; any other becomes {@link #error}'s empty answer (with the
   * exit's other headers, e.g. {@code WWW-Authenticate}).
   *
   * @return the body to send, null for none
   */
  static Buffer shapeExit(int status, Buffer body, MultiMap headers) {
    String type = headers.get(HttpHeaders.CONTENT_TYPE);
    boolean grpcBody = type != null && type.startsWith(GrpcRequests.GRPC_CONTENT_TYPE) && body != null;
    if (!grpcBody) {
      headers.set(HttpHeaders.CONTENT_TYPE, GRPC).set(HttpHeaders.CONTENT_LENGTH, "0");
    }
    shape(status, headers);
    return grpcBody ? body : null;
  }

  private static void shape(int status, MultiMap headers) {
    String given = headers.get(GRPC_STATUS);
    int code = code(status);
    if (given == null) {
      headers.set(GRPC_STATUS, Integer.toString(code));
    } else {
      try {
        code = Integer.parseInt(given.trim());
      } catch (NumberFormatException e) {
        code = 2;
      }
    }
    if (!headers.contains(GRPC_MESSAGE)) {
      headers.set(GRPC_MESSAGE, name(code));
    }
  }
}
