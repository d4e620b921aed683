/* validate_write.c — see include/jz/validate_write.h. */
#include "jz/validate_write.h"
#include "jz/emit.h"
#include "jz/schema.h"
#include "jz/i18n.h"
#include "jz/text.h"

#include <string.h>

static const char *type_name(jz_filetype t)
{
    const jz_schema *s = jz_schema_get(t);
    return s ? s->name : "unknown";
}

static void summary_json(FILE *fp, const void *doc)
{
    const jz_validate_summary *sum = doc;
    const jz_validate_file *files = sum->files;
    fputs(",\"files\":[", fp);
    for (size_t i = 0; i < sum->n; i++) {
        fputs(i ? ",\n " : "\n ", fp);
        fputs("{\"file\":", fp);
        jz_json_string(fp, strcmp(files[i].path, "-") ? files[i].path : "<stdin>");
        fprintf(fp, ",\"type\":\"%s\",\"encoding\":\"%s\",\"rows\":%ld,\"errors\":%ld,"
                    "\"warnings\":%ld,\"notes\":%ld,\"readable\":%s}",
                type_name(files[i].type), jz_encoding_name(files[i].info.enc), files[i].info.rows,
                files[i].count[JZ_ERROR], files[i].count[JZ_WARNING], files[i].count[JZ_NOTE],
                files[i].unreadable ? "false" : "true");
    }
    fprintf(fp, "],\n\"errors\":%ld,\"warnings\":%ld,\"notes\":%ld,\"not_printed\":%ld}\n",
            sum->count[JZ_ERROR], sum->count[JZ_WARNING], sum->count[JZ_NOTE], sum->not_printed);
}

/* The file types (json keeps these names) in the text summary, in the user's language. */
static const char *const type_words[] = {
    N_("records"), N_("roster"), N_("contracts"), N_("scores"), N_("survey"), N_("findings"), N_("attendance"),
    N_("verification"), N_("unknown"),
};

static const char *type_word(jz_filetype t)
{
    const char *w = type_name(t);
    for (size_t i = 0; i < sizeof type_words / sizeof *type_words; i++)
        if (strcmp(type_words[i], w) == 0)
            return _(type_words[i]);
    return w;
}

static void summary_text(FILE *fp, const void *doc)
{
    const jz_validate_summary *sum = doc;
    size_t n = sum->n;
    long rows = 0;
    for (size_t i = 0; i < n; i++) {
        const jz_validate_file *f = &sum->files[i];
        rows += f->info.rows;
        fprintf(fp, _("%s: %s%s, %ld row%s, %s (%s), %ld error%s, %ld warning%s\n"),
                strcmp(f->path, "-") ? jz_text_show(f->path) : "<stdin>", type_word(f->type),
                f->unreadable ? _(" (unreadable)") : "", f->info.rows, f->info.rows == 1 ? "" : "s",
                jz_encoding_name(f->info.enc),
                f->info.enc_reason ? _(f->info.enc_reason) : _("not opened"),
                f->count[JZ_ERROR], f->count[JZ_ERROR] == 1 ? "" : "s",
                f->count[JZ_WARNING], f->count[JZ_WARNING] == 1 ? "" : "s");
    }
    if (sum->not_printed)
        fprintf(fp, _("(%ld more problems not printed: --max-errors %ld)\n"), sum->not_printed, sum->max_errors);
    fprintf(fp, _("total: %zu file%s, %ld row%s, %ld error%s, %ld warning%s\n"), n, n == 1 ? "" : "s", rows,
            rows == 1 ? "" : "s",
            sum->count[JZ_ERROR], sum->count[JZ_ERROR] == 1 ? "" : "s", sum->count[JZ_WARNING],
            sum->count[JZ_WARNING] == 1 ? "" : "s");
}

const jz_writer jz_validate_summary_writers[] = {
    {"text", summary_text, NULL},
    {"csv", summary_text, NULL},
    {"json", summary_json, NULL},
    {NULL, NULL, NULL},
};
