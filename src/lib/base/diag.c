/* diag.c — see include/jz/diag.h */
#include "jz/diag.h"
#include "jz/i18n.h"
#include "jz/emit.h"
#include "jz/text.h"

#include <stdarg.h>
#include <string.h>

void jz_diag_init(jz_diag *d, jz_diag_fn fn, void *ctx)
{
    memset(d, 0, sizeof *d);
    d->fn = fn;
    d->ctx = ctx;
}

void jz_diag_emit(jz_diag *d, jz_severity sev, const char *file, long line, long col,
                  const char *column, const char *code, const char *fmt, ...)
{
    if (!d)
        return;
    d->count[sev]++;
    if (!d->fn)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, jz_tr(fmt), ap);
    va_end(ap);
    jz_diag_msg m = {sev, file && strcmp(file, "-") != 0 ? file : "<stdin>", line, col,
                     column ? column : "", code ? code : "", msg};
    d->fn(d->ctx, &m);
}

const char *jz_severity_label(jz_severity s)
{
    /* TRANSLATORS: the severity word of a diagnostic, as in "file:3:2: error: ...". */
    static const char *const names[] = {N_("note"), N_("warning"), N_("error")};
    return _(names[s]);
}

const char *jz_severity_name(jz_severity s)
{
    static const char *const names[] = {"note", "warning", "error"};
    return names[s];
}

void jz_diag_printer_begin(jz_diag_printer *p)
{
    if (p->format == JZ_DIAG_CSV)
        fputs("file,line,col,column,severity,code,message\n", p->fp);
    else if (p->format == JZ_DIAG_JSON)
        fputs("[", p->fp);
}

void jz_diag_print(void *ctx, const jz_diag_msg *m)
{
    jz_diag_printer *p = ctx;
    if (m->sev < p->min_sev)
        return;
    /* --max-errors limits problems (warnings and errors); notes are not problems. */
    if (m->sev != JZ_NOTE && p->max > 0 && p->limited >= p->max) {
        p->suppressed++;
        return;
    }
    p->limited += m->sev != JZ_NOTE;
    p->printed++;
    FILE *fp = p->fp;
    switch (p->format) {
    case JZ_DIAG_TEXT:
        if (p->prog)
            fprintf(fp, "%s: ", p->prog);
        jz_text_put(fp, m->file);  /* names and values quoted in a message: never raw controls */
        if (m->line > 0) {
            fprintf(fp, ":%ld", m->line);
            if (m->col > 0)
                fprintf(fp, ":%ld", m->col);
        }
        fprintf(fp, ": %s: %s [%s]\n", jz_severity_label(m->sev), jz_text_show(m->message), m->code);
        break;
    case JZ_DIAG_CSV:
        jz_csv_field(fp, m->file);
        fprintf(fp, ",%ld,%ld,", m->line, m->col);
        jz_csv_field(fp, m->column);
        fprintf(fp, ",%s,%s,", jz_severity_name(m->sev), m->code);
        jz_csv_field(fp, m->message);
        fputc('\n', fp);
        break;
    case JZ_DIAG_JSON:
        fputs(p->printed > 1 ? ",\n " : "\n ", fp);
        fputs("{\"file\":", fp);
        jz_json_string(fp, m->file);
        fprintf(fp, ",\"line\":%ld,\"col\":%ld,\"column\":", m->line, m->col);
        jz_json_string(fp, m->column);
        fprintf(fp, ",\"severity\":\"%s\",\"code\":\"%s\",\"message\":", jz_severity_name(m->sev), m->code);
        jz_json_string(fp, m->message);
        fputc('}', fp);
        break;
    }
}

void jz_diag_printer_end(jz_diag_printer *p)
{
    if (p->format == JZ_DIAG_JSON)
        fputs(p->printed ? "\n]\n" : "]\n", p->fp);
}
