package dev.certstream.gateway.resume;

import dev.certstream.contract.CertificateEnvelope;

import java.util.List;
import java.util.Map;

/**
 * A peer gateway's answer to one request for ranges: the entries its buffer holds in them that the filter
 * selects (in its order, so in index order per log), and per log where to ask next and from which index on it
 * held the log (what lies before that is missing there too).
 */
public record PeerChunk(List<CertificateEnvelope> entries, Map<String, Long> next, Map<String, Long> heldFrom) {
}
