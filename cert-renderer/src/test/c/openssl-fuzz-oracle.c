/*
 * OpenSSL's answer for every field of the certstream contract, for a stream of certificates: the
 * other side of the differential fuzzer (DifferentialFuzzer.java). Compiled by the test with
 *   gcc -O2 openssl-fuzz-oracle.c -o openssl-fuzz-oracle -lcrypto
 * It reads records of a 4-byte big-endian length and that many DER bytes from stdin until EOF, and
 * writes one JSON line per record; a length of 0xffffffff (no bytes follow) flushes the output. Every string that holds bytes OpenSSL printed is hex, so raw
 * bytes survive exactly. A record OpenSSL refuses gives {"ok":false,"err":"<reason>"}.
 *
 * Fields (for a certificate d2i_X509 takes):
 *   used     bytes d2i_X509 consumed;  reenc  whether i2d_X509 gives those bytes back
 *   subject, issuer  [[short name or dotted OID, RDN set, value as -nameopt utf8,esc_ctrl, ok]...],
 *                    stopping after the first value OpenSSL cannot print (ok false)
 *   nb, na   notBefore / notAfter in epoch seconds, null when ASN1_TIME_to_tm fails
 *   serial   BN_bn2hex of the serial;  sha1, sha256  X509_digest
 *   sig      {oid, md, pk, pss}: signature OID, OBJ_find_sigid_algs' digest and key short names,
 *            and for RSASSA-PSS the hash of its parameters ("" when they do not decode)
 *   ca       cA of the first basicConstraints extension (false when it does not decode)
 *   ext      [{oid, sn, m (has a printer), p (printer succeeded), t (what it printed), v (value)}]
 *   san      every dNSName of every subjectAltName extension that decodes, as raw bytes
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

static void hex(const unsigned char *p, long n) {
    static const char digits[] = "0123456789abcdef";
    putchar('"');
    for (long i = 0; i < n; i++) {
        putchar(digits[p[i] >> 4]);
        putchar(digits[p[i] & 15]);
    }
    putchar('"');
}

static void hex_bio(BIO *mem) {
    char *data;
    long n = BIO_get_mem_data(mem, &data);
    hex((const unsigned char *)data, n);
    (void)BIO_reset(mem);
}

/* A JSON string of a name or OID (OpenSSL's names are plain ASCII; OIDs are digits and dots). */
static void str(const char *s) {
    if (s == NULL) { fputs("null", stdout); return; }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\' || (unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e) printf("\\u%04x", (unsigned char)*s);
        else putchar(*s);
    }
    putchar('"');
}

static const char *sn_of(int nid) { return nid == NID_undef ? NULL : OBJ_nid2sn(nid); }

static void name(const char *key, const X509_NAME *nm, BIO *mem) {
    printf(",\"%s\":[", key);
    for (int i = 0; i < X509_NAME_entry_count(nm); i++) {
        const X509_NAME_ENTRY *e = X509_NAME_get_entry(nm, i);
        const ASN1_OBJECT *obj = X509_NAME_ENTRY_get_object(e);
        char field[80];
        int nid = OBJ_obj2nid(obj);
        /* do_name_ex: the short name, or the dotted OID in an 80-byte buffer */
        if (nid != NID_undef) snprintf(field, sizeof field, "%s", OBJ_nid2sn(nid));
        else OBJ_obj2txt(field, sizeof field, obj, 1);
        int ok = ASN1_STRING_print_ex(mem, X509_NAME_ENTRY_get_data(e), ASN1_STRFLGS_UTF8_CONVERT | ASN1_STRFLGS_ESC_CTRL) >= 0;
        printf("%s[", i ? "," : "");
        str(field);
        printf(",%d,", X509_NAME_ENTRY_set(e));
        hex_bio(mem);
        printf(",%s]", ok ? "true" : "false");
        if (!ok) break;
    }
    putchar(']');
}

static long long days_from_civil(long long y, unsigned m, unsigned d) {
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

static void time_field(const char *key, const ASN1_TIME *t) {
    struct tm tm;
    printf(",\"%s\":", key);
    if (t == NULL || !ASN1_TIME_to_tm(t, &tm)) { fputs("null", stdout); ERR_clear_error(); return; }
    long long days = days_from_civil(tm.tm_year + 1900LL, tm.tm_mon + 1, tm.tm_mday);
    printf("%lld", days * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec);
}

static void signature(X509 *x) {
    const X509_ALGOR *alg;
    X509_get0_signature(NULL, &alg, x);
    const ASN1_OBJECT *obj;
    int ptype;
    const void *pval;
    X509_ALGOR_get0(&obj, &ptype, &pval, alg);
    char oid[256];
    OBJ_obj2txt(oid, sizeof oid, obj, 1);
    int md = NID_undef, pk = NID_undef;
    OBJ_find_sigid_algs(OBJ_obj2nid(obj), &md, &pk);
    printf(",\"sig\":{\"oid\":");
    str(oid);
    printf(",\"md\":");
    str(sn_of(md));
    printf(",\"pk\":");
    str(sn_of(pk));
    if (OBJ_obj2nid(obj) == NID_rsassaPss) {
        const char *hash = "sha1";  /* RFC 4055: SHA-1 when the parameters name none */
        char hoid[256];
        RSA_PSS_PARAMS *pss = NULL;
        if (ptype == V_ASN1_SEQUENCE)
            pss = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(RSA_PSS_PARAMS), alg->parameter);
        if (ptype != V_ASN1_UNDEF && pss == NULL) hash = "";
        else if (pss != NULL && pss->hashAlgorithm != NULL) {
            int h = OBJ_obj2nid(pss->hashAlgorithm->algorithm);
            if (h != NID_undef) hash = OBJ_nid2sn(h);
            else { OBJ_obj2txt(hoid, sizeof hoid, pss->hashAlgorithm->algorithm, 1); hash = hoid; }
        }
        printf(",\"pss\":");
        str(hash);
        RSA_PSS_PARAMS_free(pss);
        ERR_clear_error();
    }
    putchar('}');
}

static void extensions(X509 *x, BIO *mem) {
    const STACK_OF(X509_EXTENSION) *exts = X509_get0_extensions(x);
    int ca = 0, ca_known = 0;
    printf(",\"ext\":[");
    for (int i = 0; i < sk_X509_EXTENSION_num(exts); i++) {
        X509_EXTENSION *ex = sk_X509_EXTENSION_value(exts, i);
        const ASN1_OBJECT *obj = X509_EXTENSION_get_object(ex);
        char oid[256];
        OBJ_obj2txt(oid, sizeof oid, obj, 1);
        int method = X509V3_EXT_get(ex) != NULL;
        int printed = X509V3_EXT_print(mem, ex, 0, 16);
        ERR_clear_error();
        printf("%s{\"oid\":", i ? "," : "");
        str(oid);
        printf(",\"sn\":");
        str(sn_of(OBJ_obj2nid(obj)));
        printf(",\"m\":%s,\"p\":%s,\"t\":", method ? "true" : "false", printed ? "true" : "false");
        hex_bio(mem);
        const ASN1_OCTET_STRING *v = X509_EXTENSION_get_data(ex);
        printf(",\"v\":");
        hex(ASN1_STRING_get0_data(v), ASN1_STRING_length(v));
        putchar('}');
        if (!ca_known && OBJ_obj2nid(obj) == NID_basic_constraints) {
            BASIC_CONSTRAINTS *bc = X509V3_EXT_d2i(ex);
            ca_known = 1;
            if (bc != NULL) { ca = bc->ca != 0; BASIC_CONSTRAINTS_free(bc); }
            ERR_clear_error();
        }
    }
    printf("],\"ca\":%s,\"san\":[", ca ? "true" : "false");
    int first = 1;
    for (int i = 0; i < sk_X509_EXTENSION_num(exts); i++) {
        X509_EXTENSION *ex = sk_X509_EXTENSION_value(exts, i);
        if (OBJ_obj2nid(X509_EXTENSION_get_object(ex)) != NID_subject_alt_name) continue;
        GENERAL_NAMES *names = X509V3_EXT_d2i(ex);
        ERR_clear_error();
        for (int j = 0; names != NULL && j < sk_GENERAL_NAME_num(names); j++) {
            GENERAL_NAME *g = sk_GENERAL_NAME_value(names, j);
            if (g->type != GEN_DNS) continue;
            if (!first) putchar(',');
            first = 0;
            hex(ASN1_STRING_get0_data(g->d.dNSName), ASN1_STRING_length(g->d.dNSName));
        }
        GENERAL_NAMES_free(names);
    }
    putchar(']');
}

static void answer(const unsigned char *der, long len, BIO *mem) {
    const unsigned char *p = der;
    X509 *x = d2i_X509(NULL, &p, len);
    if (x == NULL) {
        unsigned long e = ERR_peek_error();  /* the first error is the cause, later ones say "nested" */
        const char *reason = ERR_reason_error_string(e);
        printf("{\"ok\":false,\"err\":");
        str(reason != NULL ? reason : "unknown");
        puts("}");
        ERR_clear_error();
        return;
    }
    long used = p - der;
    unsigned char *re = NULL;
    int relen = i2d_X509(x, &re);
    int same = relen == used && memcmp(re, der, used) == 0;
    OPENSSL_free(re);
    printf("{\"ok\":true,\"used\":%ld,\"reenc\":%s", used, same ? "true" : "false");
    name("subject", X509_get_subject_name(x), mem);
    name("issuer", X509_get_issuer_name(x), mem);
    time_field("nb", X509_get0_notBefore(x));
    time_field("na", X509_get0_notAfter(x));
    BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL);
    char *serial = bn != NULL ? BN_bn2hex(bn) : NULL;
    printf(",\"serial\":");
    str(serial);
    OPENSSL_free(serial);
    BN_free(bn);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n;
    printf(",\"sha1\":");
    if (X509_digest(x, EVP_sha1(), md, &n)) hex(md, n); else fputs("null", stdout);
    printf(",\"sha256\":");
    if (X509_digest(x, EVP_sha256(), md, &n)) hex(md, n); else fputs("null", stdout);
    signature(x);
    extensions(x, mem);
    puts("}");
    X509_free(x);
    ERR_clear_error();
}

int main(void) {
    BIO *mem = BIO_new(BIO_s_mem());
    size_t cap = 1 << 16;
    unsigned char *buf = malloc(cap);
    unsigned char head[4];
    while (fread(head, 1, 4, stdin) == 4) {
        size_t len = ((size_t)head[0] << 24) | ((size_t)head[1] << 16) | ((size_t)head[2] << 8) | head[3];
        if (len == 0xffffffffu) { fflush(stdout); continue; }  /* end of a batch: the reader waits for it */
        if (len > cap) { cap = len; buf = realloc(buf, cap); }
        if (buf == NULL || fread(buf, 1, len, stdin) != len) return 2;
        answer(buf, (long)len, mem);
    }
    BIO_free(mem);
    free(buf);
    return 0;
}
