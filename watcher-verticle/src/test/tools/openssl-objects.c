#include <stdio.h>
#include <openssl/objects.h>
/* Dumps OpenSSL's built-in object table as OBJ_obj2nid resolves each OID:
   dotted OID, short name, long name, and for signature algorithms the digest and key short names. */
int main(void) {
    for (int nid = 0; nid < 1400; nid++) {
        ASN1_OBJECT *o = OBJ_nid2obj(nid);
        if (o == NULL || OBJ_length(o) == 0) continue;
        char buf[1024];
        OBJ_obj2txt(buf, sizeof buf, o, 1);
        ASN1_OBJECT *o2 = OBJ_txt2obj(buf, 1);
        int n2 = OBJ_obj2nid(o2);
        ASN1_OBJECT_free(o2);
        if (n2 != nid) continue;
        const char *sn = OBJ_nid2sn(nid), *ln = OBJ_nid2ln(nid);
        printf("%s\t%s\t%s", buf, sn ? sn : "", ln ? ln : "");
        int dnid, pnid;
        if (OBJ_find_sigid_algs(nid, &dnid, &pnid))
            printf("\t%s\t%s", dnid == NID_undef ? "" : OBJ_nid2sn(dnid), pnid == NID_undef ? "" : OBJ_nid2sn(pnid));
        printf("\n");
    }
    return 0;
}
