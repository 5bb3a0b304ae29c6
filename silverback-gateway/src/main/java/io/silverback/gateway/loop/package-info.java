/**
 * Servers spread over the event loops: {@link io.silverback.gateway.loop.LoopDeployment} deploys
 * one verticle per loop and binds them all to the same listeners, as nginx runs one worker per
 * core on shared sockets. The HTTP proxy and the stream proxy use it; what they serve lives in
 * their own packages.
 */
package io.silverback.gateway.loop;
