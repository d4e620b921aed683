/* report_common.c — see include/jz/report_common.h: the bits the text, Markdown and csv
 * reports share. */
#include "jz/report_common.h"
#include "jz/i18n.h"
#include "jz/report_lang.h"
#include "jz/text.h"

#include <string.h>

const char *jz_report_grade_of(const jz_rcentre *c)
{
    return c->grade[0] ? c->grade : c->scored ? D_("no grade") : D_("not scored");
}

/* The place and the total as a roll-up shows them: only a graded centre has either. */
const char *jz_report_place_of(const jz_rollup *ru, size_t i, char *buf, size_t cap)
{
    if (i < ru->ranked)
        snprintf(buf, cap, "%zu", i + 1);
    else
        snprintf(buf, cap, "-");
    return buf;
}

const char *jz_report_total_of(const jz_rcentre *c)
{
    return jz_rcentre_rank_class(c) == 0 ? c->total.text : "-";
}

const char *jz_report_orblank(const char *s)
{
    return s[0] ? s : D_("n/a");
}

/* Whether every file is a jz-hours result (no scores: a compliance roll-up instead). */
bool jz_report_hours_only(const jz_results *r)
{
    for (size_t i = 0; i < r->nfiles; i++)
        if (!r->files[i].hours_only)
            return false;
    return r->nfiles > 0;
}

size_t jz_report_short_checks(const jz_rcentre *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nhours; i++)
        n += strcmp(c->hours[i].status, "short") == 0 || strcmp(c->hours[i].status, "over") == 0;
    return n;
}

const char *jz_report_compliance(const jz_rcentre *c)
{
    const char *s = jz_rcentre_hours_status(c);
    return strcmp(s, "short") == 0 ? D_("not compliant") : strcmp(s, "ok") == 0 ? D_("compliant") : D_("not checked");
}

/* FP fraction as a percentage with one decimal ("21.7 %"), "n/a" when negative. */
static char *rate_text(int64_t fp, char *buf)
{
    if (fp < 0)
        snprintf(buf, 32, "%s", D_("n/a"));
    else
        snprintf(buf, 32, "%lld.%lld %%", (long long)(fp + 5) / 100, (long long)((fp + 5) / 10) % 10);
    return buf;
}

/* The centre's verification (jz-verify), in lines of text or Markdown. */
void jz_report_verification_lines(FILE *fp, const jz_report_opts *o, const char *centre, bool markdown)
{
    const jz_vcentre *v = o->verification ? jz_vresults_find(o->verification, centre) : NULL;
    char a[32], b[32], e[32];
    if (!v)
        return;
    const char *lead = markdown ? "- " : "    ";
    if (markdown)
        fprintf(fp, D_("\n**Verification** (%s)\n\n"), o->verification->path);
    else
        fprintf(fp, D_("  verification (%s):\n"), jz_text_show(o->verification->path));
    fputs(lead, fp);
    fprintf(fp, D_("%ld drawn, %ld checked: %ld verified, %ld differs, %ld not found; %ld not checked\n"), v->drawn,
            v->checked, v->verified, v->differs, v->not_found, v->not_checked);
    if (v->checked) {
        fputs(lead, fp);
        fprintf(fp, D_("error rate %s (exact interval %s to %s)\n"),
                rate_text(v->checked ? (v->errors * 10000 + v->checked / 2) / v->checked : -1, e),
                rate_text(v->err_low, a), rate_text(v->err_high, b));
    }
    fputs(lead, fp);
    fprintf(fp, D_("hours factor %s (%s to %s) %s; participants factor %s (%s to %s) %s\n"), v->hours_fac[0],
            v->hours_fac[1], v->hours_fac[2], jz_report_reading(v->hours_reading), v->part_fac[0], v->part_fac[1],
            v->part_fac[2], jz_report_reading(v->part_reading));
    fputs(lead, fp);
    fprintf(fp, D_("hours reported %s, estimated true %s, overstated %s (lower bound %s)\n"), v->reported_h,
            v->true_h, v->over_h, v->over_lb_h);
}

void jz_report_pad_left(FILE *fp, const char *s, size_t width)
{
    for (size_t w = jz_text_width(s); w < width; w++)
        fputc(' ', fp);
    fputs(jz_text_show(s), fp);
}

char *jz_report_why(unsigned why, jz_lang l, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int k = 0; k < JZ_WHY_N; k++)
        if (why & (1u << k) && len < cap) {
            int n = snprintf(buf + len, cap - len, "%s%s", len ? jz_tr_in(l, ", ") : "",
                             jz_tr_in(l, jz_why_words[k]));
            len += n > 0 ? (size_t)n : 0;
        }
    return buf;
}

const char *jz_report_reading(const char *reading)
{
    static const char *const words[][2] = {{"n/a", N_("n/a")},
                                           {"within", N_("within")},
                                           {"over-reported", N_("over-reported")},
                                           {"under-reported", N_("under-reported")}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(reading, words[i][0]) == 0)
            return D_(words[i][1]);
    return reading;
}

char *jz_report_issuer(const jz_rfile *f, char *buf, size_t cap)
{
    const char *st = f->rubric_status;
    const char *words = strcmp(st, "official") == 0 ? D_("official")
                        : strcmp(st, "draft") == 0   ? D_("draft, not yet in force")
                        : strcmp(st, "example") == 0 ? D_("example, not an official rubric")
                                                     : D_("its status is not given");
    size_t n = (size_t)snprintf(buf, cap, "%s", words);
    if (n < cap && f->rubric_issued_by[0])
        n += (size_t)snprintf(buf + n, cap - n, D_("; issued by %s"), f->rubric_issued_by);
    if (n < cap && f->rubric_document[0])
        snprintf(buf + n, cap - n, D_("; document: %s"), f->rubric_document);
    return buf;
}
