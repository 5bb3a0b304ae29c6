/**
 * The {@code request-transformer} plugin: the upstream request's URI, method, headers, query and
 * body (JSON, url-encoded, multipart), with Kong's value templates rendered without Lua.
 */
package io.silverback.gateway.plugins.requesttransformer;
