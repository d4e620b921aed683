/* gb18030-all: every 2-byte GB18030 sequence and every 4-byte one of the BMP and of
 * planes 1 and 2, each converted alone with iconv("UTF-8", "GB18030"), one line each:
 * the bytes in hex, then the UTF-8 in hex or the errno name. Built twice (Makefile): for
 * this machine, where glibc's iconv converts and the listing becomes the tables of the
 * Windows iconv (scripts/gen-gb18030.py); and for Windows, where src/lib/base/os.c's iconv
 * converts: check-windows runs it under Wine and requires the same listing. */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>

static void one(iconv_t cd, const unsigned char *s, size_t n)
{
    char in[4], out[16];
    memcpy(in, s, n);
    char *ip = in, *op = out;
    size_t il = n, ol = sizeof out;
    iconv(cd, NULL, NULL, NULL, NULL);
    size_t rc = iconv(cd, &ip, &il, &op, &ol);
    for (size_t i = 0; i < n; i++)
        printf("%02X", s[i]);
    if (rc == (size_t)-1) {
        printf(" %s\n", errno == EILSEQ ? "EILSEQ" : errno == EINVAL ? "EINVAL" : "other");
        return;
    }
    putchar(' ');
    for (char *p = out; p < op; p++)
        printf("%02X", (unsigned char)*p);
    putchar('\n');
}

int main(void)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return 1;
    unsigned char s[4];
    for (int a = 0x81; a <= 0xFE; a++)
        for (int b = 0x40; b <= 0xFE; b++) {
            if (b == 0x7F)
                continue;
            s[0] = (unsigned char)a, s[1] = (unsigned char)b;
            one(cd, s, 2);
        }
    /* 4-byte: the BMP (0x81-0x84 lead) and U+10000 on (0x90 lead: planes 1 and 2). */
    static const int leads[] = {0x81, 0x82, 0x83, 0x84, 0x90};
    for (size_t k = 0; k < sizeof leads / sizeof leads[0]; k++)
        for (int b = 0x30; b <= 0x39; b++)
            for (int c = 0x81; c <= 0xFE; c++)
                for (int d = 0x30; d <= 0x39; d++) {
                    s[0] = (unsigned char)leads[k], s[1] = (unsigned char)b;
                    s[2] = (unsigned char)c, s[3] = (unsigned char)d;
                    one(cd, s, 4);
                }
    /* Incomplete at the end, and bytes that never start a character. */
    one(cd, (const unsigned char *)"\x81", 1);
    one(cd, (const unsigned char *)"\x81\x30", 2);
    one(cd, (const unsigned char *)"\x81\x30\x81", 3);
    one(cd, (const unsigned char *)"\x80", 1);
    one(cd, (const unsigned char *)"\xFF", 1);
    one(cd, (const unsigned char *)"\x81\x7F", 2);
    iconv_close(cd);
    return fflush(stdout) != 0;
}
