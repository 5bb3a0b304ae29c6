package io.silverback.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/**
 * What makes a request a gRPC one, and Kong's checks of the requests that match a route whose
 * {@code protocols} are {@code grpc}/{@code grpcs} ({@code kong/runloop/handler.lua}, access
 * "before"): a gRPC content type over HTTP/1.x is told to use HTTP/2 (426), any other content
 * type does not belong there (415), and a gRPC request without TLS on a {@code grpcs}-only route
 * gets gRPC status 1 in a 200 answer.
 */
final class GrpcRequests {
  static final String GRPC_CONTENT_TYPE = "application/grpc";
  static final String USE_HTTP2 = "Please use HTTP2 protocol";
  static final String NOT_GRPC = "Non-gRPC request matched gRPC route";
  static final String NOT_GRPCS = "gRPC request matched gRPCs route";

  private GrpcRequests() {}

  /** Kong's {@code is_grpc_request}: HTTP/2 and a content type starting with {@code application/grpc}. */
  static boolean isGrpc(HttpServerRequest request) {
    return request.version() == HttpVersion.HTTP_2 && grpcContent(request);
  }

  private static boolean grpcContent(HttpServerRequest request) {
    String type = request.headers().get(HttpHeaders.CONTENT_TYPE);
    return type != null && type.startsWith(GRPC_CONTENT_TYPE);
  }

  /**
   * Answers {@code request} when it may not use {@code route}, a gRPC route, as Kong does.
   *
   * @return whether it was answered (then nothing else is to be done with it)
   */
  static boolean refused(HttpServerRequest request, RouteSettings route, long start, ResponseHeaders kong) {
    HttpServerResponse response = request.response();
    if (!grpcContent(request)) {
      Replies.error(response, 415, NOT_GRPC, start, kong);
      return true;
    }
    if (request.version() != HttpVersion.HTTP_2) {
      response.headers().set(HttpHeaders.CONNECTION, "Upgrade").set(HttpHeaders.UPGRADE, "HTTP/2");
      Replies.error(response, 426, USE_HTTP2, start, kong);
      return true;
    }
    if (route.grpcsOnly() && !request.isSSL()) {
      MultiMap headers = HttpHeaders.headers().set(HttpHeaders.CONTENT_TYPE, GRPC_CONTENT_TYPE)
          .set(GrpcReplies.GRPC_STATUS, "1").set(GrpcReplies.GRPC_MESSAGE, NOT_GRPCS)
          .set(HttpHeaders.CONTENT_LENGTH, "0");
      Replies.send(response, 200, null, headers, start, kong);
      return true;
    }
    return false;
  }
}
