#!/usr/bin/env python3
"""Test-fixture generator (not part of the build).

Builds certificates whose names and extensions exercise every branch of OpenSSL 3.0's printers
(well-formed, odd and malformed values), asks libcrypto what it prints for each one (through
openssl-oracle.c) and writes src/test/resources/dev/certstream/watcher/openssl-generated.jsonl:
one line per certificate with its DER and OpenSSL's answers. The signatures are not valid; OpenSSL
prints certificates without checking them.

    gcc src/test/tools/openssl-oracle.c -o /tmp/openssl-oracle -lcrypto
    python3 src/test/tools/gen-openssl-fixtures.py /tmp/openssl-oracle
"""
import base64
import json
import os
import subprocess
import sys
import tempfile


def length(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, 'big')
    return bytes([0x80 | len(b)]) + b


def tlv(tag, content):
    return bytes([tag]) + length(len(content)) + content


def seq(*items):
    return tlv(0x30, b''.join(items))


def set_(*items):
    return tlv(0x31, b''.join(items))


def ctx(n, content, constructed=False):
    return tlv((0xa0 if constructed else 0x80) | n, content)


def oid(dotted):
    arcs = [int(a) for a in dotted.split('.')]
    out = bytearray()
    first = arcs[0] * 40 + arcs[1]
    for a in [first] + arcs[2:]:
        chunk = [a & 0x7f]
        a >>= 7
        while a:
            chunk.insert(0, 0x80 | (a & 0x7f))
            a >>= 7
        out += bytes(chunk)
    return tlv(0x06, bytes(out))


def integer(v):
    n = max(1, (v.bit_length() + 8) // 8)
    return tlv(0x02, v.to_bytes(n, 'big', signed=True))


def octets(b):
    return tlv(0x04, b)


def bits(b, unused=0):
    return tlv(0x03, bytes([unused]) + b)


def utf8(s):
    return tlv(0x0c, s.encode('utf-8') if isinstance(s, str) else s)


def printable(s):
    return tlv(0x13, s.encode('latin-1'))


def ia5(s):
    return tlv(0x16, s.encode('latin-1') if isinstance(s, str) else s)


def t61(b):
    return tlv(0x14, b)


def bmp(s):
    return tlv(0x1e, s.encode('utf-16-be') if isinstance(s, str) else s)


def universal(s):
    return tlv(0x1c, s.encode('utf-32-be') if isinstance(s, str) else s)


def visible(s):
    return tlv(0x1a, s.encode('latin-1'))


def boolean(v):
    return tlv(0x01, b'\xff' if v else b'\x00')


def gtime(s):
    return tlv(0x18, s.encode())


def utctime(s):
    return tlv(0x17, s.encode())


def atv(type_oid, value):
    return seq(oid(type_oid), value)


def name(*rdns):
    """Each rdn is a list of (oid, encoded value) pairs."""
    return seq(*[set_(*[atv(o, v) for o, v in rdn]) for rdn in rdns])


CN, C, O, OU, L, ST, EMAIL = '2.5.4.3', '2.5.4.6', '2.5.4.10', '2.5.4.11', '2.5.4.7', '2.5.4.8', '1.2.840.113549.1.9.1'
SIMPLE = name([(C, printable('US'))], [(O, utf8('Example, Inc.'))], [(CN, utf8('example.com'))])


def gn_dns(s):
    return ctx(2, s.encode('latin-1') if isinstance(s, str) else s)


def gn_uri(s):
    return ctx(6, s.encode('latin-1'))


def gn_email(s):
    return ctx(1, s.encode('latin-1'))


def gn_ip(b):
    return ctx(7, b)


def gn_rid(dotted):
    return ctx(8, oid(dotted)[2:])


def gn_dir(n):
    return ctx(4, n, True)


def gn_other(type_oid, value):
    return ctx(0, oid(type_oid) + ctx(0, value, True), True)


def names_ext(*gns):
    return seq(*gns)


def ext(ext_oid, value, critical=False):
    return seq(oid(ext_oid), *( [boolean(True)] if critical else []), octets(value))


def certificate(subject=SIMPLE, issuer=SIMPLE, extensions=(), not_before=None, not_after=None):
    nb = not_before or utctime('250101000000Z')
    na = not_after or gtime('20500101000000Z')
    spki = seq(seq(oid('1.2.840.10045.2.1'), oid('1.2.840.10045.3.1.7')), bits(b'\x04' + bytes(64)))
    tbs_items = [ctx(0, integer(2), True), integer(0x1234), seq(oid('1.2.840.10045.4.3.2')), issuer,
                 seq(nb, na), subject, spki]
    if extensions:
        tbs_items.append(ctx(3, seq(*extensions), True))
    tbs = seq(*tbs_items)
    return seq(tbs, seq(oid('1.2.840.10045.4.3.2')), bits(bytes(8)))


ODD_NAMES = [
    name([(CN, utf8('plain'))], [(O, utf8('A, B + C; <D> "E" \\F'))]),
    name([(CN, utf8(' leading and trailing '))], [(OU, utf8('#hash'))]),
    name([(CN, utf8('ctrl\x01\x1f\x7f and nul \x00 end'))]),
    name([(CN, utf8('ñeco ÿ 日本 😀'))], [(O, t61(b'caf\xe9 \xff'))], [(OU, ia5(b'hi\x80\xfe'))]),
    name([(CN, bmp('BMP ñ 日本'))], [(O, universal('UCS 😀 é'))], [(L, visible('visible'))]),
    name([(CN, utf8(b'bad \xc3\x28 \xff utf8'))]),
    name([(CN, utf8('a')), (OU, utf8('b')), (O, utf8('c'))], [(C, printable('DE'))]),
    name([('1.2.3.4.5', utf8('unknown attr'))], [('2.5.4.97', utf8('VATDE-123'))], [('0.9.2342.19200300.100.1.25', ia5('dc'))]),
    name([('2.5.4.5', printable('123'))], [('2.5.4.15', utf8('Private Organization'))], [('1.3.6.1.4.1.311.60.2.1.3', printable('US'))],
         [('2.5.4.9', utf8('1 Main St'))], [('2.5.4.17', utf8('12345'))], [('2.5.4.42', utf8('Given'))], [('2.5.4.4', utf8('Sur'))],
         [('2.5.4.43', utf8('GS'))], [('2.5.4.12', utf8('Dr'))], [('2.5.4.46', printable('q'))], [('0.9.2342.19200300.100.1.1', utf8('uid'))],
         [('2.5.4.13', utf8('desc'))], [(EMAIL, ia5('a@b.example'))], [('2.5.4.65', utf8('pseudo'))]),
    name([(CN, bmp(b'\x00A\x00'))]),
    name([(CN, bmp(b'\xd8\x00\x00A'))]),
    name([(CN, universal(b'\x00\x11\x00\x00'))]),
    name([(CN, tlv(0x12, b'12345'))], [(O, tlv(0x1a, b'vis'))]),
    name([(CN, seq(integer(5)))]),
    name([(CN, bits(b'\xaa'))]),
    name(),
    name([(CN, utf8('x' * 100))], [(O, utf8('y' * 100))], [(OU, utf8('z' * 100))]),
    name([(CN, utf8('a/b+c=d'))], [(O, utf8('slash/plus+'))]),
]

LONG_OID = '1.3.6.1.4.1.' + '.'.join(str(1000000 + i) for i in range(12))

EXTENSIONS = [
    # keyUsage / nsCertType
    ('2.5.29.15', bits(b'\x80', 7)), ('2.5.29.15', bits(b'\xff\x80', 7)), ('2.5.29.15', bits(b'', 0)),
    ('2.5.29.15', bits(b'\x00', 0)), ('2.5.29.15', bits(b'\x06', 1)), ('2.5.29.15', bits(b'\x07', 0)),
    ('2.5.29.15', bits(b'\x86', 8)), ('2.5.29.15', octets(b'\x01')),
    ('2.16.840.1.113730.1.1', bits(b'\xff')), ('2.16.840.1.113730.1.1', bits(b'\x40')), ('2.16.840.1.113730.1.1', bits(b'\x00')),
    # basicConstraints
    ('2.5.29.19', seq()), ('2.5.29.19', seq(boolean(True))), ('2.5.29.19', seq(boolean(True), integer(0))),
    ('2.5.29.19', seq(boolean(False))), ('2.5.29.19', seq(integer(3))), ('2.5.29.19', seq(boolean(True), integer(2 ** 130))),
    ('2.5.29.19', seq(boolean(True), integer(-1))), ('2.5.29.19', seq(boolean(True), integer(1), integer(2))),
    ('2.5.29.19', seq(tlv(0x01, b'\x01'))), ('2.5.29.19', seq(boolean(True)) + b'\x00\x00'),
    ('2.5.29.19', seq(boolean(True), integer(127))), ('2.5.29.19', seq(boolean(True), integer(2 ** 127))),
    # key identifiers
    ('2.5.29.14', octets(bytes(range(20)))), ('2.5.29.14', octets(b'')), ('2.5.29.14', utf8('x')),
    ('2.5.29.35', seq(ctx(0, b'\x01\x02'))), ('2.5.29.35', seq()),
    ('2.5.29.35', seq(ctx(0, b'\xab\xcd'), ctx(1, gn_dir(ODD_NAMES[0]) + gn_dns('ca.example'), True), ctx(2, b'\x00\xff'))),
    ('2.5.29.35', seq(ctx(1, gn_dir(ODD_NAMES[3]), True))), ('2.5.29.35', seq(ctx(2, b'\xff\x01'))),
    ('2.5.29.35', seq(ctx(0, b'\x01'), ctx(2, b'\x05'))), ('2.5.29.35', seq(ctx(2, b'\x00\x01'))),
    # alternative names
    ('2.5.29.17', names_ext(gn_dns('a.example'), gn_dns('*.b.example'), gn_email('x@y.example'), gn_uri('https://u.example/p?q'))),
    ('2.5.29.17', names_ext(gn_ip(bytes([192, 0, 2, 1])), gn_ip(bytes(range(16))), gn_ip(b'\x01\x02\x03'), gn_ip(bytes(8)))),
    ('2.5.29.17', names_ext(gn_rid('1.2.3.4'), gn_rid('1.3.6.1.5.5.7.3.1'), gn_rid(LONG_OID))),
    ('2.5.29.17', names_ext(gn_dir(ODD_NAMES[0]), gn_dir(ODD_NAMES[3]), gn_dir(ODD_NAMES[6]), gn_dir(ODD_NAMES[16]))),
    ('2.5.29.17', names_ext(gn_dir(ODD_NAMES[4]), gn_dir(ODD_NAMES[7]), gn_dir(ODD_NAMES[17]), gn_dir(ODD_NAMES[15]))),
    ('2.5.29.17', names_ext(gn_other('1.3.6.1.4.1.311.20.2.3', utf8('upn@example')), gn_other('1.3.6.1.5.5.7.8.9', utf8('smtp@example')),
                            gn_other('1.3.6.1.5.5.7.8.5', utf8('xmpp@example')), gn_other('1.3.6.1.5.5.7.8.7', ia5('_srv.example')),
                            gn_other('1.3.6.1.5.5.7.8.8', utf8('realm.example')))),
    ('2.5.29.17', names_ext(gn_other('1.2.3.4', ia5('ia5 value')), gn_other('1.2.3.5', utf8('utf8 value')), gn_other('1.2.3.6', integer(7)),
                            gn_other('1.2.3.7', ia5(b'nul\x00inside')))),
    ('2.5.29.17', names_ext(gn_other('1.3.6.1.4.1.311.20.2.3', ia5('upn as ia5')))),
    ('2.5.29.17', names_ext(gn_other('1.3.6.1.5.5.7.8.7', utf8('srv as utf8')))),
    ('2.5.29.17', names_ext(ctx(3, seq(printable('x400')), True), ctx(5, ctx(1, utf8('party'), True), True))),
    ('2.5.29.17', names_ext(ctx(5, ctx(0, utf8('assigner'), True) + ctx(1, bmp('party'), True), True))),
    ('2.5.29.17', names_ext(ctx(5, ctx(0, utf8('assigner'), True), True))),
    ('2.5.29.17', names_ext()), ('2.5.29.17', names_ext(gn_dns(b'nul\x00.example'))),
    ('2.5.29.17', names_ext(gn_dns(b'caf\xc3\xa9.example'), gn_dns(b'latin\xe9.example'), gn_dns(''))),
    ('2.5.29.17', names_ext(ctx(9, b'x'))), ('2.5.29.17', names_ext(gn_dns('ok.example')) + b'trailing'),
    ('2.5.29.17', b'\x30\x80' + gn_dns('indef.example') + b'\x00\x00'),
    ('2.5.29.17', names_ext(ctx(2, gn_dns('c1')[2:] + b'', False))),
    ('2.5.29.18', names_ext(gn_uri(''), gn_dns('*'))), ('2.5.29.29', names_ext(gn_dir(SIMPLE))),
    # extended key usage
    ('2.5.29.37', seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'), oid('2.5.29.37.0'), oid('1.3.6.1.4.1.11129.2.4.4'))),
    ('2.5.29.37', seq(oid('1.2.3.4'), oid(LONG_OID), oid('1.3.6.1.4.1.311.10.3.4'), oid('2.16.840.1.113730.4.1'))),
    ('2.5.29.37', seq()), ('2.5.29.37', b''), ('2.5.29.37', seq(utf8('x'))),
    # certificate policies
    ('2.5.29.32', seq(seq(oid('2.5.29.32.0'), seq(seq(oid('1.3.6.1.5.5.7.2.1'), ia5('https://cps.example/')))))),
    ('2.5.29.32', seq(seq(oid('2.23.140.1.2.1')), seq(oid('1.2.3.4.5'), seq(
        seq(oid('1.3.6.1.5.5.7.2.2'), seq(seq(utf8('Org'), seq(integer(1), integer(2), integer(2 ** 130))), visible('Explicit'))),
        seq(oid('1.3.6.1.5.5.7.2.2'), seq(seq(ia5('Org2'), seq(integer(7))))),
        seq(oid('1.3.6.1.5.5.7.2.2'), seq(bmp('BMP text'))),
        seq(oid('1.3.6.1.5.5.7.2.2'), seq()),
        seq(oid('1.2.3.9'), utf8('unknown qualifier')),
        seq(oid('1.3.6.1.5.5.7.2.1'), ia5(b'cps\x00nul')))))),
    ('2.5.29.32', seq(seq(oid('1.2.3'), seq(seq(oid('1.3.6.1.5.5.7.2.1'), utf8('utf8 cps')))))),
    ('2.5.29.32', seq()), ('2.5.29.32', seq(seq(oid('1.2.3'), seq()))),
    ('2.5.29.32', seq(seq(oid('1.2.3'), seq(seq(oid('1.3.6.1.5.5.7.2.2'), seq(utf8(b'caf\xc3\xa9 \xff'))))))),
    # CRL distribution points and friends
    ('2.5.29.31', seq(seq(ctx(0, ctx(0, gn_uri('http://crl.example/a.crl') + gn_uri('ldap://x'), True), True)))),
    ('2.5.29.31', seq(seq(ctx(0, ctx(0, gn_uri('http://a'), True), True), ctx(1, b'\x07\x80'), ctx(2, gn_dir(SIMPLE), True)),
                      seq(ctx(1, b'\x00')), seq(ctx(0, ctx(1, atv(CN, utf8('rel')) + atv(O, utf8('x, y')), True), True)),
                      seq(ctx(2, gn_dns('issuer.example'), True)), seq())),
    ('2.5.29.31', seq(seq(ctx(0, ctx(0, gn_dir(ODD_NAMES[0]) + gn_ip(bytes([10, 0, 0, 1])) + gn_email('e@x') + gn_rid('1.2.3')
                                         + gn_other('1.3.6.1.4.1.311.20.2.3', utf8('u')) + gn_other('1.2.3', utf8('v')), True), True)))),
    ('2.5.29.31', seq(seq(ctx(0, ctx(0, gn_uri(b'http://\x80\xff\x01'.decode('latin-1')), True), True), ctx(1, b'\x00\xff\x80')))),
    ('2.5.29.31', seq(seq(ctx(0, ctx(2, b'x', True), True)))), ('2.5.29.31', seq()),
    ('2.5.29.46', seq(seq(ctx(0, ctx(0, gn_uri('http://delta.example'), True), True)))),
    ('2.5.29.28', seq(ctx(0, ctx(0, gn_uri('http://idp'), True), True), ctx(1, b'\xff'), ctx(3, b'\x06\x40'), ctx(4, b'\xff'))),
    ('2.5.29.28', seq()), ('2.5.29.28', seq(ctx(2, b'\xff'), ctx(5, b'\xff'))),
    # information access
    ('1.3.6.1.5.5.7.1.1', seq(seq(oid('1.3.6.1.5.5.7.48.1'), gn_uri('http://ocsp.example')),
                              seq(oid('1.3.6.1.5.5.7.48.2'), gn_uri('http://ca.example/ca.crt')),
                              seq(oid('1.2.3.4'), gn_dir(ODD_NAMES[0])), seq(oid(LONG_OID), gn_dns('long.example')))),
    ('1.3.6.1.5.5.7.1.1', seq()), ('1.3.6.1.5.5.7.1.1', seq(seq(oid('1.3.6.1.5.5.7.48.1'), gn_other('1.2.3', utf8('x'))))),
    ('1.3.6.1.5.5.7.1.11', seq(seq(oid('1.3.6.1.5.5.7.48.5'), gn_uri('http://repo.example')))),
    # name constraints
    ('2.5.29.30', seq(ctx(0, seq(gn_dns('ok.example')) + seq(gn_ip(bytes([10, 0, 0, 0, 255, 0, 0, 0]))) + seq(gn_ip(bytes(32)))
                          + seq(gn_ip(b'\x01\x02\x03\x04\x05')) + seq(gn_email('@x')) + seq(gn_dir(ODD_NAMES[0])) + seq(gn_uri('.u'))
                          + seq(gn_dns('min'), ctx(0, b'\x00'), ctx(1, b'\x05')), True))),
    ('2.5.29.30', seq(ctx(1, seq(gn_dns('bad.example')), True))), ('2.5.29.30', seq()),
    ('2.5.29.30', seq(ctx(0, b'', True), ctx(1, b'', True))),
    ('2.5.29.30', seq(ctx(0, seq(gn_other('1.3.6.1.5.5.7.8.9', utf8('m@x'))) + seq(gn_other('1.2.3', utf8('o'))) + seq(gn_rid('1.2')), True))),
    # policy constraints, mappings, inhibitAnyPolicy
    ('2.5.29.36', seq(ctx(0, b'\x00'), ctx(1, b'\x02'))), ('2.5.29.36', seq(ctx(1, b'\x7f'))), ('2.5.29.36', seq()),
    ('2.5.29.33', seq(seq(oid('2.5.29.32.0'), oid('1.2.3')), seq(oid(LONG_OID), oid('2.23.140.1.2.1')))), ('2.5.29.33', seq()),
    ('2.5.29.54', integer(0)), ('2.5.29.54', integer(-5)), ('2.5.29.54', integer(2 ** 200)), ('2.5.29.54', b'\x02\x01'),
    ('2.5.29.54', b'\x02\x02\x00\x01'),
    # simple values
    ('2.5.29.20', integer(12345)), ('2.5.29.27', integer(1)), ('2.5.29.21', tlv(0x0a, b'\x01')), ('2.5.29.21', tlv(0x0a, b'\x07')),
    ('2.5.29.21', tlv(0x0a, b'\x0a')), ('2.5.29.21', tlv(0x0a, b'\x0b')), ('2.5.29.24', gtime('20240102030405Z')),
    ('2.5.29.24', gtime('20240102030405.123Z')), ('2.5.29.24', gtime('2024010203Z')), ('2.5.29.23', oid('1.2.840.10040.2.1')),
    ('2.5.29.16', seq(ctx(0, b'20240101000000Z'), ctx(1, b'20250101000000Z'))), ('2.5.29.16', seq(ctx(1, b'20250101120000.5Z'))),
    ('2.5.29.16', seq()), ('2.5.29.16', seq(ctx(0, b'garbage'))),
    ('1.3.6.1.5.5.7.1.24', seq(integer(5), integer(17), integer(99))), ('1.3.6.1.5.5.7.1.24', seq()),
    # Netscape strings, Russian sign tools, OCSP, proxy, sxnet
    ('2.16.840.1.113730.1.13', ia5('A comment, with\nnewline')), ('2.16.840.1.113730.1.13', ia5('')),
    ('2.16.840.1.113730.1.13', ia5(b'nul\x00cut')), ('2.16.840.1.113730.1.2', ia5('https://base.example/')),
    ('2.16.840.1.113730.1.12', ia5('server.example')), ('2.16.840.1.113730.1.13', utf8('wrong type')),
    ('1.2.643.100.111', utf8('Tool 1.0')), ('1.2.643.100.112', seq(utf8('a'), utf8('b'), utf8('c'), utf8('d'))),
    ('1.2.643.100.112', seq(utf8('a'), utf8('b'))),
    ('1.3.6.1.5.5.7.48.1.5', b'\x05\x00'), ('1.3.6.1.5.5.7.48.1.5', b'\x05\x01\x00'), ('1.3.6.1.5.5.7.48.1.2', bytes(range(40))),
    ('1.3.6.1.5.5.7.48.1.4', seq(oid('1.3.6.1.5.5.7.48.1.1'))), ('1.3.6.1.5.5.7.48.1.6', gtime('20240101000000Z')),
    ('1.3.6.1.5.5.7.48.1.3', seq(ctx(0, ia5('http://crl'), True), ctx(1, integer(300), True), ctx(2, gtime('20240101000000Z'), True))),
    ('1.3.6.1.5.5.7.48.1.7', seq(SIMPLE, seq(seq(oid('1.3.6.1.5.5.7.48.1'), gn_uri('http://ocsp'))))),
    ('1.3.6.1.5.5.7.1.14', seq(integer(3), seq(oid('1.3.6.1.5.5.7.21.1'), octets(b'policy text')))),
    ('1.3.6.1.5.5.7.1.14', seq(seq(oid('1.3.6.1.5.5.7.21.2')))),
    ('1.3.101.1.4.1', seq(integer(0), seq(seq(integer(1), octets(b'user\x01')), seq(integer(2 ** 130), octets(b'u2'))))),
    # RFC 3779 resources and the German admission extension
    ('1.3.6.1.5.5.7.1.7', seq(seq(octets(b'\x00\x01'), seq(bits(b'\x0a', 0), bits(b'\xc0\xa8\x80', 7), bits(b'', 0),
                                                      seq(bits(b'\x0a\x00', 0), bits(b'\x0a\x01\xf0', 4)))),
                              seq(octets(b'\x00\x02\x01'), seq(bits(b'\x20\x01\x0d\xb8', 0), bits(bytes(16), 0), bits(b'', 0),
                                                              seq(bits(b'\x20\x01', 0), bits(b'\x20\x02\x00\x01', 0)))),
                              seq(octets(b'\x00\x02\x80'), tlv(0x05, b'')), seq(octets(b'\x00\x07\x55'), seq(bits(b'\xab\xc0', 4))))),
    ('1.3.6.1.5.5.7.1.7', seq(seq(octets(b'\x00\x01'), seq(bits(b'\x01\x02\x03\x04\x05', 0))))),
    ('1.3.6.1.5.5.7.1.8', seq(ctx(0, seq(integer(64496), seq(integer(1), integer(2 ** 140))), True), ctx(1, tlv(0x05, b''), True))),
    ('1.3.6.1.5.5.7.1.8', seq()), ('1.3.6.1.5.5.7.1.8', seq(ctx(0, seq(utf8('x')), True))),
    ('1.3.36.8.3.3', seq(gn_uri('http://authority.example'), seq(seq(ctx(0, gn_dns('entry.example'), True),
        ctx(1, seq(oid('1.3.36.8.3.11.1'), ia5('http://na.example'), utf8('Naming text')), True),
        seq(seq(ctx(0, seq(oid('1.2.3.4')), True), seq(utf8('Arzt'), printable('Doctor'), bmp('Ärztin')),
                seq(oid('1.3.36.8.3.11.1.1'), oid('1.2.3.5')), printable('REG-123'), octets(b'extra')),
            seq(seq(utf8('Second'))))),
        seq(seq(seq(seq(utf8('Only items')))))))),
    ('1.3.36.8.3.3', seq(seq(seq(ctx(1, seq(), True), seq())))),
    # names OpenSSL knows but cannot print, and names it does not know
    ('1.3.6.1.5.5.7.1.3', seq(seq(oid('0.4.0.1862.1.1')))), ('1.2.840.113549.1.9.15', seq(seq(oid('1.2.840.113549.3.7')))),
    ('2.5.29.9', seq(seq(oid('1.3.6.1.5.5.7.9.1'), set_(gtime('19700101000000Z'))))),
    ('1.2.3.4.5.6', b'\x01\x02\xff'), ('1.3.6.1.4.1.11129.2.4.5', octets(b'\x00\x00')),
    ('1.3.6.1.4.1.11129.2.4.3', b'\x05\x00'), ('1.3.6.1.4.1.11129.2.4.2', octets(b'\x00\x02\x00\x00')),
]


def main():
    oracle = sys.argv[1]
    out_path = os.path.join(os.path.dirname(__file__), '..', 'resources', 'dev', 'certstream', 'watcher',
                            'openssl-generated.jsonl')
    certs = []
    for i, n in enumerate(ODD_NAMES):
        certs.append(certificate(subject=n))
        certs.append(certificate(extensions=[ext('2.5.29.17', names_ext(gn_dir(n))), ext('2.5.29.35', seq(ctx(1, gn_dir(n), True))),
                                             ext('2.5.29.31', seq(seq(ctx(0, ctx(0, gn_dir(n), True), True))))]))
    for i in range(0, len(EXTENSIONS), 3):
        certs.append(certificate(extensions=[ext(o, v) for o, v in EXTENSIONS[i:i + 3]]))
    certs.append(certificate(extensions=[ext('2.5.29.37', seq(oid('1.3.6.1.5.5.7.3.1'))), ext('2.5.29.37', seq(oid('1.3.6.1.5.5.7.3.2')))]))
    times = [('2501010000Z', '491231235959Z'), ('250101000000+0130', '20500101000000.25Z'), ('250101000000-0100', '20500101000000+0000'),
             ('bad', '20500132000000Z'), ('000229000000Z', '20000229000000Z')]
    for nb, na in times:
        certs.append(certificate(not_before=utctime(nb), not_after=gtime(na)))
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, der in enumerate(certs):
            p = os.path.join(tmp, '%03d.der' % i)
            with open(p, 'wb') as f:
                f.write(der)
            paths.append(p)
        lines = subprocess.run([oracle] + paths, check=True, capture_output=True).stdout.decode().splitlines()
    with open(out_path, 'w') as out:
        for der, line in zip(certs, lines):
            record = json.loads(line)
            del record['file']
            record['der'] = base64.b64encode(der).decode()
            out.write(json.dumps(record, sort_keys=True) + '\n')
    print('wrote %d certificates to %s' % (len(certs), os.path.normpath(out_path)))


if __name__ == '__main__':
    main()
