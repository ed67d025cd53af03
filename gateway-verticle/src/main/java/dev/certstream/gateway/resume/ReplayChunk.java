package dev.certstream.gateway.resume;

import dev.certstream.contract.CertificateEnvelope;

import java.util.List;

/**
 * What one read of the replay buffer gave a resuming client: the entries it wants, in buffer order, what
 * the read passed (every entry read beyond the client's position, wanted or not) and where to read next.
 *
 * @param wanted  the entries beyond the client's position that its filter selects
 * @param passed  per log, the next index after the entries read
 * @param nextSeq the sequence number to read from next
 * @param evicted true when the entries at the requested sequence number are no longer in the buffer (nothing
 *                was read: the caller plans again from its position)
 */
public record ReplayChunk(List<CertificateEnvelope> wanted, StreamPosition passed, long nextSeq, boolean evicted) {
}
