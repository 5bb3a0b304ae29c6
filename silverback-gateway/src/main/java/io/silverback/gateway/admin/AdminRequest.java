package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.RecordSchema;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler needs of one Admin API request, copied off the event loop's
 * {@link RoutingContext} so that it can be read on a worker thread.
 *
 * @param method the HTTP method
 * @param path the request path, as sent
 * @param params the path parameters, percent-decoded
 * @param query the query arguments, each with all its values
 * @param contentType the {@code Content-Type}, or null
 * @param body the raw body; empty for none and for form bodies
 * @param form the form fields of a form-encoded or multipart body, each with all its values
 * @param uploads the files of a multipart body: field name and where it was stored
 */
public record AdminRequest(String method, String path, Map<String, String> params, Map<String, List<String>> query,
    String contentType, byte[] body, Map<String, List<String>> form, List<Map.Entry<String, String>> uploads) {

  /** Copies what handlers need out of {@code ctx}; call it on the event loop. */
  static AdminRequest of(RoutingContext ctx) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    ctx.queryParams().forEach(e -> query.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    Map<String, List<String>> form = new LinkedHashMap<>();
    ctx.request().formAttributes().forEach(e -> form.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    List<Map.Entry<String, String>> uploads = new ArrayList<>();
    for (FileUpload upload : ctx.fileUploads()) {
      uploads.add(Map.entry(upload.name(), upload.uploadedFileName()));
    }
    byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    return new AdminRequest(ctx.request().method().name(), ctx.request().path(), Map.copyOf(ctx.pathParams()),
        query, ctx.request().getHeader("Content-Type"), body, form, uploads);
  }

  /** The path parameter {@code name}. */
  public String param(String name) {
    return params.get(name);
  }

  /** The first value of query argument {@code name}. */
  public Optional<String> queryArg(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The body as Kong's {@code self.args.post}: a JSON object as sent, or form fields nested and
   * typed by {@code schema} ({@link FormArgs}).
   *
   * @throws AdminException 400 {@code Cannot parse JSON body}
   */
  public ObjectNode body(RecordSchema schema) {
    return RequestBody.decode(this, schema);
  }
}
