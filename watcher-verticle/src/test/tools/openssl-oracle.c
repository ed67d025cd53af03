/*
 * Test-fixture generator (not part of the build): prints, for each DER certificate named on the
 * command line, what OpenSSL 3.0 prints for its names and for each extension, as one JSON line.
 * Every printed string is hex-encoded so that raw bytes survive exactly.
 *
 *   gcc openssl-oracle.c -o openssl-oracle -lcrypto && ./openssl-oracle a.der b.der > out.jsonl
 */
#include <stdio.h>
#include <string.h>
#include <openssl/bio.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

static void hexout(BIO *mem) {
    char *data;
    long n = BIO_get_mem_data(mem, &data);
    putchar('"');
    for (long i = 0; i < n; i++) printf("%02x", (unsigned char)data[i]);
    putchar('"');
    (void)BIO_reset(mem);
}

static void name(const char *key, const X509_NAME *nm, BIO *mem) {
    printf(",\"%s_multiline\":", key);
    X509_NAME_print_ex(mem, nm, 0, XN_FLAG_SEP_MULTILINE | XN_FLAG_FN_SN | ASN1_STRFLGS_UTF8_CONVERT | ASN1_STRFLGS_ESC_CTRL);
    hexout(mem);
    printf(",\"%s_oneline\":", key);
    X509_NAME_print_ex(mem, nm, 0, XN_FLAG_ONELINE);
    hexout(mem);
    char buf[256];
    printf(",\"%s_compat256\":", key);
    if (X509_NAME_oneline(nm, buf, sizeof buf) != NULL) BIO_puts(mem, buf);
    hexout(mem);
}

int main(int argc, char **argv) {
    BIO *mem = BIO_new(BIO_s_mem());
    for (int a = 1; a < argc; a++) {
        FILE *f = fopen(argv[a], "rb");
        if (f == NULL) continue;
        X509 *x = d2i_X509_fp(f, NULL);
        fclose(f);
        printf("{\"file\":\"%s\"", argv[a]);
        if (x == NULL) { printf(",\"refused\":true}\n"); continue; }
        name("subject", X509_get_subject_name(x), mem);
        name("issuer", X509_get_issuer_name(x), mem);
        printf(",\"not_before\":");
        ASN1_TIME_print(mem, X509_get0_notBefore(x));
        hexout(mem);
        printf(",\"extensions\":[");
        const STACK_OF(X509_EXTENSION) *exts = X509_get0_extensions(x);
        for (int i = 0; i < sk_X509_EXTENSION_num(exts); i++) {
            X509_EXTENSION *ex = sk_X509_EXTENSION_value(exts, i);
            char oid[256];
            OBJ_obj2txt(oid, sizeof oid, X509_EXTENSION_get_object(ex), 1);
            int ok = X509V3_EXT_print(mem, ex, 0, 16);
            printf("%s{\"oid\":\"%s\",\"printed\":%s,\"text\":", i ? "," : "", oid, ok ? "true" : "false");
            hexout(mem);
            printf("}");
        }
        printf("]}\n");
        X509_free(x);
    }
    BIO_free(mem);
    return 0;
}
