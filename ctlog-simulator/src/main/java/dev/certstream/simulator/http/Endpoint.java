package dev.certstream.simulator.http;

/** What a request asks for: decides which faults can apply to it. */
enum Endpoint {
    LOG_LIST, STH, ENTRIES, ROOTS, PROOF, CONSISTENCY, CHECKPOINT, TILE, HASH_TILE, ISSUER, OTHER;

    /** Only tree heads can shrink. */
    boolean shrinkable() {
        return this == STH || this == CHECKPOINT;
    }
}
