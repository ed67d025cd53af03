package dev.certstream.watcher.ct;

/**
 * A successful answer from a log: its status (200, or 206 to a Range request), its body (inflated when it
 * came gzipped), how many bytes crossed the network for it, and for a 206 the first byte it starts at.
 *
 * @param status     200 or 206 (other 2xx are taken as 200)
 * @param body       the body, inflated
 * @param wireBytes  the body's length as received (before inflating)
 * @param rangeStart a 206's first byte (from Content-Range); 0 for a whole answer
 */
public record CtResponse(int status, byte[] body, int wireBytes, long rangeStart) {

    /** Whether this is a part (206) rather than the whole resource. */
    public boolean partial() {
        return status == 206;
    }
}
