/* score_write.c — see include/jz/score_write.h */
#include "jz/score_write.h"
#include "jz/i18n.h"
#include "jz/text.h"
#include "jz/sha256.h"
#include "jz/emit.h"
#include "jz/report_lang.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool jz_file_sha256(const char *path, char hex[65])
{
    hex[0] = '\0';
    if (strcmp(path, "-") == 0)
        return false;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return false;
    jz_sha256_ctx c;
    jz_sha256_init(&c);
    enum { BUF = 1 << 20 };
    unsigned char *buf = jz_xmalloc(BUF);  /* per call: files are hashed on several threads */
    ssize_t n;
    while ((n = read(fd, buf, BUF)) > 0)
        jz_sha256_update(&c, buf, (size_t)n);
    bool ok = n == 0;
    free(buf);
    close(fd);
    jz_sha256_final_hex(&c, hex);
    return ok;
}

static const char *method_name(const jz_indicator *ind)
{
    return jz_measure_kind(ind->m.kind)->key;
}

static const char *score_name(const jz_indicator *ind)
{
    static const char *const names[] = {"proportional", "bands", "efficacy", "threshold", "direct", "piecewise"};
    return names[ind->score.method];
}

/* A fixed-point number for json/csv with the rubric's decimals, or null/empty when it does
 * not exist (JZ_NONE); zero and negative numbers are numbers. */
static void num(FILE *fp, int64_t v, int decimals, const char *none)
{
    char b[32];
    fputs(v == JZ_NONE ? none : jz_fp_format(v, decimals, b, sizeof b), fp);
}

static void kv(FILE *fp, const char *k, const char *v, bool comma)
{
    fprintf(fp, "%s\"%s\":", comma ? "," : "", k);
    jz_json_string(fp, v ? v : "");
}

static void json_indicator(FILE *fp, const jz_rubric *rb, const jz_ind_result *r)
{
    fputs("{", fp);
    kv(fp, "id", r->ind->id, false);
    kv(fp, "title", r->ind->title, true);
    kv(fp, "section", r->section, true);
    kv(fp, "party", jz_party_name(r->ind->party), true);
    kv(fp, "measure", method_name(r->ind), true);
    kv(fp, "method", score_name(r->ind), true);
    fputs(",\"value\":", fp);
    num(fp, r->value, 4, "null");
    kv(fp, "value_text", r->value_text, true);
    kv(fp, "unit", jz_ind_unit(r->ind), true);
    fputs(",\"target\":", fp);
    num(fp, r->target, 4, "null");
    fputs(",\"ratio\":", fp);
    num(fp, r->ratio, 4, "null");
    fputs(",\"earned\":", fp);
    num(fp, r->status == JZ_IS_NA ? JZ_NONE : r->earned, rb->ind_decimals, "null");
    fputs(",\"possible\":", fp);
    num(fp, r->possible, rb->ind_decimals, "null");
    kv(fp, "status", jz_istatus_name(r->status), true);
    kv(fp, "derivation", r->derivation, true);
    if (r->ind->m.kind == JZ_M_ENTERED) {
        fputs(",\"scores\":[", fp);
        for (size_t i = 0; i < r->nscores; i++) {
            fputs(i ? ",{" : "{", fp);
            kv(fp, "evaluator", r->scores[i].evaluator, false);
            fputs(",\"score\":", fp);
            num(fp, r->scores[i].score, 2, "null");
            kv(fp, "comment", r->scores[i].comment, true);
            if (r->scores[i].dropped)  /* an outlier (outliers: drop): only written when true */
                fputs(",\"dropped\":true", fp);
            fputc('}', fp);
        }
        fprintf(fp, "],\"disagreement\":%s,\"spread\":", r->disagreement ? "true" : "false");
        num(fp, r->nscores ? r->spread : JZ_NONE, 2, "null");
    }
    fputc('}', fp);
}

/* The title of what an applied item names (a veto's title, a section's title), for a fact. */
static const char *applied_title(const jz_centre_result *c, const char *what, const char *id)
{
    for (size_t i = 0; i < c->napplied; i++)
        if (strcmp(c->applied[i].what, what) == 0 && strcmp(c->applied[i].id, id) == 0)
            return c->applied[i].title;
    return "";
}

/* The veto cap that lowered the total (the last that did: each later one only lowers what
 * the earlier left), or NULL. */
static const jz_cap_fact *capped_by(const jz_centre_result *c)
{
    const jz_cap_fact *by = NULL;
    for (size_t i = 0; i < c->facts.ncaps; i++)
        if (strcmp(c->facts.caps[i].what, "veto") == 0 && c->facts.caps[i].after < c->facts.caps[i].before)
            by = &c->facts.caps[i];
    return by;
}

/* Whether veto id's cap was above the total when applied (it took nothing). */
static bool cap_took_nothing(const jz_centre_result *c, const char *id)
{
    for (size_t i = 0; i < c->facts.ncaps; i++)
        if (strcmp(c->facts.caps[i].what, "veto") == 0 && strcmp(c->facts.caps[i].id, id) == 0)
            return c->facts.caps[i].after >= c->facts.caps[i].before;
    return false;
}

/* The grade rule that decided the final grade (the first of them), or NULL. */
static const jz_grade_fact *forced_by(const jz_centre_result *c)
{
    for (size_t i = 0; i < c->facts.ngrades; i++)
        if (c->facts.grades[i].decided)
            return &c->facts.grades[i];
    return NULL;
}

/* "facts" (jiazong-score/3): every decision between the indicators and the grade, so that
 * a reader states it or turns it into a formula without re-deriving it (jz-score(1)). */
static void json_facts(FILE *fp, const jz_rubric *rb, const jz_centre_result *c)
{
    const jz_result_facts *f = &c->facts;
    fprintf(fp, ",\"facts\":{\"reweighted\":%s,\"reweighted_from\":[", f->reweighted ? "true" : "false");
    for (size_t i = 0; i < f->nfrom; i++) {
        if (i)
            fputc(',', fp);
        jz_json_string(fp, f->from[i]);
    }
    fputs("],\"na_points\":", fp);
    num(fp, f->reweighted ? f->na_points : JZ_NONE, rb->ind_decimals, "null");
    fputs(",\"scale\":", fp);
    num(fp, rb->scale, 0, "null");
    fputs(",\"total_exact\":", fp);
    if (c->scored && f->total_den > 0)
        fprintf(fp, f->total_den == 1 ? "\"%lld\"" : "\"%lld/%lld\"", (long long)f->total_num, (long long)f->total_den);
    else
        fputs("null", fp);
    fputs(",\"band_total\":", fp);
    num(fp, c->scored ? c->total : JZ_NONE, rb->total_decimals, "null");
    fputs(",\"grade_of_total\":", fp);
    if (c->scored && f->grade_of_total)
        jz_json_string(fp, f->grade_of_total);
    else
        fputs("null", fp);
    fputs(",\"caps\":[", fp);
    for (size_t i = 0; i < f->ncaps; i++) {
        const jz_cap_fact *x = &f->caps[i];
        bool total = strcmp(x->what, "veto") == 0;
        int dec = total ? rb->total_decimals : rb->ind_decimals;
        fputs(i ? ",{" : "{", fp);
        kv(fp, "what", x->what, false);
        kv(fp, "id", x->id, true);
        kv(fp, "title", applied_title(c, x->what, x->id), true);
        fputs(",\"cap\":", fp);
        num(fp, x->cap, dec, "null");
        fputs(",\"before\":", fp);
        num(fp, x->before, dec, "null");
        fputs(",\"after\":", fp);
        num(fp, x->after, dec, "null");
        fprintf(fp, ",\"lowered\":%s}", x->after < x->before ? "true" : "false");
    }
    fputs("],\"capped_by\":", fp);
    const jz_cap_fact *cb = capped_by(c);
    if (cb) {
        fputc('{', fp);
        kv(fp, "id", cb->id, false);
        kv(fp, "title", applied_title(c, "veto", cb->id), true);
        fputs(",\"cap\":", fp);
        num(fp, cb->cap, rb->total_decimals, "null");
        fputc('}', fp);
    } else {
        fputs("null", fp);
    }
    fputs(",\"grade_rules\":[", fp);
    for (size_t i = 0; i < f->ngrades; i++) {
        const jz_grade_fact *g = &f->grades[i];
        fputs(i ? ",{" : "{", fp);
        kv(fp, "what", g->what, false);
        kv(fp, "id", g->id, true);
        kv(fp, "title", applied_title(c, g->what, g->id), true);
        kv(fp, "grade", g->grade, true);
        kv(fp, "rows", g->rows, true);
        fprintf(fp, ",\"decided\":%s}", g->decided ? "true" : "false");
    }
    fputs("],\"grade_forced_by\":", fp);
    const jz_grade_fact *gb = forced_by(c);
    if (gb) {
        fputc('{', fp);
        kv(fp, "what", gb->what, false);
        kv(fp, "id", gb->id, true);
        kv(fp, "title", applied_title(c, gb->what, gb->id), true);
        kv(fp, "grade", gb->grade, true);
        fputc('}', fp);
    } else {
        fputs("null", fp);
    }
    fputc('}', fp);
}

static void json_centre(FILE *fp, const jz_rubric *rb, const jz_centre_result *c)
{
    const jz_contract *k = c->contract;
    char d[11];
    fputs("{", fp);
    kv(fp, "contract", k->id, false);
    kv(fp, "centre", k->centre, true);
    kv(fp, "district", k->district, true);
    kv(fp, "street", k->street, true);
    kv(fp, "operator", k->operator_, true);
    kv(fp, "start", jz_date_format(k->start, d), true);
    kv(fp, "end", jz_date_format(k->end, d), true);
    kv(fp, "as_of", jz_date_format(c->as_of, d), true);
    kv(fp, "as_of_reason", c->as_of_reason, true);
    /* a centre without a grade has no total: the figure computed for it (re-weighted from too
     * few points) is "ungraded_total", never "total" (issue 11 item 11) */
    bool graded = c->scored && c->grade;
    fprintf(fp, ",\"records\":%ld,\"scored\":%s,\"total\":", c->records, c->scored ? "true" : "false");
    num(fp, graded ? c->total : JZ_NONE, rb->total_decimals, "null");
    fputs(",\"ungraded_total\":", fp);
    num(fp, c->scored && !graded ? c->total : JZ_NONE, rb->total_decimals, "null");
    fputs(",\"grade\":", fp);
    if (c->grade)
        jz_json_string(fp, c->grade);
    else
        fputs("null", fp);
    kv(fp, "grade_note", c->grade_note, true);
    fputs(",\"earned\":", fp);
    num(fp, c->earned, rb->ind_decimals, "null");
    fputs(",\"applicable\":", fp);
    num(fp, c->applicable, rb->ind_decimals, "null");
    fputs(",\"coverage\":", fp);
    num(fp, c->coverage, 4, "null");
    fputs(",\"reweighted\":", fp);
    num(fp, c->reweighted, 4, "null");
    fputs(",\"deductions\":", fp);
    num(fp, c->deductions, rb->ind_decimals, "null");
    fputs(",\"sections\":[", fp);
    for (size_t i = 1; i < c->nsec; i++) {  /* 0 is the whole rubric */
        const jz_sec_result *s = &c->sec[i];
        fputs(i > 1 ? ",{" : "{", fp);
        kv(fp, "id", s->sec->id, false);
        kv(fp, "title", s->sec->title, true);
        kv(fp, "party", jz_party_name(s->sec->party), true);
        fprintf(fp, ",\"depth\":%d,\"earned\":", s->sec->depth);
        num(fp, s->earned, rb->ind_decimals, "null");
        fputs(",\"possible\":", fp);
        num(fp, s->possible, rb->ind_decimals, "null");
        fputs(",\"points\":", fp);
        num(fp, s->sec->points, rb->ind_decimals, "null");
        fputc('}', fp);
    }
    fputs("],\"indicators\":[", fp);
    for (size_t i = 0; i < c->nind; i++) {
        fputs(i ? ",\n   " : "\n   ", fp);
        json_indicator(fp, rb, &c->ind[i]);
    }
    fputs("],\"hours\":[", fp);
    for (size_t i = 0; c->hours && i < c->hours->n; i++) {
        const jz_check *x = &c->hours->checks[i];
        fputs(i ? ",{" : "{", fp);
        kv(fp, "check", x->name, false);
        fputs(",\"required\":", fp);
        x->required < 0 ? fputs("null", fp) : fprintf(fp, "%lld", (long long)x->required);
        fputs(",\"delivered\":", fp);
        x->delivered < 0 ? fputs("null", fp) : fprintf(fp, "%lld", (long long)x->delivered);
        fprintf(fp, ",\"unit\":\"%s\",\"ratio\":",
                x->unit == JZ_UNIT_MINUTES ? "minutes" : x->unit == JZ_UNIT_PEOPLE ? "people" : "days");
        num(fp, x->ratio_bp < 0 ? JZ_NONE : x->ratio_bp, 4, "null");
        kv(fp, "status", jz_status_name(x->status), true);
        kv(fp, "detail", x->detail, true);
        fputc('}', fp);
    }
    fputs("],\"applied\":[", fp);
    for (size_t i = 0; i < c->napplied; i++) {
        fputs(i ? ",{" : "{", fp);
        kv(fp, "what", c->applied[i].what, false);
        kv(fp, "id", c->applied[i].id, true);
        kv(fp, "title", c->applied[i].title, true);
        fputs(",\"points\":", fp);
        num(fp, c->applied[i].points, rb->ind_decimals, "null");
        kv(fp, "detail", c->applied[i].detail, true);
        fputc('}', fp);
    }
    fputc(']', fp);
    json_facts(fp, rb, c);
    fputc('}', fp);
}

static void write_json(FILE *fp, const void *doc)
{
    const jz_score_report *rep = doc;
    const jz_rubric *rb = rep->rubric;
    fprintf(fp, "{\"schema\":\"%s\",\"tool\":\"jz-score %s\",\"rubric\":{", JZ_SCORE_SCHEMA, JZ_VERSION);
    kv(fp, "id", rb->id, false);
    kv(fp, "title", rb->title, true);
    if (rb->lang)
        kv(fp, "lang", rb->lang, true);
    else
        fputs(",\"lang\":null", fp);
    static const char *const said[] = {"issued_by", "document", "status"};
    const char *vals[] = {rb->issued_by, rb->document, rb->status};
    for (size_t i = 0; i < 3; i++)
        if (vals[i])
            kv(fp, said[i], vals[i], true);
        else
            fprintf(fp, ",\"%s\":null", said[i]);
    kv(fp, "version", rb->version, true);
    kv(fp, "sha256", rb->sha256, true);
    fputs(",\"scale\":", fp);
    num(fp, rb->scale, 0, "null");
    fputs(",\"grades\":[", fp);
    for (size_t i = 0; i < rb->ngrades; i++) {
        fputs(i ? ",{" : "{", fp);
        kv(fp, "grade", rb->grades[i].name, false);
        fputs(",\"min\":", fp);
        num(fp, rb->grades[i].min, rb->total_decimals, "null");
        fputc('}', fp);
    }
    fputc(']', fp);
    kv(fp, "pass_grade", rb->pass_grade, true);
    fputs("},\"rules\":{", fp);
    kv(fp, "id", rep->rules->id, false);
    kv(fp, "version", rep->rules->version, true);
    fputs("},\"inputs\":[", fp);
    for (size_t i = 0; i < rep->ninputs; i++) {
        fputs(i ? ",{" : "{", fp);
        kv(fp, "file", rep->inputs[i].path, false);
        kv(fp, "role", rep->inputs[i].role, true);
        fputs(",\"sha256\":", fp);
        if (rep->inputs[i].sha256[0])
            jz_json_string(fp, rep->inputs[i].sha256);
        else
            fputs("null", fp);
        fputc('}', fp);
    }
    fputs("],\"warnings\":[", fp);
    for (size_t i = 0; i < rep->nwarnings; i++) {
        const jz_score_warning *w = &rep->warnings[i];
        fputs(i ? ",{" : "{", fp);
        kv(fp, "file", w->file, false);
        fprintf(fp, ",\"line\":%ld,\"col\":%ld", w->line, w->col);
        kv(fp, "code", w->code, true);
        kv(fp, "message", w->message, true);
        fputc('}', fp);
    }
    fputs("],\n\"centres\":[", fp);
    for (size_t i = 0; i < rep->n; i++) {
        fputs(i ? ",\n  " : "\n  ", fp);
        json_centre(fp, rb, rep->results[i]);
    }
    fputs("]}\n", fp);
}

static void write_csv(FILE *fp, const void *doc)
{
    const jz_score_report *rep = doc;
    const jz_rubric *rb = rep->rubric;
    fputs("contract,centre,section,indicator,party,value,target,ratio,earned,possible,status,derivation\n", fp);
    for (size_t i = 0; i < rep->n; i++) {
        const jz_centre_result *c = rep->results[i];
        for (size_t k = 0; k < c->nind; k++) {
            const jz_ind_result *r = &c->ind[k];
            jz_csv_field(fp, c->contract->id);
            fputc(',', fp);
            jz_csv_field(fp, c->contract->centre);
            fputc(',', fp);
            jz_csv_field(fp, r->section);
            fputc(',', fp);
            jz_csv_field(fp, r->ind->id);
            fprintf(fp, ",%s,", jz_party_name(r->ind->party));
            num(fp, r->value, 4, "");
            fputc(',', fp);
            num(fp, r->target, 4, "");
            fputc(',', fp);
            num(fp, r->ratio, 4, "");
            fputc(',', fp);
            num(fp, r->status == JZ_IS_NA ? JZ_NONE : r->earned, rb->ind_decimals, "");
            fputc(',', fp);
            num(fp, r->possible, rb->ind_decimals, "");
            fprintf(fp, ",%s,", jz_istatus_name(r->status));
            jz_csv_field(fp, r->derivation);
            fputc('\n', fp);
        }
        /* the total as a row of its own, so a script needs no second file */
        jz_csv_field(fp, c->contract->id);
        fputc(',', fp);
        jz_csv_field(fp, c->contract->centre);
        fputs(",total,total,,", fp);
        int64_t total = c->scored && c->grade ? c->total : JZ_NONE;  /* no grade: no total */
        num(fp, total, rb->total_decimals, "");
        fputs(",,,", fp);
        num(fp, total, rb->total_decimals, "");
        fputc(',', fp);
        num(fp, rb->scale, 0, "");
        fputc(',', fp);
        jz_csv_field(fp, c->grade ? c->grade : c->scored ? "no grade" : "not scored");
        fputc(',', fp);
        jz_csv_field(fp, c->grade_note);
        fputc('\n', fp);
    }
}

/* The words of the text format that are enumerations in json and csv: shown in the
 * user's language (the json and csv keep the English names). */
static const char *const text_words[] = {
    N_("full"), N_("partial"), N_("zero"), N_("n/a"),                        /* jz_istatus_name */
    N_("contract end; no records"), N_("last record"), N_("contract end"),   /* as_of_reason */
    N_("deduction"), N_("veto"), N_("grade"),                                /* applied what */
    N_("proportional"), N_("bands"), N_("efficacy"), N_("threshold"), N_("direct"), N_("piecewise"),
    N_("third_party"), N_("buyer"), N_("supervisor"), N_("finance"), N_("community"), N_("none"), /* parties */
};

/* A sentence of the engine (derivation, value text, detail, note: written in English into
 * the json and csv) in the user's language, as jz-report renders it (report_lang.c: the
 * document language is the messages' in jz-score), its control characters escaped. */
static const char *says(const char *s, char buf[static 4096])
{
    return jz_text_show(jz_doc_text(s, buf, 4096));
}

static const char *word(const char *w)
{
    for (size_t i = 0; i < sizeof text_words / sizeof *text_words; i++)
        if (strcmp(text_words[i], w) == 0)
            return _(text_words[i]);
    return jz_text_show(w);
}

/* "earned / possible" with earned right-aligned in 10 columns and possible left-aligned
 * in 8 (display columns: "n/a" may be Chinese). */
static void points(FILE *fp, const char *earned, const char *possible)
{
    for (size_t w = jz_text_width(earned); w < 10; w++)
        fputc(' ', fp);
    fprintf(fp, "%s / ", earned);
    jz_text_pad(fp, possible, 8);
}

static void text_section(FILE *fp, const jz_rubric *rb, const jz_centre_result *c, size_t si)
{
    const jz_sec_result *s = &c->sec[si];
    char a[32], b[32], t[4096];
    fprintf(fp, "  %*s%-24s ", (s->sec->depth - 1) * 2, "", jz_text_show(s->sec->id));
    points(fp, s->possible ? jz_fp_format(s->earned, rb->ind_decimals, a, sizeof a) : _("n/a"),
           s->possible ? jz_fp_format(s->possible, rb->ind_decimals, b, sizeof b) : _("n/a"));
    fprintf(fp, " %s\n", jz_text_show(s->sec->title));
    for (size_t i = 0; i < c->nind; i++) {
        const jz_ind_result *r = &c->ind[i];
        if (strcmp(r->section, s->sec->id) != 0)
            continue;
        fprintf(fp, "  %*s  %-22s ", (s->sec->depth - 1) * 2, "", jz_text_show(r->ind->id));
        points(fp, r->status == JZ_IS_NA ? _("n/a") : jz_fp_format(r->earned, rb->ind_decimals, a, sizeof a),
               jz_fp_format(r->possible, rb->ind_decimals, b, sizeof b));
        fputc(' ', fp);
        jz_text_pad(fp, word(jz_istatus_name(r->status)), 7);
        fprintf(fp, " %s\n", says(r->derivation, t));
    }
}

static void write_text(FILE *fp, const void *doc)
{
    const jz_score_report *rep = doc;
    const jz_rubric *rb = rep->rubric;
    char a[32], b[32], d[11], t[4096], u[4096];
    for (size_t i = 0; i < rep->n; i++) {
        const jz_centre_result *c = rep->results[i];
        const jz_contract *k = c->contract;
        if (rep->explain) {
            for (size_t j = 0; j < c->nind; j++)
                if (strcmp(c->ind[j].ind->id, rep->explain) == 0) {
                    const jz_ind_result *r = &c->ind[j];
                    fprintf(fp, _("%s %s (%s): %s\n  %s, %s points, %s, scored %s%s\n  value %s\n  %s\n  earned %s of %s (%s)\n"),
                            jz_text_show(k->centre), jz_text_show(r->ind->id), jz_text_show(r->ind->title), jz_text_show(k->id), jz_text_show(r->section),
                            jz_fp_format(r->possible, rb->ind_decimals, a, sizeof a), word(jz_party_name(r->ind->party)),
                            word(score_name(r->ind)), r->ind->score.lower_better ? _(" (lower is better)") : "",
                            says(r->value_text, t), says(r->derivation, u),
                            r->status == JZ_IS_NA ? _("n/a") : jz_fp_format(r->earned, rb->ind_decimals, b, sizeof b),
                            jz_fp_format(r->possible, rb->ind_decimals, (char[32]){0}, 32), word(jz_istatus_name(r->status)));
                    for (size_t e = 0; e < r->nscores; e++)
                        fprintf(fp, _("    evaluator %s: %s%s%s%s\n"), jz_text_show(r->scores[e].evaluator),
                                jz_fp_format(r->scores[e].score, 2, a, sizeof a), r->scores[e].comment[0] ? _(", ") : "",
                                jz_text_show(r->scores[e].comment), r->scores[e].dropped ? _(" (dropped: an outlier)") : "");
                }
            continue;
        }
        if (i)
            fputc('\n', fp);
        if (k->district[0] || k->street[0])
            fprintf(fp, _("centre %s, contract %s (%s %s)\n"), jz_text_show(k->centre), jz_text_show(k->id),
                    jz_text_show(k->district), jz_text_show(k->street));
        else
            fprintf(fp, _("centre %s, contract %s\n"), jz_text_show(k->centre), jz_text_show(k->id));
        fprintf(fp, jz_trn("  rubric %s %s, as of %s (%s), %ld record\n", "  rubric %s %s, as of %s (%s), %ld records\n",
                           (unsigned long)c->records),
                jz_text_show(rb->id), jz_text_show(rb->version), jz_date_format(c->as_of, d), word(c->as_of_reason),
                c->records);
        for (size_t s = 1; s < c->nsec; s++)
            text_section(fp, rb, c, s);
        for (size_t j = 0; j < c->napplied; j++) {
            const jz_applied *x = &c->applied[j];
            fputs("  ", fp);
            jz_text_pad(fp, word(x->what), 9);
            if (strcmp(x->what, "deduction") == 0)
                fprintf(fp, _(" -%s points: %s\n"), jz_fp_format(x->points, rb->ind_decimals, a, sizeof a),
                        says(x->detail, t));
            else if (strcmp(x->what, "veto") == 0 && x->points != JZ_NONE && cap_took_nothing(c, x->id))
                fprintf(fp, _(" %s — its cap of %s is above the total: the total is not capped\n"), says(x->detail, t),
                        jz_fp_format(x->points, rb->total_decimals, a, sizeof a));
            else if (strcmp(x->what, "veto") == 0 && x->points != JZ_NONE)
                fprintf(fp, _(" %s — the total is capped at %s\n"), says(x->detail, t),
                        jz_fp_format(x->points, rb->total_decimals, a, sizeof a));
            else
                fprintf(fp, " %s\n", says(x->detail, t));
        }
        if (c->scored && c->coverage < JZ_FP)
            fprintf(fp, rb->na_reweight ? _("  coverage %s %% of the points: %s earned of %s applicable, re-weighted to the scale\n")
                                        : _("  coverage %s %% of the points: %s earned of %s applicable; n/a scored zero\n"),
                    jz_fp_format(c->coverage * 100, 1, a, sizeof a), jz_fp_format(c->earned, rb->ind_decimals, b, sizeof b),
                    jz_fp_format(c->applicable, rb->ind_decimals, (char[32]){0}, 32));
        if (!c->scored)
            fprintf(fp, _("  NOT SCORED (no total, no grade): %s\n"), says(c->grade_note, u));
        else if (!c->grade)  /* coverage too low: the re-weighted figure is no score (issue 11 item 11) */
            fprintf(fp, _("  NO GRADE (re-weighted %s of %s is not a score)%s%s\n"),
                    jz_fp_format(c->total, rb->total_decimals, a, sizeof a), jz_fp_format(rb->scale, 0, b, sizeof b),
                    c->grade_note[0] ? " — " : "", says(c->grade_note, u));
        else if (capped_by(c))
            fprintf(fp, _("  TOTAL %s of %s (capped by veto: %s): %s%s%s\n"), jz_fp_format(c->total, rb->total_decimals, a, sizeof a),
                    jz_fp_format(rb->scale, 0, b, sizeof b), jz_text_show(applied_title(c, "veto", capped_by(c)->id)),
                    c->grade ? jz_text_show(c->grade) : _("no grade"), c->grade_note[0] ? " — " : "", says(c->grade_note, u));
        else
            fprintf(fp, _("  TOTAL %s of %s: %s%s%s\n"), jz_fp_format(c->total, rb->total_decimals, a, sizeof a),
                    jz_fp_format(rb->scale, 0, b, sizeof b), c->grade ? jz_text_show(c->grade) : _("no grade"),
                    c->grade_note[0] ? " — " : "", says(c->grade_note, u));
    }
}

const jz_writer jz_score_writers[] = {
    {"text", write_text, NULL},
    {"csv", write_csv, NULL},
    {"json", write_json, NULL},
    {NULL, NULL, NULL},
};
