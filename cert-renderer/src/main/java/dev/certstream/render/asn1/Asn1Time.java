package dev.certstream.render.asn1;


/**
 * UTCTime and GeneralizedTime read as OpenSSL 3.0's ossl_asn1_time_to_tm reads them (seconds and a
 * time zone may be missing or be an offset), and printed as ASN1_TIME_print prints them.
 */
public final class Asn1Time {
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final int[] MIN = {0, 0, 1, 1, 0, 0, 0, 0, 0};
    private static final int[] MAX = {99, 99, 12, 31, 23, 59, 59, 12, 59};
    private static final int[] MONTH_DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private Asn1Time() {
    }

    /** Seconds since the epoch, or {@code Long.MIN_VALUE} when OpenSSL would call the value bad. */
    public static long epochSeconds(int tag, byte[] s) {
        boolean utc = tag == Der.UTC_TIME;
        if (!utc && tag != Der.GENERALIZED_TIME) {
            return Long.MIN_VALUE;
        }
        int end = utc ? 6 : 7;
        int btz = utc ? 5 : 6;
        int l = s.length;
        if (l < (utc ? 11 : 13)) {
            return Long.MIN_VALUE;
        }
        int year = 0;
        int month = 0;
        int day = 0;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int o = 0;
        for (int i = 0; i < end; i++) {
            if (i == btz && (s[o] == 'Z' || s[o] == '+' || s[o] == '-')) {
                break;
            }
            if (!digit(s[o])) {
                return Long.MIN_VALUE;
            }
            int n = s[o] - '0';
            if (++o == l || !digit(s[o])) {
                return Long.MIN_VALUE;
            }
            n = n * 10 + s[o] - '0';
            if (++o == l) {
                return Long.MIN_VALUE;
            }
            int i2 = utc ? i + 1 : i;
            if (n < MIN[i2] || n > MAX[i2]) {
                return Long.MIN_VALUE;
            }
            switch (i2) {
                case 0 -> year = n * 100;
                case 1 -> year = utc ? (n < 50 ? 2000 + n : 1900 + n) : year + n;
                case 2 -> month = n;
                case 3 -> {
                    int md = month == 2 ? 28 + (leap(year) ? 1 : 0) : MONTH_DAYS[month - 1];
                    if (n > md) {
                        return Long.MIN_VALUE;
                    }
                    day = n;
                }
                case 4 -> hour = n;
                case 5 -> minute = n;
                default -> second = n;
            }
        }
        if (!utc && s[o] == '.') {
            if (++o == l) {
                return Long.MIN_VALUE;
            }
            int i = o;
            while (o < l && digit(s[o])) {
                o++;
            }
            if (i == o || o == l) {
                return Long.MIN_VALUE;
            }
        }
        long offset = 0;
        if (s[o] == 'Z') {
            o++;
        } else if (s[o] == '+' || s[o] == '-') {
            int sign = s[o] == '-' ? 1 : -1;
            o++;
            if (o + 4 != l) {
                return Long.MIN_VALUE;
            }
            for (int i = end; i < end + 2; i++) {
                if (!digit(s[o]) || !digit(s[o + 1])) {
                    return Long.MIN_VALUE;
                }
                int n = (s[o] - '0') * 10 + s[o + 1] - '0';
                int i2 = utc ? i + 1 : i;
                if (n < MIN[i2] || n > MAX[i2]) {
                    return Long.MIN_VALUE;
                }
                offset += i == end ? n * 3600L : n * 60L;
                o += 2;
            }
            offset *= sign;
        } else {
            return Long.MIN_VALUE;
        }
        if (o != l) {
            return Long.MIN_VALUE;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return days * 86400 + hour * 3600L + minute * 60L + second + offset;
    }

    /**
     * ASN1_TIME_print ({@code Mar  7 12:00:00 2024 GMT}, fractions kept for GeneralizedTime); false,
     * after writing "Bad time value", when the time does not parse (as OpenSSL returns failure).
     */
    public static boolean print(TextOut out, int tag, byte[] s) {
        long t = epochSeconds(tag, s);
        if (t == Long.MIN_VALUE) {
            out.ascii("Bad time value");
            return false;
        }
        java.time.LocalDateTime dt = java.time.LocalDateTime.ofEpochSecond(t, 0, java.time.ZoneOffset.UTC);
        out.ascii(MONTHS[dt.getMonthValue() - 1]).ch(' ');
        if (dt.getDayOfMonth() < 10) {
            out.ch(' ');
        }
        out.ascii(Integer.toString(dt.getDayOfMonth())).ch(' ');
        two(out, dt.getHour()).ch(':');
        two(out, dt.getMinute()).ch(':');
        two(out, dt.getSecond());
        if (tag == Der.GENERALIZED_TIME && s.length > 15 && s[14] == '.') {
            int f = 15;
            while (f < s.length && digit(s[f])) {
                f++;
            }
            if (f > 15) {
                out.ch('.').raw(s, 15, f);
            }
        }
        out.ch(' ').ascii(Integer.toString(dt.getYear())).ascii(" GMT");
        return true;
    }

    private static TextOut two(TextOut out, int v) {
        return out.ch((char) ('0' + v / 10)).ch((char) ('0' + v % 10));
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean leap(int y) {
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    }
}
