package dev.certstream.gateway.stream;

import dev.certstream.gateway.resume.StreamPosition;

/** Where a live client's certificates come from (the hub's fan-out, or the unique lane after its claims) and how far it is. */
interface DeliverySource {

    /** The position just after the last certificate this source handed its clients; it moves on only. */
    StreamPosition position();
}
