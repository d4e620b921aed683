/* report_html.c — see include/jz/report.h: one self-contained HTML page (inline CSS and
 * SVG, no script, no network), Chinese first, printable on A4.
 *
 * Every string from the results goes through esc(); numbers are printed as jz-score wrote
 * them (jz_rnum.text) except percentages and hours, which are formatted here from the
 * fixed-point and integer values with integer arithmetic only. */
#include "jz/emit.h"
#include "jz/report.h"
#include "jz/report_common.h"
#include "jz/date.h"
#include "jz/i18n.h"
#include "jz/report_lang.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* ---- text helpers ---- */

/* HTML-escape s (jz_html_text). */
static void esc(FILE *fp, const char *s)
{
    jz_html_text(fp, s);
}

/* esc() of the first n bytes of s. */
static void escn(FILE *fp, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i]; i++) {
        char one[2] = {s[i], '\0'};
        esc(fp, one);
    }
}

/* A table cell <td class="cls">text</td> with text escaped; cls may be NULL. */
static void td(FILE *fp, const char *cls, const char *text)
{
    if (cls)
        fprintf(fp, "<td class=\"%s\">", cls);
    else
        fputs("<td>", fp);
    esc(fp, text);
    fputs("</td>", fp);
}

/* A number as written, or "—" when null. */
static const char *numtext(const jz_rnum *n)
{
    return n->text[0] ? n->text : "—";
}

/* A fraction (x 10000) as a percentage with one decimal, half away from zero: 10197 -> "102.0 %". */
static char *pct(int64_t fp, char *buf, size_t cap)
{
    int64_t a = fp < 0 ? -fp : fp, tenths = (a + 5) / 10;
    snprintf(buf, cap, "%s%" PRId64 ".%" PRId64 " %%", fp < 0 && tenths ? "-" : "", tenths / 10, tenths % 10);
    return buf;
}

/* An integer with thousands separators. */
static char *thousands(int64_t v, char *buf, size_t cap)
{
    char d[32];
    int len = snprintf(d, sizeof d, "%" PRId64, v < 0 ? -v : v);
    size_t o = 0;
    if (v < 0 && o + 1 < cap)
        buf[o++] = '-';
    for (int k = 0; k < len && o + 2 < cap; k++) {
        buf[o++] = d[k];
        if ((len - k - 1) > 0 && (len - k - 1) % 3 == 0)
            buf[o++] = ',';
    }
    buf[o] = '\0';
    return buf;
}

/* Bytes of the short form of a title: the part before " (" when there is one (the rubric's
 * titles are "中文 (English)"), else the whole title. */
static size_t short_len(const char *title)
{
    const char *p = strstr(title, " (");
    return p && p > title ? (size_t)(p - title) : strlen(title);
}

/* Bytes of the prefix of s[0..n) that fits in `width` display columns (wide characters
 * count 2); *cut is set when s was shortened. */
static size_t fit_width(const char *s, size_t n, int width, bool *cut)
{
    size_t i = 0;
    int w = 0;
    *cut = false;
    while (i < n) {
        unsigned char ch = (unsigned char)s[i];
        size_t len = ch < 0x80 ? 1 : ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : ch >= 0xC0 ? 2 : 1;
        int cw = ch >= 0xE0 ? 2 : 1;
        if (w + cw > width || i + len > n) {
            *cut = true;
            return i;
        }
        w += cw;
        i += len;
    }
    return i;
}

/* ---- vocabulary (Chinese, then the id as written) ---- */

typedef struct pair {
    const char *key, *words;   /* words: English, marked NC_("html", ...), shown in the document language */
} pair;

static const char *lookup(const pair *p, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(p[i].key, key) == 0)
            return DC_("html", p[i].words);
    return NULL;
}

#define LOOKUP(table, key) lookup(table, sizeof table / sizeof table[0], key)

static const pair ISTATUS[] = {{"full", NC_("html", "full")}, {"partial", NC_("html", "partial")}, {"zero", NC_("html", "zero")}, {"n/a", NC_("html", "n/a")}};
static const pair HSTATUS[] = {{"ok", NC_("html", "ok")}, {"short", NC_("html", "short")}, {"over", NC_("html", "over the cap")}, {"n/a", NC_("html", "not checked")}};
static const pair PARTY[] = {{"third_party", NC_("html", "third-party evaluators")}, {"buyer", NC_("html", "buyer")}, {"supervisor", NC_("html", "supervisor")},
                             {"finance", NC_("html", "financial evaluation")}, {"community", NC_("html", "neighbourhood committees")}};
static const pair CHECK[] = {
    {"bid_total", NC_("html", "bid total service hours")},     {"bid_direct", NC_("html", "bid direct service hours")},
    {"staff_counted", NC_("html", "counted professional staff")}, {"staff_certified", NC_("html", "certified social workers")},
    {"staff_total", NC_("html", "staff in all")},         {"staff_vacancy", NC_("html", "counted posts vacant")},
    {"service_hours", NC_("html", "professional service hours")}, {"direct_hours", NC_("html", "direct service hours")},
    {"training_hours", NC_("html", "training hours")},      {"supervision_hours", NC_("html", "supervision hours")},
    {"outreach_share", NC_("html", "community and home share")}};
static const pair UNIT[] = {{"minutes", NC_("html", "hours")}, {"people", NC_("html", "people")}, {"days", NC_("html", "days")}};
static const pair ROLE[] = {{"contracts", NC_("html", "contracts")}, {"roster", NC_("html", "staff roster")}, {"records", NC_("html", "service records")},
                            {"scores", NC_("html", "evaluators' scores")}, {"survey", NC_("html", "satisfaction survey")}, {"findings", NC_("html", "inspection findings")},
                            {"rubric", NC_("html", "rubric")}, {"rules", NC_("html", "rules")},
                            {"calendar", NC_("html", "holiday calendar")}, {"verification", NC_("html", "verification result")}};
static const pair APPLIED[] = {{"deduction", NC_("html", "deduction")}, {"veto", NC_("html", "veto")}};

/* "中文 <span class=id>key</span>" when the key is known, else the key alone; escaped. */
/* A sentence, value text or reason of the result in Chinese (report_lang.h): valid until
 * the 8th next call (a ring; the writers run on one thread). */
static const char *T(const char *s)
{
    static char ring[8][4096];
    static unsigned next;
    char *b = ring[next++ % 8];
    return jz_doc_text(s, b, sizeof ring[0]);
}

/* A date of the result the Chinese way (2024年6月30日); the same ring. */
static const char *D(const char *iso)
{
    static char ring[8][40];
    static unsigned next;
    char *b = ring[next++ % 8];
    return jz_doc_date(iso, b, sizeof ring[0]);
}

static void term(FILE *fp, const char *zh, const char *key)
{
    if (zh) {
        fputs(zh, fp);
        fputs(" <span class=\"id\">", fp);
        esc(fp, key);
        fputs("</span>", fp);
    } else {
        esc(fp, key);
    }
}

static const char *status_class(const char *status)
{
    if (strcmp(status, "full") == 0 || strcmp(status, "ok") == 0)
        return "st-ok";
    if (strcmp(status, "zero") == 0 || strcmp(status, "short") == 0 || strcmp(status, "over") == 0)
        return "st-bad";
    if (strcmp(status, "partial") == 0)
        return "st-part";
    return "st-na";
}

/* The grade's class: best grade, passing, failing, none. */
static const char *grade_class(const jz_rfile *f, const jz_rcentre *c)
{
    if (!c->grade[0])
        return "g-none";
    if (!jz_rfile_grade_at_least(f, c->grade, f->pass_grade))
        return "g-fail";
    return f->ngrades && strcmp(f->grades[0].name, c->grade) == 0 ? "g-top" : "g-pass";
}

static const char *grade_text(const jz_rcentre *c)
{
    return c->grade[0] ? c->grade : c->scored ? DC_("html", "no grade") : DC_("html", "not scored");
}

/* The payment sentence for c into buf; false when there are no payment terms. */
static bool payment(const jz_results *r, const jz_rcentre *c, const jz_report_opts *o, char *buf, size_t cap)
{
    buf[0] = '\0';
    return o && o->rules && jz_payment_sentence(o->rules, &r->files[c->file], c, o->instalment, buf, cap);
}

/* ---- head and styles ---- */

static const char STYLE[] =
    "@page{size:A4;margin:14mm 13mm 16mm}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif;"
    "color:#1a1a1a;background:#fff;font-size:10.5pt;line-height:1.5;margin:0 auto;max-width:1080px;padding:24px}\n"
    "@media print{body{max-width:none;padding:0;font-size:9.5pt}}\n"
    "h1{font-size:20pt;margin:0 0 4px}h2{font-size:16pt;margin:0 0 6px}"
    "h3{font-size:12pt;margin:18px 0 6px;padding-bottom:2px;border-bottom:1.5px solid #6b8fb5;break-after:avoid}\n"
    ".sub{color:#555;margin:0 0 10px}\n"
    ".id{color:#666;font-size:85%;font-family:\"DejaVu Sans Mono\",\"Liberation Mono\",monospace;"
    "overflow-wrap:break-word}\n"
    ".centre,.rollup,.prov{margin-bottom:28px}\n"
    ".pb{break-before:page;page-break-before:always}\n"
    "@media screen{.pb{border-top:3px double #9ab;padding-top:20px;margin-top:28px}}\n"
    ".head{display:flex;gap:18px;align-items:stretch;flex-wrap:wrap;break-inside:avoid}\n"
    ".facts{flex:1 1 320px;display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}\n"
    ".facts dt{color:#555}.facts dd{margin:0}\n"
    ".grade{flex:0 0 auto;min-width:210px;border:2px solid;border-radius:8px;padding:8px 16px;text-align:center}\n"
    ".grade .g{font-size:30pt;font-weight:700;line-height:1.2}\n"
    ".grade .t{font-size:22pt;font-weight:700;font-variant-numeric:tabular-nums}"
    ".grade .of{font-size:12pt;color:#555;font-weight:400}\n"
    ".grade .note{font-size:9pt;color:#555}\n"
    ".g-top{border-color:#2e7d32;color:#1b5e20;background:#f1f8f1}"
    ".g-pass{border-color:#4a78a8;color:#1f4f80;background:#f3f7fb}"
    ".g-fail{border-color:#c62828;color:#b71c1c;background:#fdf3f3}"
    ".g-none{border-color:#888;color:#444;background:#f6f6f6}\n"
    "td.g-top,td.g-pass,td.g-fail,td.g-none{background:transparent;border-color:#c9d1da}\n"
    ".pay{border-left:4px solid #4a78a8;background:#f5f8fb;padding:6px 10px;margin:10px 0;break-inside:avoid}\n"
    ".pay.g-fail{border-left-color:#c62828;background:#fdf3f3;color:#1a1a1a}\n"
    "table{border-collapse:collapse;width:100%;margin:4px 0 8px;font-size:92%}\n"
    "th,td{border:1px solid #c9d1da;padding:3px 6px;text-align:left;vertical-align:top}\n"
    "th{background:#eef2f6;font-weight:600}\n"
    "thead{display:table-header-group}tr,tbody.ind{break-inside:avoid;page-break-inside:avoid}\n"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "td.c{white-space:nowrap}td.r{text-align:right}\n"
    "tr.deriv td{border-top:none;color:#444;font-size:92%;padding-top:0;padding-left:22px}\n"
    "tr.main td{border-bottom:none}\n"
    "tr.deriv div{width:0;min-width:100%}\n"
    ".st-ok{color:#1b5e20}.st-bad{color:#b71c1c;font-weight:600}.st-part{color:#8a5a00}.st-na{color:#666}\n"
    "tr.bad td{background:#fdf3f3}\n"
    ".inds th:first-child{width:33%}.inds th:nth-child(2){width:13%}\n"
    ".chart{width:100%;max-width:860px;height:auto;display:block;margin:4px 0 8px}\n"
    ".chart text{font-size:13px;fill:#1a1a1a}.chart .num{font-variant-numeric:tabular-nums}\n"
    ".chart .l1{font-weight:700}\n"
    ".sha{font-family:\"DejaVu Sans Mono\",\"Liberation Mono\",monospace;font-size:85%;overflow-wrap:anywhere}\n"
    ".muted{color:#666}\n"
    "footer,.prov{font-size:90%}\n";

static void html_head(FILE *fp, const jz_results *r)
{
    fputs(DC_("html", "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                      "content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"jz-report\">"
                      "\n<title>Family service centre evaluation report"), fp);
    if (r->ncentres == 1) {
        fputs(" · ", fp);
        esc(fp, r->centres[0].centre);
        fputc(' ', fp);
        esc(fp, r->centres[0].street);
    } else if (r->ncentres > 1) {
        fprintf(fp, DC_("html", " · %zu centres"), r->ncentres);
    }
    if (r->nfiles) {
        fputs(" · ", fp);
        esc(fp, r->files[0].rubric_id);
        fputc(' ', fp);
        esc(fp, r->files[0].rubric_version);
    }
    fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", STYLE);
}

/* ---- district roll-up ---- */

static void rollup_grades(FILE *fp, const jz_results *r, const jz_rollup *ru)
{
    const jz_rfile *f = &r->files[0];
    if (f->hours_only) {  /* jz-hours results: no grades, only compliance */
        fprintf(fp, DC_("html", "<p>Service hours or staffing short: <b>%zu</b> of %zu centres.</p>\n"),
                ru->hours_failing, r->ncentres);
        return;
    }
    fputs(DC_("html", "<h3>Grades</h3>\n<table style=\"width:auto;min-width:40%\"><thead><tr><th>Grade</th><th>"
                      "Minimum</th><th class=\"n\">Centres</th></tr></thead><tbody>\n"),
          fp);
    for (size_t g = 0; g < ru->ngrades; g++) {
        bool none = g + 1 == ru->ngrades;
        if (none && !ru->grade_count[g])
            continue;
        fputs("<tr>", fp);
        td(fp, NULL, none ? DC_("html", "no grade") : f->grades[g].name);
        td(fp, "n", none ? "—" : numtext(&f->grades[g].min));
        fprintf(fp, "<td class=\"n\">%zu</td></tr>\n", ru->grade_count[g]);
    }
    if (ru->not_scored)
        fprintf(fp, DC_("html", "<tr><td>not scored (no records in this run)</td><td class=\"n\">—</td><td class=\"n\">%zu</td>"
                                "</tr>\n"),
                ru->not_scored);
    fputs(DC_("html", "</tbody></table>\n<p>Below "), fp);
    esc(fp, f->pass_grade);
    fprintf(fp, DC_("html", ": <b>%zu</b> centres; service hours or staffing short: <b>%zu</b> centres.</p>\n"), ru->below_pass,
            ru->hours_failing);
}

/* The previous total, the change and the previous grade (--previous), or "new". */
static void previous_cells(FILE *fp, const jz_dcentre *d)
{
    char a[40], c[40];
    if (!d || !d->a) {
        fputs(DC_("html", "<td class=\"n\">—</td><td class=\"n\">new</td><td>—</td>"), fp);
        return;
    }
    td(fp, "n", jz_dnum_format(&d->total, 'a', a, sizeof a)[0] ? a : "—");
    td(fp, "n", jz_dnum_format(&d->total, 'd', c, sizeof c)[0] ? c : "—");
    td(fp, "c", grade_text(d->a));
}

static void rollup_rank_row(FILE *fp, const jz_results *r, const jz_rcentre *c, size_t rank, bool pay_col,
                            const jz_report_opts *o)
{
    const char *hs = jz_rcentre_hours_status(c);
    bool graded = jz_rcentre_rank_class(c) == 0;  /* only a graded centre has a place and a total */
    if (graded)
        fprintf(fp, "<tr><td class=\"n\">%zu</td>", rank);
    else
        fputs("<tr><td class=\"n\">—</td>", fp);
    td(fp, "c", c->centre);
    fputs("<td class=\"c\">", fp);
    esc(fp, c->district);
    fputc(' ', fp);
    esc(fp, c->street);
    fputs("</td>", fp);
    td(fp, "n", graded ? numtext(&c->total) : "—");
    fprintf(fp, "<td class=\"c %s\"><b>", grade_class(&r->files[c->file], c));
    esc(fp, grade_text(c));
    fputs("</b></td>", fp);
    if (o && o->previous)
        previous_cells(fp, jz_result_diff_centre(o->previous, c));
    fprintf(fp, "<td class=\"c %s\">", status_class(hs));
    esc(fp, LOOKUP(HSTATUS, hs) ? LOOKUP(HSTATUS, hs) : hs);
    fputs("</td>", fp);
    if (pay_col) {
        char pay[512];
        payment(r, c, o, pay, sizeof pay);
        td(fp, NULL, pay);
    }
    fputs("</tr>\n", fp);
}

static void rollup_failing(FILE *fp, const jz_results *r, const jz_rollup *ru)
{
    fputs(DC_("html", "<h3>Centres with service hours or staffing short</h3>\n"), fp);
    if (!ru->hours_failing) {
        fputs(DC_("html", "<p>None.</p>\n"), fp);
        return;
    }
    fputs(DC_("html", "<table><thead><tr><th>Centre</th><th>Check</th><th>Detail</th></tr></thead><tbody>\n"), fp);
    for (size_t i = 0; i < ru->n; i++) {
        const jz_rcentre *c = &r->centres[ru->rank[i]];
        for (size_t k = 0; k < c->nhours; k++) {
            const jz_rcheck *h = &c->hours[k];
            if (strcmp(h->status, "short") != 0 && strcmp(h->status, "over") != 0)
                continue;
            fputs("<tr>", fp);
            fputs("<td class=\"c\">", fp);
            esc(fp, c->centre);
            fputc(' ', fp);
            esc(fp, c->street);
            fputs("</td><td>", fp);
            term(fp, LOOKUP(CHECK, h->check), h->check);
            fputs("</td>", fp);
            td(fp, NULL, T(h->detail));
            fputs("</tr>\n", fp);
        }
    }
    fputs("</tbody></table>\n", fp);
}

/* ---- integrity (jz-report --audit) ---- */

static const char *audit_status_zh(const char *st)
{
    return strcmp(st, "ran") == 0 ? DC_("html", "ran") : strcmp(st, "not-run") == 0 ? DC_("html", "not run") : DC_("html", "not available");
}

/* The roll-up's risk table: each centre of the audit by risk, highest first. */
static void html_audit_rollup(FILE *fp, const jz_results *r, const jz_report_opts *o)
{
    const jz_audits *a = o ? o->audit : NULL;
    if (!a)
        return;
    fputs(DC_("html", "<h3>Integrity risk (jz-audit <span class=\"id\">"), fp);
    esc(fp, a->rules_id);
    fputc(' ', fp);
    esc(fp, a->rules_version);
    fputs(DC_("html", "</span>)</h3>\n<table><thead><tr><th>Centre</th><th class=\"n\">Risk (0-100)</th><th class=\"n\">"
                      "Warnings</th><th class=\"n\">Rows touched</th></tr></thead><tbody>\n"), fp);
    size_t *ord = jz_audits_by_risk(a);
    for (size_t i = 0; i < a->ncentres; i++) {
        const jz_acentre *c = &a->centres[ord[i]];
        long w = 0;
        for (int s = 0; s < JZ_AU_NSCREENS; s++)
            w += c->warnings[s];
        bool known = false;
        for (size_t k = 0; k < r->ncentres && !known; k++)
            known = strcmp(r->centres[k].centre, c->centre) == 0;
        fputs("<tr><td class=\"c\">", fp);
        esc(fp, c->centre);
        if (!known)
            fputs(DC_("html", " (not among the results)"), fp);
        fputs("</td>", fp);
        td(fp, "n", c->risk_text);
        fprintf(fp, "<td class=\"n\">%ld</td><td class=\"n\">%ld / %ld</td></tr>\n", w, c->touched, c->rows);
    }
    for (size_t k = 0; k < r->ncentres; k++)
        if (!jz_audits_centre(a, r->centres[k].centre)) {
            fputs("<tr><td class=\"c\">", fp);
            esc(fp, r->centres[k].centre);
            fputs(DC_("html", "</td><td class=\"n\">—</td><td colspan=\"2\">not audited</td></tr>\n"), fp);
        }
    fputs("</tbody></table>\n", fp);
    free(ord);
}

/* A centre's integrity section: risk, the screens, the worst findings with their lines. */
static void html_audit(FILE *fp, const jz_rcentre *rc, const jz_report_opts *o)
{
    const jz_audits *a = o ? o->audit : NULL;
    if (!a)
        return;
    const jz_acentre *c = jz_audits_centre(a, rc->centre);
    fputs(DC_("html", "<h3>Integrity screens</h3>\n"), fp);
    if (!c) {
        fputs(DC_("html", "<p>Not audited: the audit has no rows of this centre.</p>\n"), fp);
        return;
    }
    fputs(DC_("html", "<p>Risk <b>"), fp);
    esc(fp, c->risk_text);
    fprintf(fp, DC_("html", "</b> / 100; %ld rows, %ld of them with warnings. jz-audit <span class=\"id\">"), c->rows,
            c->touched);
    esc(fp, a->rules_id);
    fputc(' ', fp);
    esc(fp, a->rules_version);
    fputs("</span>", fp);
    if (a->notice[0]) {
        fputs(DC_("html", ", notice "), fp);
        esc(fp, a->notice);
    }
    fputs(DC_("html", ".</p>\n<table><thead><tr><th>Screen</th><th>Status</th><th class=\"n\">Warnings</th><th "
                      "class=\"n\">Notes</th></tr></thead><tbody>\n"), fp);
    for (int s = 0; s < JZ_AU_NSCREENS; s++) {
        fputs("<tr>", fp);
        td(fp, "c", jz_audit_code((jz_screen)s));
        fputs("<td>", fp);
        esc(fp, audit_status_zh(a->screens[s].status));
        if (a->screens[s].why[0]) {
            char t[4096];
            fputs(DC_("html", ": "), fp);
            esc(fp, jz_doc_audit_text(a->screens[s].why, t, sizeof t));
        }
        fprintf(fp, "</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td></tr>\n", c->warnings[s], c->notes[s]);
    }
    fputs("</tbody></table>\n", fp);
    size_t idx[JZ_REPORT_AUDIT_WORST];
    size_t total = jz_audits_worst(a, c->centre, idx, JZ_REPORT_AUDIT_WORST);
    size_t shown = total < JZ_REPORT_AUDIT_WORST ? total : JZ_REPORT_AUDIT_WORST;
    if (!shown)
        return;
    fprintf(fp, DC_("html", "<p>Worst findings (%zu in all, %zu shown):</p>\n<table><thead><tr><th>Where</th><th>Severity</th>"
                            "<th>Message</th><th>Screen</th></tr></thead><tbody>\n"), total, shown);
    for (size_t i = 0; i < shown; i++) {
        const jz_afinding *f = &a->findings[idx[i]];
        char where[1200];
        fputs("<tr>", fp);
        char t[4096];
        td(fp, "sha", jz_report_audit_where(f, true, where, sizeof where));
        td(fp, "c", f->warning ? DC_("html", "warning") : DC_("html", "note"));
        td(fp, NULL, jz_doc_audit_text(f->message, t, sizeof t));
        td(fp, "c", jz_audit_code(f->screen));
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table>\n", fp);
}

static void html_rollup(FILE *fp, const jz_results *r, const jz_report_opts *o)
{
    jz_rollup ru;
    jz_rollup_make(r, &ru);
    const jz_rfile *f = &r->files[0];
    bool pay_col = o && o->rules && o->rules->has_payment;
    fprintf(fp, DC_("html", "<section class=\"rollup\">\n<h1>District roll-up: %zu family service centres</h1>\n<p class=\"sub\">"
                            "%s "),
            r->ncentres, f->hours_only ? DC_("html", "Contract rules") : DC_("html", "Rubric"));
    esc(fp, f->rubric_title);
    fputs(" <span class=\"id\">", fp);
    esc(fp, f->rubric_id);
    fputc(' ', fp);
    esc(fp, f->rubric_version);
    fputs("</span>", fp);
    if (!f->hours_only) {
        char iss[1200];
        fputs(DC_("html", " ("), fp);
        esc(fp, jz_report_issuer(f, iss, sizeof iss));
        fputs(DC_("html", ")"), fp);
    }
    fputs("</p>\n", fp);
    rollup_grades(fp, r, &ru);
    fputs(DC_("html", "<h3>Ranking</h3>\n<table><thead><tr><th class=\"n\">Place</th><th>Centre</th><th>Street</th>"
                      "<th class=\"n\">Total</th><th>Grade</th>"),
          fp);
    if (o && o->previous)
        fputs(DC_("html", "<th class=\"n\">Previous total</th><th class=\"n\">Change</th><th>Previous grade</th>"), fp);
    fputs(DC_("html", "<th>Hours checks</th>"), fp);
    if (pay_col)
        fputs(DC_("html", "<th>Payment</th>"), fp);
    fputs("</tr></thead><tbody>\n", fp);
    for (size_t i = 0; i < ru.n; i++)
        rollup_rank_row(fp, r, &r->centres[ru.rank[i]], i + 1, pay_col, o);
    fputs("</tbody></table>\n", fp);
    rollup_failing(fp, r, &ru);
    html_audit_rollup(fp, r, o);
    fputs("</section>\n", fp);
    jz_rollup_free(&ru);
}

/* ---- centre header ---- */

static void fact(FILE *fp, const char *label, const char *value)
{
    fprintf(fp, "<dt>%s</dt><dd>", label);
    esc(fp, value[0] ? value : "—");
    fputs("</dd>\n", fp);
}

static void centre_facts(FILE *fp, const jz_rcentre *c)
{
    char n[40];
    fputs("<dl class=\"facts\">\n", fp);
    fact(fp, DC_("html", "Centre"), c->centre);
    fact(fp, DC_("html", "Street"), c->street);
    fact(fp, DC_("html", "District"), c->district);
    fact(fp, DC_("html", "Operator"), c->operator_);
    fact(fp, DC_("html", "Contract"), c->contract);
    if (c->start[0] || c->end[0]) {
        fputs(DC_("html", "<dt>Contract period</dt><dd>"), fp);
        esc(fp, c->start[0] ? D(c->start) : "?");
        fputs(DC_("html", " to "), fp);
        esc(fp, c->end[0] ? D(c->end) : "?");
        fputs("</dd>\n", fp);
    }
    fputs(DC_("html", "<dt>As of</dt><dd>"), fp);
    esc(fp, D(c->as_of));
    if (c->as_of_reason[0]) {
        fputs(DC_("html", " <span class=\"muted\">("), fp);
        esc(fp, T(c->as_of_reason));
        fputs(DC_("html", ")</span>"), fp);
    }
    fputs("</dd>\n", fp);
    if (c->records >= 0)
        fact(fp, DC_("html", "Service records"), thousands(c->records, n, sizeof n));
    fputs("</dl>\n", fp);
}

static void centre_grade(FILE *fp, const jz_rfile *f, const jz_rcentre *c, const jz_report_opts *o)
{
    char b[32];
    if (f->hours_only) {  /* a jz-hours result: compliance, not a grade */
        const char *st = jz_rcentre_hours_status(c);
        bool ok = strcmp(st, "ok") == 0, unchecked = strcmp(st, "n/a") == 0;
        fprintf(fp, "<div class=\"grade %s\"><div class=\"g\">%s</div><div class=\"note\">%s</div></div>\n",
                ok ? "g-top" : unchecked ? "g-none" : "g-fail", ok ? DC_("html", "compliant") : unchecked ? DC_("html", "not checked") : DC_("html", "not compliant"),
                ok ? DC_("html", "service hours and staffing") : unchecked ? DC_("html", "no service records")
                                                      : DC_("html", "service hours or staffing short"));
        return;
    }
    if (!c->scored) {  /* no records in the run: not a 0, not a failing grade */
        fputs(DC_("html", "<div class=\"grade g-none\"><div class=\"g\">not scored</div><div class=\"note\">"), fp);
        esc(fp, T(c->grade_note));
        fputs("</div></div>\n", fp);
        return;
    }
    fprintf(fp, "<div class=\"grade %s\"><div class=\"g\">", grade_class(f, c));
    esc(fp, grade_text(c));
    if (!c->grade[0]) {
        fputs(DC_("html", "</div><div class=\"note\">the re-weighted "), fp);
        esc(fp, numtext(&c->total));
        fputs(DC_("html", " is not a score"), fp);
    }
    fputs("</div><div class=\"t\">", fp);
    esc(fp, c->grade[0] ? numtext(&c->total) : "—");
    fputs(" <span class=\"of\">/ ", fp);
    esc(fp, numtext(&f->scale));
    fputs(DC_("html", " points</span></div>"), fp);
    if (c->grade_note[0]) {
        fputs("<div class=\"note\">", fp);
        esc(fp, T(c->grade_note));
        fputs("</div>", fp);
    }
    if (c->deductions.fp > 0) {
        fputs(DC_("html", "<div class=\"note\">deducted "), fp);
        esc(fp, c->deductions.text);
        fputs(DC_("html", " points</div>"), fp);
    }
    if (c->coverage.fp >= 0 && c->coverage.fp < 10000)
        fprintf(fp, DC_("html", "<div class=\"note\">applicable indicators: %s of the points</div>"), pct(c->coverage.fp, b, sizeof b));
    for (size_t i = 0; i < c->napplied; i++)
        if (strcmp(c->applied[i].what, "veto") == 0) {
            fputs(DC_("html", "<div class=\"note\"><b>veto</b> "), fp);
            esc(fp, c->applied[i].title);
            if (c->applied[i].points.text[0]) {
                fputs(DC_("html", ": total capped at "), fp);
                esc(fp, c->applied[i].points.text);
            }
            fputs("</div>", fp);
        }
    const jz_dcentre *d = o && o->previous ? jz_result_diff_centre(o->previous, c) : NULL;
    if (d && d->a) {
        char a[40], ch[40];
        fputs(DC_("html", "<div class=\"note\">previous "), fp);
        esc(fp, jz_dnum_format(&d->total, 'a', a, sizeof a)[0] ? a : "—");
        fputc(' ', fp);
        esc(fp, grade_text(d->a));
        fputs(DC_("html", ", change "), fp);
        esc(fp, jz_dnum_format(&d->total, 'd', ch, sizeof ch)[0] ? ch : "—");
        fputs("</div>", fp);
    }
    fputs("</div>\n", fp);
}

static void centre_header(FILE *fp, const jz_results *r, const jz_rcentre *c, const jz_report_opts *o, bool brk)
{
    const jz_rfile *f = &r->files[c->file];
    fprintf(fp, "<section class=\"centre%s\">\n<h2>", brk ? " pb" : "");
    esc(fp, c->centre);
    fputc(' ', fp);
    esc(fp, c->street);
    fputs(DC_("html", " family service centre: evaluation results</h2>\n<p class=\"sub\">"), fp);
    esc(fp, f->rubric_title);
    if (!f->hours_only) {
        char iss[1200];
        fputs(DC_("html", " ("), fp);
        esc(fp, jz_report_issuer(f, iss, sizeof iss));
        fputs(DC_("html", ")"), fp);
    }
    fputs("</p>\n<div class=\"head\">\n", fp);
    centre_facts(fp, c);
    centre_grade(fp, f, c, o);
    fputs("</div>\n", fp);
}

/* ---- section chart (inline SVG) ---- */

enum { CH_W = 760, CH_LABEL = 8, CH_BAR_X = 262, CH_BAR_W = 310, CH_NUM_X = 584, CH_ROW = 24, CH_GAP = 8,
       CH_BAR_H = 14 };

static int chart_height(const jz_rcentre *c)
{
    int h = 6, rows = 0;
    for (size_t s = 0; s < c->nsec; s++)
        if (c->sec[s].depth >= 1 && c->sec[s].depth <= 2) {
            h += CH_ROW + (c->sec[s].depth == 1 && rows ? CH_GAP : 0);
            rows++;
        }
    return h + 4;
}

static void chart_label(FILE *fp, const jz_rsec *s, int y)
{
    const char *t = s->title[0] ? s->title : s->id;
    bool cut;
    size_t n = fit_width(t, short_len(t), s->depth == 1 ? 32 : 30, &cut);
    fprintf(fp, "<text x=\"%d\" y=\"%d\"%s><title>", CH_LABEL + (s->depth - 1) * 16, y + CH_BAR_H - 2,
            s->depth == 1 ? " class=\"l1\"" : "");
    esc(fp, t);
    fputs("</title>", fp);
    escn(fp, t, n);
    fputs(cut ? "…</text>" : "</text>", fp);
}

static void chart_row(FILE *fp, const jz_rsec *s, int y)
{
    char b[32];
    chart_label(fp, s, y);
    fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#eef2f6\" stroke=\"#b7c3cf\"/>",
            CH_BAR_X, y, CH_BAR_W, CH_BAR_H);
    int64_t e = s->earned.fp, p = s->possible.fp;
    if (p > 0 && e > 0) {
        int64_t w = (int64_t)CH_BAR_W * (e > p ? p : e) / p;
        fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"%" PRId64 "\" height=\"%d\" fill=\"%s\"/>", CH_BAR_X, y, w,
                CH_BAR_H, s->depth == 1 ? "#3f6f9f" : "#86a9cc");
    }
    fprintf(fp, "<text class=\"num%s\" x=\"%d\" y=\"%d\">", s->depth == 1 ? " l1" : "", CH_NUM_X, y + CH_BAR_H - 2);
    if (p > 0) {
        esc(fp, s->earned.text);
        fputs(" / ", fp);
        esc(fp, s->possible.text);
        fprintf(fp, "  (%s)", pct(e * 10000 / p, b, sizeof b));
    } else {
        fputs(DC_("html", "not applicable"), fp);
    }
    fputs("</text>\n", fp);
}

static void centre_chart(FILE *fp, const jz_rcentre *c)
{
    fputs(DC_("html", "<h3>Section scores (earned / possible)</h3>\n"), fp);
    int h = chart_height(c);
    if (h <= 10) {
        fputs(DC_("html", "<p>The result has no section scores.</p>\n"), fp);
        return;
    }
    fprintf(fp, DC_("html", "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
                            "height=\"%d\" role=\"img\" aria-label=\"Section scores\">\n"),
            CH_W, h, CH_W, h);
    int y = 6, rows = 0;
    for (size_t s = 0; s < c->nsec; s++) {
        const jz_rsec *sec = &c->sec[s];
        if (sec->depth < 1 || sec->depth > 2)
            continue;
        if (sec->depth == 1 && rows)
            y += CH_GAP;
        chart_row(fp, sec, y);
        y += CH_ROW;
        rows++;
    }
    fputs("</svg>\n", fp);
}

/* ---- indicators ---- */

static const jz_rsec *find_sec(const jz_rcentre *c, const char *id)
{
    for (size_t s = 0; s < c->nsec; s++)
        if (strcmp(c->sec[s].id, id) == 0)
            return &c->sec[s];
    return NULL;
}

static void ind_row(FILE *fp, const jz_rcentre *c, const jz_rind *ind)
{
    char b[32];
    const jz_rsec *sec = find_sec(c, ind->section);
    const char *party = LOOKUP(PARTY, ind->party);
    fputs("<tbody class=\"ind\"><tr class=\"main\"><td>", fp);
    esc(fp, ind->title);
    fputs("<br><span class=\"id\">", fp);
    esc(fp, ind->id);
    fputs("</span></td><td>", fp);
    if (sec && sec->title[0])
        escn(fp, sec->title, short_len(sec->title));
    else
        esc(fp, ind->section);
    fputs("</td>", fp);
    td(fp, "c", party ? party : ind->party);
    td(fp, "r", ind->value_text[0] ? T(ind->value_text) : numtext(&ind->value));
    td(fp, "n", numtext(&ind->target));
    td(fp, "n", ind->ratio.fp >= 0 ? pct(ind->ratio.fp, b, sizeof b) : "—");
    fputs("<td class=\"n\">", fp);
    esc(fp, ind->earned.fp >= 0 ? ind->earned.text : "—");
    fputs(" / ", fp);
    esc(fp, numtext(&ind->possible));
    fprintf(fp, "</td><td class=\"c %s\">", status_class(ind->status));
    esc(fp, LOOKUP(ISTATUS, ind->status) ? LOOKUP(ISTATUS, ind->status) : ind->status);
    fputs(DC_("html", "</td></tr>\n<tr class=\"deriv\"><td colspan=\"8\"><div>Derivation: "), fp);
    esc(fp, T(ind->derivation));
    fputs("</div></td></tr></tbody>\n", fp);
}

static void centre_indicators(FILE *fp, const jz_rcentre *c)
{
    fprintf(fp, DC_("html", "<h3>Indicators (%zu)</h3>\n"), c->nind);
    fputs(DC_("html", "<table class=\"inds\"><thead><tr><th>Indicator / id</th><th>Section</th><th>Party</th>"
                      "<th class=\"n\">Value</th><th class=\"n\">Target</th><th class=\"n\">Achieved</th><th class=\"n\">"
                      "Earned / possible</th><th>Status</th></tr></thead>\n"),
          fp);
    for (size_t i = 0; i < c->nind; i++)
        ind_row(fp, c, &c->ind[i]);
    fputs("</table>\n", fp);
}

/* ---- vetoes, deductions, disagreements ---- */

static void centre_applied(FILE *fp, const jz_rcentre *c)
{
    fputs(DC_("html", "<h3>Vetoes and deductions</h3>\n"), fp);
    if (!c->napplied) {
        fputs(DC_("html", "<p>No vetoes or deductions.</p>\n"), fp);
        return;
    }
    fputs(DC_("html", "<table><thead><tr><th>Kind</th><th>Title</th><th class=\"n\">Points off</th><th class=\"n\">"
                      "Total capped at</th><th>Detail</th></tr></thead><tbody>\n"),
          fp);
    for (size_t i = 0; i < c->napplied; i++) {
        const jz_rapplied *a = &c->applied[i];
        bool deduction = strcmp(a->what, "deduction") == 0;
        fputs("<tr class=\"bad\"><td class=\"c st-bad\">", fp);
        esc(fp, LOOKUP(APPLIED, a->what) ? LOOKUP(APPLIED, a->what) : jz_doc_code("applied", a->what));
        fputs("</td>", fp);
        td(fp, strcmp(a->what, "veto") == 0 ? "c" : "id c", a->title);
        /* a deduction takes points off; a veto or the deductions' cap is a cap, not a deduction */
        td(fp, "n", deduction ? numtext(&a->points) : "");
        td(fp, "n", deduction ? "" : a->points.text[0] ? numtext(&a->points) : "—");
        td(fp, NULL, T(a->detail));
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table>\n", fp);
}

static void disagreement_rows(FILE *fp, const jz_rind *ind)
{
    for (size_t k = 0; k < ind->nscores; k++) {
        fputs("<tr>", fp);
        if (k == 0) {
            fprintf(fp, "<td rowspan=\"%zu\">", ind->nscores);
            esc(fp, ind->title);
            fputs("<br><span class=\"id\">", fp);
            esc(fp, ind->id);
            fprintf(fp, "</span></td><td class=\"n\" rowspan=\"%zu\">", ind->nscores);
            esc(fp, numtext(&ind->spread));
            fputs("</td>", fp);
        }
        td(fp, "c", ind->scores[k].evaluator);
        td(fp, "n", numtext(&ind->scores[k].score));
        td(fp, NULL, ind->scores[k].comment[0] ? ind->scores[k].comment : "—");
        fputs("</tr>\n", fp);
    }
}

static void centre_disagreements(FILE *fp, const jz_rcentre *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nind; i++)
        n += c->ind[i].disagreement;
    fputs(DC_("html", "<h3>Evaluators' disagreement</h3>\n"), fp);
    if (!n) {
        fputs(DC_("html", "<p>None: the evaluators agree (within the rubric's tolerance).</p>\n"), fp);
        return;
    }
    fputs(DC_("html", "<table><thead><tr><th>Indicator</th><th class=\"n\">Spread</th><th>Evaluator</th><th class=\"n\">"
                      "Score</th><th>Comment</th></tr></thead>\n"),
          fp);
    for (size_t i = 0; i < c->nind; i++)
        if (c->ind[i].disagreement && c->ind[i].nscores) {
            fputs("<tbody class=\"ind\">\n", fp);
            disagreement_rows(fp, &c->ind[i]);
            fputs("</tbody>\n", fp);
        }
    fputs("</table>\n", fp);
}

/* ---- hours checks ---- */

/* The check's Chinese name over its id. */
static void check_name(FILE *fp, const char *check)
{
    const char *zh = LOOKUP(CHECK, check);
    if (zh)
        fprintf(fp, "%s<br>", zh);
    fputs("<span class=\"id\">", fp);
    esc(fp, check);
    fputs("</span>", fp);
}

static void check_amount(FILE *fp, const jz_rcheck *h, int64_t v)
{
    char b[40];
    if (v < 0)
        fputs("<td class=\"n\">—</td>", fp);
    else if (strcmp(h->unit, "minutes") == 0)
        fprintf(fp, DC_("html", "<td class=\"n\">%s h</td>"), jz_minutes_format(v, 1, true, b));
    else {
        fprintf(fp, "<td class=\"n\">%s ", thousands(v, b, sizeof b));
        esc(fp, LOOKUP(UNIT, h->unit) ? LOOKUP(UNIT, h->unit) : h->unit);
        fputs("</td>", fp);
    }
}

static void centre_hours(FILE *fp, const jz_rcentre *c)
{
    char b[32];
    fputs(DC_("html", "<h3>Service hours and staffing checks</h3>\n"), fp);
    if (!c->nhours) {
        fputs(DC_("html", "<p>The result has no hours checks.</p>\n"), fp);
        return;
    }
    fputs(DC_("html", "<table><thead><tr><th>Check</th><th class=\"n\">Required</th><th class=\"n\">Delivered</th>"
                      "<th class=\"n\">Ratio</th><th>Status</th><th>Detail</th></tr></thead><tbody>\n"),
          fp);
    for (size_t i = 0; i < c->nhours; i++) {
        const jz_rcheck *h = &c->hours[i];
        const char *cls = status_class(h->status);
        fprintf(fp, "<tr%s><td>", strcmp(cls, "st-bad") == 0 ? " class=\"bad\"" : "");
        check_name(fp, h->check);
        fputs("</td>", fp);
        check_amount(fp, h, h->required);
        check_amount(fp, h, h->delivered);
        td(fp, "n", h->ratio.fp >= 0 ? pct(h->ratio.fp, b, sizeof b) : "—");
        fprintf(fp, "<td class=\"c %s\">", cls);
        esc(fp, LOOKUP(HSTATUS, h->status) ? LOOKUP(HSTATUS, h->status) : h->status);
        fputs("</td>", fp);
        td(fp, NULL, T(h->detail));
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table>\n", fp);
}

/* ---- verification (jz-verify) ---- */

static void verify_row(FILE *fp, const char *label, const char *fac[3], const char *reading)
{
    fputs("<tr><td>", fp);
    esc(fp, label);
    fputs("</td>", fp);
    td(fp, "n", fac[0]);
    fputs("<td class=\"n\">", fp);
    esc(fp, fac[1]);
    fputs(" – ", fp);
    esc(fp, fac[2]);
    fputs("</td>", fp);
    td(fp, strcmp(reading, "within") == 0 ? "c st-ok" : strcmp(reading, "n/a") == 0 ? "c" : "c st-bad", jz_report_reading(reading));
    fputs("</tr>\n", fp);
}

static void centre_verification(FILE *fp, const jz_rcentre *c, const jz_report_opts *o)
{
    const jz_vcentre *v = o && o->verification ? jz_vresults_find(o->verification, c->centre) : NULL;
    char line[256];
    if (!v)
        return;
    fputs(DC_("html", "<h3>Verification sample</h3>\n<p>"), fp);
    snprintf(line, sizeof line, DC_("html", "%ld items drawn, %ld checked: %ld verified, %ld differ, %ld not found; %ld not checked "
                                            "(%s)."), v->drawn,
             v->checked, v->verified, v->differs, v->not_found, v->not_checked, o->verification->path);
    esc(fp, line);
    fputs(DC_("html", "</p>\n<table><thead><tr><th>Verification factor</th><th class=\"n\">Estimate</th><th class=\"n\">"
                      "Interval</th><th>Reading</th></tr></thead><tbody>\n"), fp);
    const char *h[3] = {v->hours_fac[0], v->hours_fac[1], v->hours_fac[2]};
    const char *p[3] = {v->part_fac[0], v->part_fac[1], v->part_fac[2]};
    verify_row(fp, DC_("html", "working hours"), h, v->hours_reading);
    verify_row(fp, DC_("html", "attendances"), p, v->part_reading);
    fputs("</tbody></table>\n<p>", fp);
    snprintf(line, sizeof line, DC_("html", "reported hours %s, estimated true %s, overstated %s (one-sided lower bound %s)."), v->reported_h, v->true_h,
             v->over_h, v->over_lb_h);
    esc(fp, line);
    fputs("</p>\n", fp);
}

/* ---- payment and the centre's closing line ---- */

static void centre_payment(FILE *fp, const jz_results *r, const jz_rcentre *c, const jz_report_opts *o)
{
    char pay[512];
    if (!payment(r, c, o, pay, sizeof pay))
        return;
    const jz_rfile *f = &r->files[c->file];
    bool fail = !jz_rfile_grade_at_least(f, c->grade, o->rules->pass_grade);
    fprintf(fp, DC_("html", "<h3>Payment</h3>\n<p class=\"pay%s\">"), fail ? " g-fail" : "");
    esc(fp, pay);
    fputs("</p>\n", fp);
}

static void centre_source(FILE *fp, const jz_results *r, const jz_rcentre *c)
{
    const jz_rfile *f = &r->files[c->file];
    fputs(DC_("html", "<p class=\"muted\" style=\"font-size:85%\">Rubric "), fp);
    esc(fp, f->rubric_id);
    fputc(' ', fp);
    esc(fp, f->rubric_version);
    fputs(DC_("html", " (sha256 <span class=\"sha\">"), fp);
    esc(fp, f->rubric_sha256);
    fputs(DC_("html", "</span>); result file "), fp);
    esc(fp, f->path);
    fputs(DC_("html", ", written by "), fp);
    esc(fp, f->tool);
    fputs(DC_("html", ". The input files are listed at the end of the report.</p>\n"), fp);
}

/* ---- the previous result (--previous) ---- */

static const char *const WHY_WORDS[JZ_WHY_N] = {NC_("html", "as-of date"), NC_("html", "rubric"), NC_("html", "service records"), NC_("html", "contracts"), NC_("html", "staff roster"), NC_("html", "evaluators' scores"),
                                             NC_("html", "satisfaction survey"), NC_("html", "findings"), NC_("html", "contract rules"), NC_("html", "holiday calendar"), NC_("html", "jz-score version"),
                                             NC_("html", "none of the recorded differences explains it")};

static void why_zh(FILE *fp, unsigned why)
{
    const char *sep = "";
    for (int k = 0; k < JZ_WHY_N; k++)
        if (why & (1u << k)) {
            fprintf(fp, "%s%s", sep, DC_("html", WHY_WORDS[k]));
            sep = DC_("html", ", ");
        }
    if (!why)
        fputs("—", fp);
}

static void previous_sections(FILE *fp, const jz_dcentre *d)
{
    char a[40], b[40], c[40];
    fputs(DC_("html", "<table><thead><tr><th>Section</th><th class=\"n\">Previous</th><th class=\"n\">Now</th><th "
                      "class=\"n\">Change</th><th>Why</th></tr></thead><tbody>\n"), fp);
    for (size_t k = 0; k < d->nsec; k++) {
        const jz_dsec *s = &d->sec[k];
        const jz_rsec *r = s->b ? s->b : s->a;
        if (r->depth < 1 || r->depth > 2)
            continue;
        fprintf(fp, "<tr><td%s>", r->depth > 1 ? " style=\"padding-left:22px\"" : "");
        esc(fp, r->title[0] ? r->title : r->id);
        fputs("</td>", fp);
        td(fp, "n", jz_dnum_format(&s->earned, 'a', a, sizeof a)[0] ? a : "—");
        td(fp, "n", jz_dnum_format(&s->earned, 'b', b, sizeof b)[0] ? b : "—");
        td(fp, "n", jz_dnum_format(&s->earned, 'd', c, sizeof c)[0] ? c : "—");
        fputs("<td>", fp);
        why_zh(fp, s->why);
        fputs("</td></tr>\n", fp);
    }
    fputs("</tbody></table>\n", fp);
}

static void previous_indicators(FILE *fp, const jz_dcentre *d)
{
    char a[40], b[40], c[40];
    if (!d->ind_changed)
        return;
    fprintf(fp, DC_("html", "<p>Indicators whose score or value changed (%zu):</p>\n<table><thead><tr><th>Indicator</th>"
                            "<th class=\"n\">Previous value</th><th class=\"n\">Value now</th><th class=\"n\">Previous "
                            "score</th><th class=\"n\">Score now</th><th class=\"n\">Change</th><th>Why</th></tr></thead>"
                            "<tbody>\n"), d->ind_changed);
    for (size_t k = 0; k < d->nind; k++) {
        const jz_dind *x = &d->ind[k];
        if (x->state == JZ_D_SAME)
            continue;
        fputs("<tr><td>", fp);
        esc(fp, (x->b ? x->b : x->a)->title);
        fputs("<br><span class=\"id\">", fp);
        esc(fp, x->id);
        fputs("</span></td>", fp);
        td(fp, "r", x->a && x->a->value_text[0] ? T(x->a->value_text) : "—");
        td(fp, "r", x->b && x->b->value_text[0] ? T(x->b->value_text) : "—");
        td(fp, "n", jz_dnum_format(&x->earned, 'a', a, sizeof a)[0] ? a : "—");
        td(fp, "n", jz_dnum_format(&x->earned, 'b', b, sizeof b)[0] ? b : "—");
        td(fp, "n", jz_dnum_format(&x->earned, 'd', c, sizeof c)[0] ? c : "—");
        fputs("<td>", fp);
        why_zh(fp, x->why);
        fputs("</td></tr>\n", fp);
    }
    fputs("</tbody></table>\n", fp);
}

static void previous_applied(FILE *fp, const jz_dcentre *d)
{
    char a[40], b[40];
    if (!d->applied_changed)
        return;
    fputs(DC_("html", "<p>Vetoes and deductions that changed:</p>\n<ul>\n"), fp);
    for (size_t k = 0; k < d->napplied; k++) {
        const jz_dapplied *x = &d->applied[k];
        if (x->state == JZ_D_SAME)
            continue;
        const jz_rapplied *r = x->b ? x->b : x->a;
        fprintf(fp, "<li>%s ", x->state == JZ_D_ADDED ? DC_("html", "added") : x->state == JZ_D_REMOVED ? DC_("html", "removed") : DC_("html", "changed"));
        esc(fp, LOOKUP(APPLIED, r->what) ? LOOKUP(APPLIED, r->what) : jz_doc_code("applied", r->what));
        fputs(" <span class=\"id\">", fp);
        esc(fp, r->id);
        fputs(DC_("html", "</span>: "), fp);
        esc(fp, jz_dnum_format(&x->points, 'a', a, sizeof a)[0] ? a : "—");
        fputs(" → ", fp);
        esc(fp, jz_dnum_format(&x->points, 'b', b, sizeof b)[0] ? b : "—");
        fputs("</li>\n", fp);
    }
    fputs("</ul>\n", fp);
}

static void centre_previous(FILE *fp, const jz_rcentre *c, const jz_report_opts *o)
{
    if (!o || !o->previous)
        return;
    const jz_dcentre *d = jz_result_diff_centre(o->previous, c);
    char a[40], ch[40];
    fputs(DC_("html", "<h3>Against the previous result</h3>\n<p>"), fp);
    if (!d || !d->a) {
        fputs(DC_("html", "The previous result <span class=\"sha\">"), fp);
        esc(fp, o->previous->fa->path);
        fputs(DC_("html", "</span> has no such centre.</p>\n"), fp);
        return;
    }
    fputs(DC_("html", "Previously <b>"), fp);
    esc(fp, jz_dnum_format(&d->total, 'a', a, sizeof a)[0] ? a : "—");
    fputs(DC_("html", " points "), fp);
    esc(fp, grade_text(d->a));
    fputs(DC_("html", "</b> (as of "), fp);
    esc(fp, d->a->as_of);
    fputs(DC_("html", ", <span class=\"sha\">"), fp);
    esc(fp, o->previous->fa->path);
    fputs(DC_("html", "</span>), now <b>"), fp);
    esc(fp, numtext(&c->total));
    fputs(DC_("html", " points "), fp);
    esc(fp, grade_text(c));
    fputs(DC_("html", "</b>, change <b>"), fp);
    esc(fp, jz_dnum_format(&d->total, 'd', ch, sizeof ch)[0] ? ch : "—");
    fputs(DC_("html", "</b>. Why: "), fp);
    why_zh(fp, d->why);
    fputs(DC_("html", ".</p>\n"), fp);
    if (d->state == JZ_D_CHANGED)
        previous_sections(fp, d);
    previous_indicators(fp, d);
    previous_applied(fp, d);
}

static void html_centre(FILE *fp, const jz_results *r, const jz_rcentre *c, const jz_report_opts *o, bool brk)
{
    centre_header(fp, r, c, o, brk);
    centre_payment(fp, r, c, o);
    centre_chart(fp, c);
    centre_previous(fp, c, o);
    centre_applied(fp, c);
    centre_hours(fp, c);
    centre_verification(fp, c, o);
    centre_disagreements(fp, c);
    centre_indicators(fp, c);
    html_audit(fp, c, o);
    centre_source(fp, r, c);
    fputs("</section>\n", fp);
}

/* ---- footer: provenance ---- */

static void footer_inputs(FILE *fp, const jz_rfile *f)
{
    if (!f->ninputs)
        return;
    fputs(DC_("html", "<table><thead><tr><th>Role</th><th>Input file</th><th>SHA-256</th></tr></thead><tbody>"
                      "\n"), fp);
    for (size_t i = 0; i < f->ninputs; i++) {
        fputs("<tr><td class=\"c\">", fp);
        esc(fp, LOOKUP(ROLE, f->input_roles[i]) ? LOOKUP(ROLE, f->input_roles[i]) : f->input_roles[i]);
        fputs("</td>", fp);
        /* "rules/x.yaml (bundled)": the file jiazong ships, said in Chinese */
        const char *file = f->input_files[i];
        size_t n = strlen(file), tail = strlen(" (bundled)");
        if (n > tail && strcmp(file + n - tail, " (bundled)") == 0) {
            fputs("<td class=\"sha\">", fp);
            escn(fp, file, n - tail);
            fputs(DC_("html", " (bundled)</td>"), fp);
        } else {
            td(fp, "sha", file);
        }
        td(fp, "sha", f->input_sha256[i][0] ? f->input_sha256[i] : DC_("html", "— (standard input, not computed)"));
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table>\n", fp);
}

static void footer_file(FILE *fp, const jz_rfile *f)
{
    fputs("<dl class=\"facts\">\n", fp);
    fact(fp, DC_("html", "Result file"), f->path);
    fact(fp, DC_("html", "Written by"), f->tool);
    fact(fp, DC_("html", "Rubric"), f->rubric_title);
    if (!f->hours_only) {
        const char *st = f->rubric_status;
        fact(fp, DC_("html", "Rubric status"), strcmp(st, "official") == 0 ? DC_("html", "official") : strcmp(st, "draft") == 0 ? DC_("html", "draft, not yet in force")
                             : strcmp(st, "example") == 0 ? DC_("html", "example, not an official rubric") : DC_("html", "not stated"));
        fact(fp, DC_("html", "Issued by"), f->rubric_issued_by);
        fact(fp, DC_("html", "Document"), f->rubric_document);
    }
    fputs(DC_("html", "<dt>Rubric id and version</dt><dd><span class=\"sha\">"), fp);
    esc(fp, f->rubric_id);
    fputc(' ', fp);
    esc(fp, f->rubric_version);
    fputs(DC_("html", "</span></dd>\n<dt>Rubric SHA-256</dt><dd class=\"sha\">"), fp);
    esc(fp, f->rubric_sha256[0] ? f->rubric_sha256 : "—");
    fputs(DC_("html", "</dd>\n<dt>Pass grade</dt><dd>"), fp);
    esc(fp, f->pass_grade);
    fputs("</dd>\n</dl>\n", fp);
    footer_inputs(fp, f);
}

static void html_footer(FILE *fp, const jz_results *r, const jz_report_opts *o)
{
    fputs(DC_("html", "<footer class=\"prov\">\n<h3>Reproducibility</h3>\n<p>With the same version of jz-score, "
                      "the same rubric (the same SHA-256) and the input files below (the same SHA-256), anyone "
                      "computes the same results.</p>\n"),
          fp);
    for (size_t i = 0; i < r->nfiles; i++)
        footer_file(fp, &r->files[i]);
    if (o && o->previous) {
        fputs(DC_("html", "<p>The previous result compared:</p>\n"), fp);
        footer_file(fp, o->previous->fa);
    }
    if (o && o->rules && o->rules->has_payment) {
        fputs(DC_("html", "<p>Payment rules <span class=\"sha\">"), fp);
        esc(fp, o->rules->id);
        fputc(' ', fp);
        esc(fp, o->rules->version);
        fputs(DC_("html", "</span> ("), fp);
        const char *base = o->rules->path ? strrchr(o->rules->path, '/') : NULL;
        esc(fp, base ? base + 1 : o->rules->path);
        fputs(DC_("html", ")</p>\n"), fp);
    }
    fputs("</footer>\n", fp);
}

/* ---- the page ---- */

void jz_report_html(FILE *fp, const void *doc)
{
    const jz_results *r = ((const jz_report_doc *)doc)->results;
    const jz_report_opts *o = ((const jz_report_doc *)doc)->opts;
    html_head(fp, r);
    if (!r->ncentres)
        fputs(DC_("html", "<p>The result has no centres.</p>\n"), fp);
    if (r->ncentres > 1)
        html_rollup(fp, r, o);
    for (size_t i = 0; i < r->ncentres; i++)
        html_centre(fp, r, &r->centres[i], o, i > 0 || r->ncentres > 1);
    if (r->nfiles)
        html_footer(fp, r, o);
    fputs("</body>\n</html>\n", fp);
}
