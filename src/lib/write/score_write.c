/* score_write.c — see include/jz/score_write.h */
#include "jz/score_write.h"
#include "jz/i18n.h"
#include "jz/text.h"
#include "jz/sha256.h"
#include "jz/emit.h"

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
    fprintf(fp, ",\"records\":%ld,\"scored\":%s,\"total\":", c->records, c->scored ? "true" : "false");
    num(fp, c->total, rb->total_decimals, "null");
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
    fputs("]}", fp);
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
        num(fp, c->total, rb->total_decimals, "");
        fputs(",,,", fp);
        num(fp, c->total, rb->total_decimals, "");
        fputc(',', fp);
        num(fp, rb->scale, 0, "");
        fputc(',', fp);
        jz_csv_field(fp, c->grade ? c->grade : c->scored ? "no grade" : "not scored");
        fputc(',', fp);
        jz_csv_field(fp, c->grade_note);
        fputc('\n', fp);
    }
}

/* The veto whose cap is the total, if the total was capped. */
static const jz_applied *capped_by(const jz_centre_result *c)
{
    const jz_applied *low = NULL;
    for (size_t i = 0; i < c->napplied; i++)
        if (strcmp(c->applied[i].what, "veto") == 0 && c->applied[i].points != JZ_NONE &&
            (!low || c->applied[i].points < low->points))
            low = &c->applied[i];
    return low && low->points == c->total ? low : NULL;
}

static void text_section(FILE *fp, const jz_rubric *rb, const jz_centre_result *c, size_t si)
{
    const jz_sec_result *s = &c->sec[si];
    char a[32], b[32];
    fprintf(fp, "  %*s%-24s %10s / %-8s %s\n", (s->sec->depth - 1) * 2, "", jz_text_show(s->sec->id),
            s->possible ? jz_fp_format(s->earned, rb->ind_decimals, a, sizeof a) : "n/a",
            s->possible ? jz_fp_format(s->possible, rb->ind_decimals, b, sizeof b) : "n/a", jz_text_show(s->sec->title));
    for (size_t i = 0; i < c->nind; i++) {
        const jz_ind_result *r = &c->ind[i];
        if (strcmp(r->section, s->sec->id) != 0)
            continue;
        fprintf(fp, "  %*s  %-22s %10s / %-8s %-7s %s\n", (s->sec->depth - 1) * 2, "", jz_text_show(r->ind->id),
                r->status == JZ_IS_NA ? "n/a" : jz_fp_format(r->earned, rb->ind_decimals, a, sizeof a),
                jz_fp_format(r->possible, rb->ind_decimals, b, sizeof b), jz_istatus_name(r->status), jz_text_show(r->derivation));
    }
}

static void write_text(FILE *fp, const void *doc)
{
    const jz_score_report *rep = doc;
    const jz_rubric *rb = rep->rubric;
    char a[32], b[32], d[11];
    for (size_t i = 0; i < rep->n; i++) {
        const jz_centre_result *c = rep->results[i];
        const jz_contract *k = c->contract;
        if (rep->explain) {
            for (size_t j = 0; j < c->nind; j++)
                if (strcmp(c->ind[j].ind->id, rep->explain) == 0) {
                    const jz_ind_result *r = &c->ind[j];
                    fprintf(fp, "%s %s (%s): %s\n  %s, %s points, %s, scored %s%s\n  value %s\n  %s\n  earned %s of %s (%s)\n",
                            jz_text_show(k->centre), jz_text_show(r->ind->id), jz_text_show(r->ind->title), jz_text_show(k->id), jz_text_show(r->section),
                            jz_fp_format(r->possible, rb->ind_decimals, a, sizeof a), jz_party_name(r->ind->party),
                            score_name(r->ind), r->ind->score.lower_better ? " (lower is better)" : "",
                            jz_text_show(r->value_text), jz_text_show(r->derivation),
                            r->status == JZ_IS_NA ? "n/a" : jz_fp_format(r->earned, rb->ind_decimals, b, sizeof b),
                            jz_fp_format(r->possible, rb->ind_decimals, (char[32]){0}, 32), jz_istatus_name(r->status));
                    for (size_t e = 0; e < r->nscores; e++)
                        fprintf(fp, "    evaluator %s: %s%s%s%s\n", jz_text_show(r->scores[e].evaluator),
                                jz_fp_format(r->scores[e].score, 2, a, sizeof a), r->scores[e].comment[0] ? ", " : "",
                                jz_text_show(r->scores[e].comment), r->scores[e].dropped ? " (dropped: an outlier)" : "");
                }
            continue;
        }
        fprintf(fp, "%scentre %s, contract %s", i ? "\n" : "", jz_text_show(k->centre), jz_text_show(k->id));
        if (k->district[0] || k->street[0])
            fprintf(fp, " (%s %s)", jz_text_show(k->district), jz_text_show(k->street));
        fprintf(fp, "\n  rubric %s %s, as of %s (%s), %ld records\n", jz_text_show(rb->id), jz_text_show(rb->version),
                jz_date_format(c->as_of, d), jz_text_show(c->as_of_reason), c->records);
        for (size_t s = 1; s < c->nsec; s++)
            text_section(fp, rb, c, s);
        for (size_t j = 0; j < c->napplied; j++) {
            const jz_applied *x = &c->applied[j];
            if (strcmp(x->what, "deduction") == 0)
                fprintf(fp, "  %-9s -%s points: %s\n", jz_text_show(x->what), jz_fp_format(x->points, rb->ind_decimals, a, sizeof a),
                        jz_text_show(x->detail));
            else if (strcmp(x->what, "veto") == 0 && x->points != JZ_NONE)
                fprintf(fp, "  %-9s %s — the total is capped at %s\n", jz_text_show(x->what), jz_text_show(x->detail),
                        jz_fp_format(x->points, rb->total_decimals, a, sizeof a));
            else
                fprintf(fp, "  %-9s %s\n", jz_text_show(x->what), jz_text_show(x->detail));
        }
        if (c->scored && c->coverage < JZ_FP)
            fprintf(fp, "  coverage %s %% of the points: %s earned of %s applicable%s\n",
                    jz_fp_format(c->coverage * 100, 1, a, sizeof a), jz_fp_format(c->earned, rb->ind_decimals, b, sizeof b),
                    jz_fp_format(c->applicable, rb->ind_decimals, (char[32]){0}, 32),
                    rb->na_reweight ? ", re-weighted to the scale" : "; n/a scored zero");
        if (!c->scored)
            fprintf(fp, _("  NOT SCORED (no total, no grade): %s\n"), jz_text_show(c->grade_note));
        else if (capped_by(c))
            fprintf(fp, _("  TOTAL %s of %s (capped by veto: %s): %s%s%s\n"), jz_fp_format(c->total, rb->total_decimals, a, sizeof a),
                    jz_fp_format(rb->scale, 0, b, sizeof b), jz_text_show(capped_by(c)->title),
                    c->grade ? jz_text_show(c->grade) : _("no grade"), c->grade_note[0] ? " — " : "", jz_text_show(c->grade_note));
        else
            fprintf(fp, _("  TOTAL %s of %s: %s%s%s\n"), jz_fp_format(c->total, rb->total_decimals, a, sizeof a),
                    jz_fp_format(rb->scale, 0, b, sizeof b), c->grade ? jz_text_show(c->grade) : _("no grade"),
                    c->grade_note[0] ? " — " : "", jz_text_show(c->grade_note));
    }
}

const jz_writer jz_score_writers[] = {
    {"text", write_text, NULL},
    {"csv", write_csv, NULL},
    {"json", write_json, NULL},
    {NULL, NULL, NULL},
};
