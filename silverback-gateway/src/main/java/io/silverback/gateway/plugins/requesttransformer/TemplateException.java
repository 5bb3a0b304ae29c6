package io.silverback.gateway.plugins.requesttransformer;

/** A request-transformer template that Silverback cannot render; the request ends with a 500. */
public final class TemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TemplateException(String message) {
    super(message);
  }
}
