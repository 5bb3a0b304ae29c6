/** The {@code response-transformer} plugin: response headers and JSON body properties, changed in Kong's order. */
package io.silverback.gateway.plugins.responsetransformer;
